import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from projects.permissions import get_project_for_user

from . import services
from .forms import (
    ConsentWithdrawForm,
    EntryForm,
    InitiativeForm,
    OwnershipStepForm,
    SignificantForm,
    TimelineFilterForm,
)
from .models import ImpactPhoto, OwnershipStep
from .selectors import (
    entries_visible_to,
    initiatives_visible_to,
    sees_internal,
    significant_changes_visible_to,
    with_timeline_data,
)

LOG = "impact.log_impact"
PER_PAGE = 20
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def _add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields, or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _entry_for(user, project, pk):
    return get_object_or_404(with_timeline_data(entries_visible_to(user, project)), pk=pk)


@require_safe
@login_required
def timeline(request, slug):
    project = get_project_for_user(request.user, slug)
    internal = sees_internal(request.user, project)
    filters = TimelineFilterForm(request.GET or None, sees_internal=internal)
    entries = with_timeline_data(filters.filter(entries_visible_to(request.user, project)))
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "page": page,
        "filters": filters,
        "sees_internal": internal,
        "query_string": query.urlencode(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "impact/_timeline_results.html" if partial else "impact/timeline.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def entry_create(request, slug):
    project = get_project_for_user(request.user, slug, LOG)
    activity = None
    if request.GET.get("activity", "").isdigit():
        activity = project.activities.filter(pk=request.GET["activity"]).first()
    posted = request.method == "POST"
    form = EntryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        project=project,
        activity=activity,
    )
    if posted and form.is_valid():
        try:
            services.entry_create(actor=request.user, project=project, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Impact vastgelegd."))
            return redirect("impact:timeline", slug=project.slug)
    return render(
        request,
        "impact/entry_form.html",
        {"form": form, "project": project, "from_activity": activity},
    )


@require_safe
@login_required
def entry_detail(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    entry = _entry_for(request.user, project, pk)
    return render(
        request,
        "impact/entry_detail.html",
        {"project": project, "entry": entry, "sees_internal": sees_internal(request.user, project)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry_edit(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    posted = request.method == "POST"
    form = EntryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=entry,
        project=project,
    )
    if posted and form.is_valid():
        try:
            services.entry_update(actor=request.user, entry=entry, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Impact bijgewerkt."))
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request, "impact/entry_form.html", {"form": form, "project": project, "entry": entry}
    )


@require_http_methods(["GET", "POST"])
@login_required
def entry_significant(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    form = SignificantForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.significance_mark(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Gekozen als meest significante verandering."))
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request, "impact/entry_significant.html", {"form": form, "project": project, "entry": entry}
    )


@require_http_methods(["GET", "POST"])
@login_required
def consent_withdraw(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user, entry=entry, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Toestemming ingetrokken. De opdrachtgever ziet dit item niet meer."),
            )
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request,
        "impact/consent_withdraw.html",
        {"form": form, "project": project, "entry": entry},
    )


@require_safe
@login_required
@cache_control(private=True, no_cache=True)
def entry_photo(request, slug, pk, photo_pk):
    # Revalidated on every view: a withdrawn consent must take the photo away at once.
    project = get_project_for_user(request.user, slug)
    photos = ImpactPhoto.objects.filter(entry__in=entries_visible_to(request.user, project))
    photo = get_object_or_404(photos, entry_id=pk, pk=photo_pk)
    try:
        file = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = photo.image.name.rsplit(".", 1)[-1].lower()
    return FileResponse(file, content_type=PHOTO_TYPES.get(extension, "application/octet-stream"))


@require_safe
@login_required
def highlights(request, slug):
    """The impact block of the client dashboard, as a partial (htmx or include)."""
    project = get_project_for_user(request.user, slug)
    context = {
        "project": project,
        "selections": significant_changes_visible_to(request.user, project)[:3],
        "latest": entries_visible_to(request.user, project)[:3],
        "initiatives": initiatives_visible_to(request.user, project)[:5],
    }
    return render(request, "impact/_highlights.html", context)


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


@require_safe
@login_required
def export_csv(request, slug):
    project = get_project_for_user(request.user, slug)
    internal = sees_internal(request.user, project)
    filters = TimelineFilterForm(request.GET or None, sees_internal=internal)
    entries = with_timeline_data(filters.filter(entries_visible_to(request.user, project)))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"impact-{project.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the BOM makes Excel read UTF-8 (ë, é) correctly
    # Semicolons: Excel with Dutch settings splits on them, not on commas.
    writer = csv.writer(response, delimiter=";")
    header = [
        _("Datum"),
        _("Soort"),
        _("Wat is er veranderd?"),
        _("Beschrijving"),
        _("Voor wie"),
        _("Waar"),
        _("Waarom doet het ertoe?"),
        _("Hoe droeg het project bij?"),
        _("Bijdragende activiteiten"),
        _("Thema's"),
        _("Wie kan het bevestigen?"),
        _("Bevestigd"),
        _("Meest significant"),
    ]
    if internal:
        header += [_("Zichtbaarheid"), _("Toestemming bewoner")]
    writer.writerow(header)
    for entry in entries:
        writer.writerow([_cell(value) for value in _row(entry, internal)])
    return response


def _row(entry, internal: bool) -> list:
    withdrawn = _("(toestemming ingetrokken)")
    words = [entry.title, entry.description, entry.for_whom, entry.location, entry.significance]
    if entry.consent_withdrawn:
        # Even a designer's export leaves the building: it carries no withdrawn words.
        words = [withdrawn, "", "", "", ""]
    title, description, for_whom, location, significance = words
    row = [
        entry.occurred_on.isoformat(),
        entry.get_kind_display(),
        title,
        description,
        for_whom,
        location,
        significance,
        entry.contribution_note,
        " | ".join(c.activity.title for c in entry.contributions.all()),
        ", ".join(theme.name for theme in entry.themes.all()),
        entry.substantiated_by,
        _("ja") if entry.substantiated else _("nee"),
        " | ".join(
            f"{date_format(s.period_start, 'j-n-Y')} – {date_format(s.period_end, 'j-n-Y')}"
            for s in entry.selections.all()
        ),
    ]
    if internal:
        row += [entry.get_visibility_display(), _consent_text(entry)]
    return row


def _consent_text(entry) -> str:
    if not entry.involves_resident:
        return _("niet nodig")
    if entry.consent_withdrawn:
        return _("ingetrokken op %(date)s") % {
            "date": date_format(timezone.localtime(entry.consent_withdrawn_at), "j-n-Y")
        }
    if not entry.consent_method:
        return _("geen")
    return f"{entry.get_consent_method_display()}, {entry.get_consent_scope_display()}"


@require_safe
@login_required
def initiative_list(request, slug):
    project = get_project_for_user(request.user, slug)
    initiatives = initiatives_visible_to(request.user, project)
    return render(
        request,
        "impact/initiative_list.html",
        {
            "project": project,
            "initiatives": initiatives,
            "levels": OwnershipStep.Level.choices,
            "sees_internal": sees_internal(request.user, project),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def initiative_create(request, slug):
    project = get_project_for_user(request.user, slug, LOG)
    form = InitiativeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                actor=request.user, project=project, **form.service_kwargs()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Initiatief vastgelegd."))
            return redirect("impact:initiative_detail", slug=project.slug, pk=initiative.pk)
    return render(request, "impact/initiative_form.html", {"form": form, "project": project})


@require_safe
@login_required
def initiative_detail(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    initiative = get_object_or_404(initiatives_visible_to(request.user, project), pk=pk)
    return render(
        request,
        "impact/initiative_detail.html",
        {
            "project": project,
            "initiative": initiative,
            "levels": OwnershipStep.Level.choices,
            "sees_internal": sees_internal(request.user, project),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def ownership_add(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    initiative = get_object_or_404(initiatives_visible_to(request.user, project), pk=pk)
    form = OwnershipStepForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.ownership_record(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Eigenaarschap bijgewerkt."))
            return redirect("impact:initiative_detail", slug=project.slug, pk=initiative.pk)
    return render(
        request,
        "impact/ownership_form.html",
        {"form": form, "project": project, "initiative": initiative},
    )


# ---- weekly digest (issue 7) ----


@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token):
    """The link in every digest: a signed token names the user, so no login is needed. GET
    asks, POST unsubscribes (mail scanners that follow links change nothing)."""
    from . import digest

    user = digest.user_for_token(token)
    if user is None:
        raise Http404
    done = request.method == "POST"
    if done:
        digest.opt_out(user)
    return render(request, "impact/digest_unsubscribe.html", {"done": done})
