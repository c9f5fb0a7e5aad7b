"""Pages of an agreement and its versions: reading, drafting, proposing, comparing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.emails import absolute_uri_for
from core.once import submit_once
from projects.rules import get_project_for_user

from .. import selectors, services, waiting
from ..agreed_on import agreed_on
from ..forms import AgreedOnForm, ConsentForm, DeclineForm, DraftEditor, fixed_result_warnings
from ..forms.editor import ADD_COMMITMENT, ADD_PARTY
from ._common import DRAFT, draft_version, show_error


@require_safe
@login_required
def agreement(request, slug):
    project = get_project_for_user(request.user, slug)
    # "What did we agree on this date?": only when a date was asked for.
    picker = AgreedOnForm(request.GET if "datum" in request.GET else None)
    open_version = selectors.open_version(project)
    proposed = open_version is not None and not open_version.is_draft
    context = {
        "project": project,
        "picker": picker,
        "agreed_on": agreed_on(project, picker.cleaned_data["datum"])
        if picker.is_valid()
        else None,
        "active": selectors.active_version(project),
        "open": open_version,
        "awaiting": waiting.awaiting_in(project) if proposed else None,
        # Each version's link names the project: read once, not once per version.
        "versions": selectors.versions_of(project, request.user).select_related(
            "agreement__project"
        ),
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
        "awaiting": waiting.awaiting_for(version),
    }
    return render(request, "cocreation/version_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def version_edit(request, slug, number):
    version = draft_version(request, slug, number)
    if not version.is_draft:
        return redirect(version)
    editor = DraftEditor(request.POST if request.method == "POST" else None, version=version)
    status = 200
    if request.method == "POST" and editor.is_valid():
        with transaction.atomic():  # a proposal holds exactly what was just saved
            status = editor.save_through(
                services.agreement_draft_save, actor=request.user, version=version
            )
            if status is None and editor.proposes:
                return _propose(request, version)
        if status is None:
            messages.success(request, _done(editor))
            anchor = "#parties-title" if editor.changes_parties else ""
            return redirect(reverse("cocreation:version_edit", args=[slug, number]) + anchor)
    return _render_edit(request, version, editor, status)


def _done(editor) -> str:
    if editor.removed_party is not None:
        return _("Partij verwijderd.")
    if editor.removed_commitment is not None:
        return _("Inzet verwijderd.")
    if editor.action == ADD_PARTY:
        return _("Partij toegevoegd.")
    if editor.action == ADD_COMMITMENT:
        return _("Inzet toegevoegd.")
    return _("Concept opgeslagen.")


def _propose(request, version):
    """Propose the draft just saved; when it is not complete yet, the save stands and the
    editor says what is missing."""
    try:
        services.agreement_version_propose(
            actor=request.user, version=version, absolute_uri=absolute_uri_for(request)
        )
    except ValidationError as exc:
        messages.success(request, _("Concept opgeslagen."))
        show_error(request, exc)
        return redirect(
            "cocreation:version_edit", slug=version.agreement.project.slug, number=version.number
        )
    messages.success(request, _("Voorgesteld. Alle partijen krijgen een e-mail om in te stemmen."))
    return redirect(version)


def _render_edit(request, version, editor, status=200):
    context = {
        "project": version.agreement.project,
        "version": version,
        "editor": editor,
        "form": editor.text,
        "party_form": editor.party,
        "commitment_form": editor.commitment,
        # Shown again after a POST that saved nothing: what is on the screen is not saved yet.
        "unsaved": editor.bound,
        "warnings": fixed_result_warnings(version),
        "last_decline": version.declines.first(),
    }
    return render(request, "cocreation/version_edit.html", context, status=status)


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
