"""Independent substantiation: the designer asks someone to confirm an entry (from the entry's
page), and that person answers on the page the signed link in the e-mail opens, no login."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.emails import absolute_uri_for
from core.forms import add_errors
from core.links import LinkRefused, refused_response
from core.once import submit_once
from projects.rules import get_project_for_user

from .. import substantiation
from ..forms import SubstantiationAnswerForm, SubstantiationRequestForm
from ._common import LOG


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def substantiation_request(request, slug, pk):
    """Ask a resident, partner or client contact by e-mail to confirm the entry."""
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    form = SubstantiationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asked = substantiation.request_substantiation(
                actor=request.user,
                entry=entry,
                absolute_uri=absolute_uri_for(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Gevraagd aan %(name)s; de e-mail is verstuurd.") % {"name": asked.name}
            )
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request,
        "impact/substantiation_request.html",
        {
            "form": form,
            "project": project,
            "entry": entry,
            "requests": substantiation.requests_of(entry),
            "shown": substantiation.shown_to_substantiator(entry),
        },
    )


@require_http_methods(["GET", "POST"])
def substantiation_answer(request, token):
    """The page the link opens: GET shows the entry and the questions, POST answers (once).
    A tampered, expired or used link changes nothing and says so."""
    try:
        asked = substantiation.request_for_token(token)
    except LinkRefused as refusal:
        return refused_response(request, refusal)
    form = SubstantiationAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answered = substantiation.answer_substantiation(token=token, **form.service_kwargs())
        except LinkRefused as refusal:
            return refused_response(request, refusal)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "impact/substantiation_thanks.html", {"answered": answered})
    return render(
        request,
        "impact/substantiation_answer.html",
        {
            "form": form,
            "asked": asked,
            "shown": substantiation.shown_to_substantiator(asked.entry, asked.role),
        },
    )
