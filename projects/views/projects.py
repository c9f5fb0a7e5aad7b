from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.dates import date_range
from core.once import submit_once

from ..forms.projects import PhaseActionForm, PhaseForm, ProjectForm
from ..rules import get_project_for_user
from ..services import projects as services

CHANGE = "projects.change_project"


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def project_create(request):
    if not request.user.has_perm("projects.add_project"):
        raise Http404
    posted = request.method == "POST"
    form = ProjectForm(request.POST if posted else None)
    if posted and form.is_valid():
        kwargs = form.service_kwargs()
        project = services.project_create(actor=request.user, **kwargs)
        if project.start_date and project.expected_end_date:
            term = date_range(project.start_date, project.expected_end_date)
            messages.success(
                request,
                _("Project aangemaakt, met de vier standaardfasen verdeeld over %(term)s.")
                % {"term": term},
            )
        else:
            messages.success(request, _("Project aangemaakt, met de vier standaardfasen."))
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def project_edit(request, slug):
    project = get_project_for_user(request.user, slug, CHANGE)
    posted = request.method == "POST"
    form = ProjectForm(request.POST if posted else None, instance=project)
    status = 200
    if posted and form.is_valid():
        status = form.save_through(services.project_update, actor=request.user, project=project)
        if status is None:
            messages.success(request, _("Project bijgewerkt."))
            return redirect(project)
    context = {"form": form, "project": project}
    return render(request, "projects/project_form.html", context, status=status)


PHASE_MESSAGES = {
    "add": gettext_lazy("Fase toegevoegd."),
    "rename": gettext_lazy("Fase bijgewerkt."),
    "up": gettext_lazy("Volgorde aangepast."),
    "down": gettext_lazy("Volgorde aangepast."),
    "current": gettext_lazy("Huidige fase aangepast."),
    "delete": gettext_lazy("Fase verwijderd."),
}


def _phase_prefix(phase) -> str:
    return f"phase-{phase.pk}" if phase else "new"


def _change_phases(actor, project, action: str, phase, data: dict) -> None:
    """Call the one phase service that the pressed button stands for."""
    if action == "add":
        services.phase_add(actor=actor, project=project, **data)
    elif action == "rename":
        services.phase_update(actor=actor, phase=phase, **data)
    elif action in {"up", "down"}:
        services.phase_move(actor=actor, phase=phase, step=-1 if action == "up" else 1)
    elif action == "current":
        services.phase_set_current(actor=actor, phase=phase)
    elif action == "delete":
        services.phase_delete(actor=actor, phase=phase)


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def project_phases(request, slug):
    project = get_project_for_user(request.user, slug, CHANGE)
    invalid = None  # a name form that did not validate, shown again with its errors
    if request.method == "POST":
        choice = PhaseActionForm(request.POST, project=project)
        if not choice.is_valid():
            messages.error(request, _("Die fase bestaat niet (meer) in dit project."))
            return redirect("projects:phases", slug=project.slug)
        action, phase = choice.cleaned_data["action"], choice.cleaned_data["phase"]
        if action == "add":
            phase = None
        form = None
        if action in {"add", "rename"}:
            form = PhaseForm(request.POST, instance=phase, prefix=_phase_prefix(phase))
        if form is None or form.is_valid():
            try:
                _change_phases(
                    request.user, project, action, phase, form.cleaned_data if form else {}
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, PHASE_MESSAGES[action])
            return redirect("projects:phases", slug=project.slug)
        invalid = form
    phases = list(project.phases.annotate(activity_count=Count("activities")))
    for phase in phases:
        phase.form = PhaseForm(instance=phase, prefix=_phase_prefix(phase))
        if invalid is not None and invalid.prefix == phase.form.prefix:
            phase.form = invalid
    new_form = (
        invalid if invalid is not None and invalid.prefix == "new" else PhaseForm(prefix="new")
    )
    context = {"project": project, "phases": phases, "new_form": new_form}
    return render(request, "projects/phases.html", context)
