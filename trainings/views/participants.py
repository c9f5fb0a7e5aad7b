"""The participants of a training: the list (the team; a client contact sees their own
organisation's), adding one or a pasted list, and removing one with their data."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import add_errors
from core.once import submit_once

from ..forms.participants import ParticipantForm, PasteForm
from ..rules import participants_visible_to
from ..services import participants as services
from .access import training_for_user

LIST = "trainings.view_participant_list"
MANAGE = "trainings.manage_training"
PER_PAGE = 50


def privacy_context(project) -> dict:
    """What the privacy note names: how long the data is kept."""
    return {"retention_months": settings.TRAINING_PARTICIPANT_RETENTION_MONTHS}


@require_safe
@login_required
def participants(request, slug):
    project = training_for_user(request.user, slug, LIST)
    visible = participants_visible_to(request.user, project).select_related("organisation")
    page = Paginator(visible, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "project": project,
        "page": page,
        "manages": request.user.has_perm(MANAGE, project),
        **privacy_context(project),
    }
    return render(request, "trainings/participants.html", context)


def _added_message(request, added: services.Added, repeats: list[str]) -> None:
    if added.added:
        messages.success(
            request,
            ngettext(
                "%(n)s deelnemer toegevoegd.", "%(n)s deelnemers toegevoegd.", len(added.added)
            )
            % {"n": len(added.added)},
        )
    if added.already:
        messages.info(
            request,
            _("Stond al op de lijst, niet opnieuw toegevoegd: %(emails)s.")
            % {"emails": ", ".join(added.already)},
        )
    if repeats:
        messages.info(
            request,
            _("Dubbel in de lijst, één keer toegevoegd. %(lines)s") % {"lines": " ".join(repeats)},
        )


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def participant_add(request, slug):
    project = training_for_user(request.user, slug, MANAGE)
    posted = request.POST if request.method == "POST" else None
    which = posted.get("form") if posted else None
    one_form = ParticipantForm(posted if which == "one" else None, project=project, prefix="one")
    paste_form = PasteForm(posted if which == "paste" else None, project=project, prefix="paste")
    try:
        if which == "one" and one_form.is_valid():
            data = one_form.cleaned_data
            added = services.participants_add(
                actor=request.user,
                project=project,
                people=[services.NewParticipant(name=data["name"], email=data["email"])],
                organisation=data["organisation"],
                role=data["role"],
            )
            if not added.added:
                raise ValidationError(
                    {"email": _("%(email)s staat al op de deelnemerslijst.") % data}
                )
            _added_message(request, added, [])
            return redirect("trainings:participants", slug=project.slug)
        if which == "paste" and paste_form.is_valid():
            data = paste_form.cleaned_data
            added = services.participants_add(
                actor=request.user,
                project=project,
                people=[
                    services.NewParticipant(name=p.name, email=p.email)
                    for p in paste_form.pasted.people
                ],
                organisation=data["organisation"],
                role=data["role"],
            )
            _added_message(request, added, paste_form.pasted.repeats)
            return redirect("trainings:participants", slug=project.slug)
    except ValidationError as exc:
        add_errors(one_form if which == "one" else paste_form, exc)
    context = {"project": project, "one_form": one_form, "paste_form": paste_form}
    return render(request, "trainings/participant_add.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def participant_remove(request, slug, pk):
    project = training_for_user(request.user, slug, MANAGE)
    participant = get_object_or_404(
        project.participants.select_related("organisation", "certificate", "assignment"), pk=pk
    )
    if request.method == "POST":
        services.participant_remove(actor=request.user, participant=participant)
        messages.success(request, _("De deelnemer en diens gegevens zijn verwijderd."))
        return redirect("trainings:participants", slug=project.slug)
    context = {
        "project": project,
        "participant": participant,
        "attended": participant.attendance.count(),
        "evaluations": participant.evaluations.count(),
    }
    return render(request, "trainings/participant_confirm_remove.html", context)
