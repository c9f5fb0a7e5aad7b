"""Concerns: raised by clients and partners, answered and closed by designers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.emails import absolute_uri_for
from core.once import submit_once
from projects.rules import get_project_for_user

from .. import selectors, services
from ..forms import (
    ConcernForm,
    ReplyForm,
)
from ..models import (
    Concern,
)


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
@submit_once
def concern_create(request, slug):
    project = get_project_for_user(request.user, slug, "cocreation.raise_concern")
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concern = services.concern_raise(
            actor=request.user,
            project=project,
            absolute_uri=absolute_uri_for(request),
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
@submit_once
def concern_detail(request, slug, pk):
    concern = _concern(request, slug, pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_reply(
                actor=request.user,
                concern=concern,
                body=form.cleaned_data["body"],
                absolute_uri=absolute_uri_for(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reactie geplaatst."))
            return redirect(concern)
    if request.method == "GET":
        services.concern_mark_read(actor=request.user, concern=concern)
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
