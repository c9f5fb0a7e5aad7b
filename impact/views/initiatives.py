"""Resident initiatives and the steps of their ownership."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import add_errors
from core.once import submit_once
from projects.rules import get_project_for_user

from .. import services
from ..forms import (
    InitiativeForm,
    OwnershipStepForm,
)
from ..models import OwnershipStep
from ..selectors import (
    initiatives_visible_to,
    sees_internal,
)
from ._common import LOG


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
@submit_once
def initiative_create(request, slug):
    project = get_project_for_user(request.user, slug, LOG)
    form = InitiativeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                actor=request.user, project=project, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_errors(form, exc)
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
@submit_once
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
            add_errors(form, exc)
        else:
            messages.success(request, _("Eigenaarschap bijgewerkt."))
            return redirect("impact:initiative_detail", slug=project.slug, pk=initiative.pk)
    return render(
        request,
        "impact/ownership_form.html",
        {"form": form, "project": project, "initiative": initiative},
    )
