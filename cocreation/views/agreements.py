"""Pages of an agreement and its versions: reading, drafting, proposing, comparing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.emails import absolute_uri_for
from core.once import submit_once
from projects.rules import get_project_for_user

from .. import selectors, services
from ..forms import (
    CommitmentForm,
    ConsentForm,
    DeclineForm,
    PartyForm,
    VersionForm,
    fixed_result_warnings,
)
from ..models import (
    Commitment,
)
from ._common import DRAFT, draft_version, show_error


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
@submit_once
def version_new(request, slug):
    project = get_project_for_user(request.user, slug, DRAFT)
    try:
        version = services.agreement_version_new_draft(
            actor=request.user, agreement=services.agreement_for(project)
        )
    except ValidationError as exc:
        show_error(request, exc)
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
@submit_once
def version_edit(request, slug, number):
    version = draft_version(request, slug, number)
    if not version.is_draft:
        return redirect(version)
    form = VersionForm(request.POST or None, instance=version)
    status = 200
    if request.method == "POST" and form.is_valid():
        status = form.save_through(
            services.agreement_version_update, actor=request.user, version=version
        )
        if status is None:
            messages.success(request, _("Concept opgeslagen."))
            return redirect("cocreation:version_edit", slug=slug, number=number)
    return _render_edit(request, version, status=status, form=form)


def _render_edit(request, version, status=200, **forms):
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
    return render(request, "cocreation/version_edit.html", context, status=status)


@require_POST
@login_required
@submit_once
def party_add(request, slug, number):
    version = draft_version(request, slug, number)
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
    version = draft_version(request, slug, number)
    party = get_object_or_404(version.parties.all(), pk=pk)
    try:
        services.party_remove(actor=request.user, party=party)
    except ValidationError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Partij verwijderd."))
    return redirect("cocreation:version_edit", slug=slug, number=number)


@require_POST
@login_required
@submit_once
def commitment_add(request, slug, number):
    version = draft_version(request, slug, number)
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
    version = draft_version(request, slug, number)
    commitment = get_object_or_404(Commitment, party__version=version, pk=pk)
    try:
        services.commitment_remove(actor=request.user, commitment=commitment)
    except ValidationError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Inzet verwijderd."))
    return redirect("cocreation:version_edit", slug=slug, number=number)


@require_POST
@login_required
def version_propose(request, slug, number):
    version = draft_version(request, slug, number)
    try:
        services.agreement_version_propose(
            actor=request.user, version=version, absolute_uri=absolute_uri_for(request)
        )
    except ValidationError as exc:
        show_error(request, exc)
        return redirect("cocreation:version_edit", slug=slug, number=number)
    messages.success(request, _("Voorgesteld. Alle partijen krijgen een e-mail om in te stemmen."))
    return redirect(version)


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
