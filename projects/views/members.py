from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.emails import absolute_uri_for
from core.once import submit_once

from .. import selectors
from ..forms.members import AddDesignerForm, InviteForm
from ..rules import get_project_for_user
from ..services import members as services

MANAGE = "projects.manage_members"


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def project_members(request, slug):
    project = get_project_for_user(request.user, slug, MANAGE)
    posted = request.POST if request.method == "POST" else None
    which = posted.get("form") if posted else None
    designer_form = AddDesignerForm(
        posted if which == "designer" else None, project=project, prefix="designer"
    )
    invite_form = InviteForm(
        posted if which == "invite" else None, project=project, prefix="invite"
    )
    try:
        if which == "designer" and designer_form.is_valid():
            user = designer_form.cleaned_data["user"]
            services.member_add(actor=request.user, project=project, user=user)
            messages.success(request, _("%(name)s is toegevoegd aan het team.") % {"name": user})
            return redirect("projects:members", slug=project.slug)
        if which == "invite" and invite_form.is_valid():
            membership = services.member_invite(
                actor=request.user,
                project=project,
                absolute_uri=absolute_uri_for(request),
                **invite_form.service_kwargs(),
            )
            messages.success(request, _invited_message(membership))
            return redirect("projects:members", slug=project.slug)
    except ValidationError as exc:
        (designer_form if which == "designer" else invite_form).add_error(None, exc)
    context = {
        "project": project,
        "designer_form": designer_form,
        "invite_form": invite_form,
        **selectors.project_members(project),
    }
    return render(request, "projects/members.html", context)


def _invited_message(membership) -> str:
    if membership.user.has_usable_password():
        text = _("%(email)s is toegevoegd en krijgt daarover een e-mail.")
    else:
        text = _("%(email)s is uitgenodigd en krijgt een e-mail om een wachtwoord in te stellen.")
    return text % {"email": membership.user.email}


@require_POST
@login_required
def member_remove(request, slug, pk):
    project = get_project_for_user(request.user, slug, MANAGE)
    membership = get_object_or_404(project.memberships.select_related("user"), pk=pk)
    services.member_remove(actor=request.user, membership=membership)
    messages.success(
        request, _("%(name)s is geen lid meer van dit project.") % {"name": membership.user}
    )
    return redirect("projects:members", slug=project.slug)
