from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects.permissions import get_project_for_user

from . import confirmations, reports, selectors, services
from .forms import (
    CheckInForm,
    CommitmentForm,
    ConcernForm,
    ConsentForm,
    DeclineForm,
    PartyForm,
    ReplyForm,
    VersionForm,
    fixed_result_warnings,
)
from .models import (
    AgreementVersion,
    CheckIn,
    Commitment,
    Concern,
    OrderConfirmation,
    ProgressReport,
)

DRAFT = "cocreation.draft_agreement"


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _draft(request, slug, number) -> AgreementVersion:
    """The version to edit, for someone who may draft; a version past draft goes to its page."""
    project = get_project_for_user(request.user, slug, DRAFT)
    return selectors.version_page(project, number, request.user)


# ---- agreement and versions ----


@require_safe
@login_required
def agreement(request, slug):
    project = get_project_for_user(request.user, slug)
    context = {
        "project": project,
        "active": selectors.active_version(project),
        "open": selectors.open_version(project),
        "versions": selectors.versions_of(project, request.user),
        "next_check_in": selectors.next_check_in(project),
        "check_ins": selectors.check_ins_of(project),
    }
    return render(request, "cocreation/agreement.html", context)


@require_POST
@login_required
def version_new(request, slug):
    project = get_project_for_user(request.user, slug, DRAFT)
    try:
        version = services.agreement_version_new_draft(
            actor=request.user, agreement=services.agreement_for(project)
        )
    except ValidationError as exc:
        _error(request, exc)
        return redirect("cocreation:agreement", slug=slug)
    messages.success(request, _("Nieuwe versie gemaakt. Pas haar aan en stel haar voor."))
    return redirect("cocreation:version_edit", slug=slug, number=version.number)


@require_safe
@login_required
def version_detail(request, slug, number):
    project = get_project_for_user(request.user, slug)
    version = selectors.version_page(project, number, request.user)
    answering = selectors.parties_answering(request.user, version)
    initial = {"content_hash": version.content_hash, "party": answering[0] if answering else None}
    context = {
        "project": project,
        "version": version,
        "answering": answering,
        "consent_form": ConsentForm(version=version, initial=initial),
        "decline_form": DeclineForm(version=version, initial=initial),
        "previous": selectors.previous_agreed(version),
    }
    return render(request, "cocreation/version_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def version_edit(request, slug, number):
    version = _draft(request, slug, number)
    if not version.is_draft:
        return redirect(version)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_version_update(
                actor=request.user, version=version, **form.service_kwargs()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Concept opgeslagen."))
            return redirect("cocreation:version_edit", slug=slug, number=number)
    return _render_edit(request, version, form=form)


def _render_edit(request, version, **forms):
    project = version.agreement.project
    context = {
        "project": project,
        "version": version,
        "form": forms.get("form") or VersionForm(instance=version),
        "party_form": forms.get("party_form") or PartyForm(project=project),
        "commitment_form": forms.get("commitment_form") or CommitmentForm(version=version),
        "warnings": fixed_result_warnings(version),
        "last_decline": version.declines.first(),
    }
    return render(request, "cocreation/version_edit.html", context)


@require_POST
@login_required
def party_add(request, slug, number):
    version = _draft(request, slug, number)
    form = PartyForm(request.POST, project=version.agreement.project)
    if form.is_valid():
        try:
            services.party_add(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Partij toegevoegd."))
            return redirect("cocreation:version_edit", slug=slug, number=number)
    return _render_edit(request, version, party_form=form)


@require_POST
@login_required
def party_remove(request, slug, number, pk):
    version = _draft(request, slug, number)
    party = get_object_or_404(version.parties.all(), pk=pk)
    try:
        services.party_remove(actor=request.user, party=party)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Partij verwijderd."))
    return redirect("cocreation:version_edit", slug=slug, number=number)


@require_POST
@login_required
def commitment_add(request, slug, number):
    version = _draft(request, slug, number)
    form = CommitmentForm(request.POST, version=version)
    if form.is_valid():
        try:
            services.commitment_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Inzet toegevoegd."))
            return redirect("cocreation:version_edit", slug=slug, number=number)
    return _render_edit(request, version, commitment_form=form)


@require_POST
@login_required
def commitment_remove(request, slug, number, pk):
    version = _draft(request, slug, number)
    commitment = get_object_or_404(Commitment, party__version=version, pk=pk)
    try:
        services.commitment_remove(actor=request.user, commitment=commitment)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Inzet verwijderd."))
    return redirect("cocreation:version_edit", slug=slug, number=number)


@require_POST
@login_required
def version_propose(request, slug, number):
    version = _draft(request, slug, number)
    try:
        services.agreement_version_propose(
            actor=request.user, version=version, absolute_uri=request.build_absolute_uri
        )
    except ValidationError as exc:
        _error(request, exc)
        return redirect("cocreation:version_edit", slug=slug, number=number)
    messages.success(request, _("Voorgesteld. Alle partijen krijgen een e-mail om in te stemmen."))
    return redirect(version)


def _answer_version(request, slug, number, form_class, service, invalid, done):
    """A party's answer to a proposed version (agree or decline): one flow, two services."""
    project = get_project_for_user(request.user, slug)
    version = selectors.version_page(project, number, request.user)
    form = form_class(request.POST, version=version)
    if not form.is_valid():
        messages.error(request, invalid)
        return redirect(version)
    try:
        service(
            actor=request.user,
            version=version,
            absolute_uri=request.build_absolute_uri,
            **form.cleaned_data,
        )
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, done)
    return redirect(version)


@require_POST
@login_required
def version_consent(request, slug, number):
    return _answer_version(
        request,
        slug,
        number,
        ConsentForm,
        services.consent_to,
        _("Kies de partij namens wie u instemt."),
        _("Dank u wel: uw instemming is vastgelegd."),
    )


@require_POST
@login_required
def version_decline(request, slug, number):
    return _answer_version(
        request,
        slug,
        number,
        DeclineForm,
        services.consent_decline,
        _("Laat weten waarom u niet instemt."),
        _("Uw reactie is doorgegeven aan de buurtdesigners."),
    )


@require_safe
@login_required
def version_diff(request, slug, number):
    project = get_project_for_user(request.user, slug)
    version = selectors.version_page(project, number, request.user)
    previous = selectors.previous_agreed(version)
    context = {
        "project": project,
        "version": version,
        "previous": previous,
        "sections": selectors.version_diff(previous, version),
    }
    return render(request, "cocreation/version_diff.html", context)


# ---- check-ins ----


@require_http_methods(["GET", "POST"])
@login_required
def check_in_create(request, slug):
    project = get_project_for_user(request.user, slug, "cocreation.record_check_in")
    version = selectors.active_version(project)
    if version is None:
        raise Http404
    initial = {"date": timezone.localdate()}
    commitments = selectors.commitments_to_review(version)
    form = CheckInForm(request.POST or None, commitments=commitments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_in = services.check_in_record(
                actor=request.user,
                agreement=version.agreement,
                date=data["date"],
                attendees=data["attendees"],
                notes=data["notes"],
                adjustments=data["adjustments"],
                reviews=form.reviews(),
            )
            if data["start_new_version"]:
                draft = services.agreement_version_new_draft(
                    actor=request.user, agreement=version.agreement, from_version=version
                )
                messages.success(request, _("Reflectiemoment vastgelegd; nieuwe versie gemaakt."))
                return redirect("cocreation:version_edit", slug=slug, number=draft.number)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reflectiemoment vastgelegd."))
            return redirect("cocreation:check_in", slug=slug, pk=check_in.pk)
    context = {"project": project, "version": version, "form": form}
    return render(request, "cocreation/check_in_form.html", context)


@require_safe
@login_required
def check_in_detail(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    check_in = get_object_or_404(
        CheckIn.objects.select_related("version", "recorded_by").prefetch_related(
            "reviews__commitment__party__organisation"
        ),
        agreement__project=project,
        pk=pk,
    )
    return render(
        request, "cocreation/check_in_detail.html", {"project": project, "check_in": check_in}
    )


# ---- concerns ----


@require_safe
@login_required
def concern_list(request, slug):
    project = get_project_for_user(request.user, slug)
    concerns = selectors.concerns_visible_to(request.user, project)
    return render(
        request, "cocreation/concern_list.html", {"project": project, "concerns": concerns}
    )


@require_http_methods(["GET", "POST"])
@login_required
def concern_create(request, slug):
    project = get_project_for_user(request.user, slug, "cocreation.raise_concern")
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concern = services.concern_raise(
            actor=request.user,
            project=project,
            absolute_uri=request.build_absolute_uri,
            **form.cleaned_data,
        )
        messages.success(request, _("Uw vraag is verstuurd. De buurtdesigners reageren hier."))
        return redirect(concern)
    return render(request, "cocreation/concern_form.html", {"project": project, "form": form})


def _concern(request, slug, pk) -> Concern:
    project = get_project_for_user(request.user, slug)
    concern = get_object_or_404(
        Concern.objects.select_related("project", "raised_by", "closed_by"), project=project, pk=pk
    )
    if not request.user.has_perm("cocreation.view_concern", concern):
        raise Http404
    return concern


@require_http_methods(["GET", "POST"])
@login_required
def concern_detail(request, slug, pk):
    concern = _concern(request, slug, pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_reply(
                actor=request.user,
                concern=concern,
                body=form.cleaned_data["body"],
                absolute_uri=request.build_absolute_uri,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reactie geplaatst."))
            return redirect(concern)
    context = {
        "project": concern.project,
        "concern": concern,
        "replies": concern.replies.select_related("author"),
        "form": form,
    }
    return render(request, "cocreation/concern_detail.html", context)


@require_POST
@login_required
def concern_close(request, slug, pk):
    concern = _concern(request, slug, pk)
    if not request.user.has_perm("cocreation.close_concern", concern):
        raise Http404
    services.concern_close(actor=request.user, concern=concern)
    messages.success(request, _("Vraag gesloten."))
    return redirect(concern)


# ---- order confirmations ----

GENERATE = "cocreation.generate_confirmation"
DOWNLOAD = "cocreation.download_confirmation"


def _confirmations_panel(request, project, form=None):
    if request.htmx:
        context = confirmations.panel_context(request.user, project, form)
        return render(request, "cocreation/_order_confirmations.html", context)
    return redirect(project)


@require_safe
@login_required
def confirmation_list(request, slug):
    """The confirmations panel on its own: htmx polls it while a PDF is being made."""
    project = get_project_for_user(request.user, slug, DOWNLOAD)
    context = confirmations.panel_context(request.user, project)
    return render(request, "cocreation/_order_confirmations.html", context)


@require_POST
@login_required
def confirmation_generate(request, slug):
    project = get_project_for_user(request.user, slug, GENERATE)
    form = confirmations.OrderConfirmationForm.for_project(project, data=request.POST)
    version = selectors.active_version(project)
    if form.is_valid() and version is not None:
        try:
            confirmation = services.order_confirmation_generate(
                actor=request.user,
                version=version,
                fee=form.cleaned_data["fee"],
                hours=form.cleaned_data["hours"],
                term=form.cleaned_data["term"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("Opdrachtbevestiging %(number)s wordt gemaakt.") % {"number": confirmation},
                )
            return _confirmations_panel(request, project)
    elif version is None:
        form.add_error(None, _("Er is nog geen afspraak waar alle partijen mee instemden."))
    if not request.htmx:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _confirmations_panel(request, project, form)


@require_POST
@login_required
def confirmation_retry(request, slug, number):
    project = get_project_for_user(request.user, slug, GENERATE)
    try:
        confirmation = confirmations.confirmation_of(project, number)
    except OrderConfirmation.DoesNotExist:
        raise Http404 from None
    try:
        services.order_confirmation_retry(actor=request.user, confirmation=confirmation)
    except ValidationError as exc:
        _error(request, exc)
    return _confirmations_panel(request, project)


@require_safe
@login_required
def confirmation_download(request, slug, number):
    project = get_project_for_user(request.user, slug, DOWNLOAD)
    try:
        confirmation = confirmations.confirmation_of(project, number)
    except OrderConfirmation.DoesNotExist:
        raise Http404 from None
    if not confirmation.is_ready:
        raise Http404
    response = FileResponse(
        confirmation.pdf.open("rb"),
        as_attachment=True,
        filename=confirmation.filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ---- progress reports (issue 7) ----


def _reports_panel(request, project, form=None):
    if request.htmx:
        context = reports.panel_context(request.user, project, form)
        return render(request, "cocreation/_progress_reports.html", context)
    return redirect("projects:dashboard", slug=project.slug)


@require_safe
@login_required
def report_list(request, slug):
    """The progress reports panel on its own: htmx polls it while a report is being made."""
    project = get_project_for_user(request.user, slug, reports.REQUEST)
    context = reports.panel_context(request.user, project)
    return render(request, "cocreation/_progress_reports.html", context)


@require_POST
@login_required
def report_request(request, slug):
    project = get_project_for_user(request.user, slug, reports.REQUEST)
    form = reports.ProgressReportForm.for_project(project, data=request.POST)
    if form.is_valid():
        try:
            services.progress_report_request(
                actor=request.user,
                project=project,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(request, _("De voortgangsrapportage wordt gemaakt."))
            return _reports_panel(request, project)
    if not request.htmx:
        _error(request, ValidationError([e for errors in form.errors.values() for e in errors]))
    return _reports_panel(request, project, form)


@require_safe
@login_required
def report_download(request, slug, pk):
    project = get_project_for_user(request.user, slug, reports.REQUEST)
    try:
        report = reports.report_of(request.user, project, pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None
    if not report.is_ready:
        raise Http404
    response = FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=report.filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
