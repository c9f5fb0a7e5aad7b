"""The team's pages for the sessions of a training trajectory: plan one, change one, and take
attendance on a phone, saved as each name is tapped."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.once import submit_once

from ..forms.sessions import SessionForm
from ..models import Attendance, Session
from ..rules import participants_visible_to
from ..services import sessions as services
from .access import training_for_user


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def session_create(request, slug):
    project = training_for_user(request.user, slug)
    posted = request.method == "POST"
    form = SessionForm(request.POST if posted else None, project=project)
    if posted and form.is_valid():
        try:
            services.session_create(actor=request.user, project=project, **form.service_kwargs())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Bijeenkomst gepland."))
            return redirect(project)
    return render(request, "trainings/session_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
@login_required
def session_edit(request, slug, pk):
    project = training_for_user(request.user, slug)
    session = get_object_or_404(project.sessions, pk=pk)
    posted = request.method == "POST"
    form = SessionForm(request.POST if posted else None, instance=session, project=project)
    if posted and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, **form.service_kwargs())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Bijeenkomst bijgewerkt."))
            return redirect(project)
    return render(
        request,
        "trainings/session_form.html",
        {"form": form, "project": project, "session": session},
    )


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, slug, pk):
    """GET: every participant as a large button. POST (participant, present): save that one
    and answer with its button (htmx) or back to the list (without script)."""
    project = training_for_user(request.user, slug)
    session = get_object_or_404(project.sessions, pk=pk)
    participants = participants_visible_to(request.user, project)
    if request.method == "POST":
        url = reverse("trainings:attendance", args=[project.slug, session.pk])
        if not request.POST.get("participant", "").isdigit():
            return redirect(url)  # nobody tapped: nothing to save
        participant = get_object_or_404(participants, pk=request.POST["participant"])
        present = request.POST.get("present") == "1"
        services.set_present(session, participant, present, request.user)
        if not request.htmx:
            return redirect(f"{url}#deelnemer-{participant.pk}")
        participant.present = present
        context = _counts(session, participants) | {
            "project": project,
            "session": session,
            "participant": participant,
            "oob": True,
        }
        return render(request, "trainings/_attendance_button.html", context)
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    rows = list(participants)
    for participant in rows:
        participant.present = participant.pk in present
    context = {
        "project": project,
        "session": session,
        "participants": rows,
        "present_count": sum(p.present for p in rows),
        "total": len(rows),
    }
    return render(request, "trainings/attendance.html", context)


def _counts(session: Session, participants) -> dict:
    """'x van y aanwezig' after a tap, counted among the participants this user sees."""
    return {
        "present_count": participants.filter(attendance__session=session).count(),
        "total": participants.count(),
    }
