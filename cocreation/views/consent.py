"""Agreeing to a proposed version, or declining it with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.emails import absolute_uri_for
from core.once import submit_once
from projects.rules import get_project_for_user

from .. import selectors, services
from ..forms import (
    ConsentForm,
    DeclineForm,
)
from ._common import show_error


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
            absolute_uri=absolute_uri_for(request),
            **form.cleaned_data,
        )
    except ValidationError as exc:
        show_error(request, exc)
    else:
        messages.success(request, done)
    return redirect(version)


@require_POST
@login_required
@submit_once
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
@submit_once
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
