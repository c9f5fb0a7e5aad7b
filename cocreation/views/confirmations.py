"""Order confirmations: the panel, generating, retrying and downloading."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.documents import download_response
from core.emails import site_address
from core.once import shown_at, submit_once
from projects.rules import get_project_for_user

from .. import selectors, services
from ..forms import OrderConfirmationForm
from ..models import (
    OrderConfirmation,
)
from ._common import show_error

GENERATE = "cocreation.generate_confirmation"
DOWNLOAD = "cocreation.download_confirmation"
VIEW = "cocreation.view_confirmation"


def _confirmations_panel(request, project, form=None):
    if request.htmx:
        context = selectors.confirmations_panel(request.user, project, form)
        return render(request, "cocreation/_order_confirmations.html", context)
    return redirect(project)


@require_safe
@login_required
def confirmation_list(request, slug):
    """The confirmations panel on its own: htmx polls it while a PDF is being made."""
    project = get_project_for_user(request.user, slug, DOWNLOAD)
    context = selectors.confirmations_panel(request.user, project)
    return render(request, "cocreation/_order_confirmations.html", context)


@require_POST
@login_required
@submit_once
def confirmation_generate(request, slug):
    project = get_project_for_user(request.user, slug, GENERATE)
    form = OrderConfirmationForm.for_project(
        project, data=request.POST, replacing=selectors.current_confirmation(project)
    )
    version = selectors.active_version(project)
    if form.is_valid() and version is not None:
        try:
            confirmation = services.order_confirmation_generate(
                actor=request.user,
                version=version,
                fee=form.cleaned_data["fee"],
                hours=form.cleaned_data["hours"],
                client_reference=form.cleaned_data["client_reference"],
                reason=form.cleaned_data.get("reason", ""),
                site_url=site_address(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("Opdrachtbevestiging %(number)s wordt gemaakt.") % {"number": confirmation},
                )
            panel = reverse("cocreation:confirmations", args=[slug])
            return shown_at(_confirmations_panel(request, project), panel)
    elif version is None:
        form.add_error(None, _("Er is nog geen afspraak waar alle partijen mee instemden."))
    if not request.htmx:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return _confirmations_panel(request, project, form)


@require_POST
@login_required
def confirmation_retry(request, slug, number):
    project = get_project_for_user(request.user, slug, GENERATE)
    try:
        confirmation = selectors.confirmation_of(project, number)
    except OrderConfirmation.DoesNotExist:
        raise Http404 from None
    try:
        services.order_confirmation_retry(actor=request.user, confirmation=confirmation)
    except ValidationError as exc:
        show_error(request, exc)
    return _confirmations_panel(request, project)


@require_safe
@login_required
def confirmation_download(request, slug, number):
    """The PDF as this reader may read it: in full for the firm and the client, the copy
    without fee, hours and payment for every other party (cocreation.rules)."""
    project = get_project_for_user(request.user, slug, DOWNLOAD)
    try:
        confirmation = selectors.confirmation_of(project, number)
    except OrderConfirmation.DoesNotExist:
        raise Http404 from None
    confirmation.project = project  # carries the reader's role for the checks below
    if not request.user.has_perm(VIEW, confirmation):
        raise Http404
    document = selectors.edition_for(request.user, confirmation)
    if document is None or not document.is_ready:
        raise Http404
    return download_response(document)
