"""The pulse: answering by the signed link from the e-mail (no login) or in the app, the pulse
page of a project, the interval designers set, and opting out of the pulse mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.links import LinkRefused, refused_response
from projects.rules import get_project_for_user

from .. import services
from ..forms import PulseAnswerForm, PulseIntervalForm
from ..models import Agreement, PulseInvitation
from ..pulse import pulse_page
from ..services import pulse as pulse_services

VIEW = "cocreation.view_pulse"


def _answer(request, invitation: PulseInvitation, *, template_context: dict):
    """GET shows the two questions (the mail's score chosen); POST records the answer once. A
    used or expired invitation says so and changes nothing."""
    if invitation.is_answered:
        return refused_response(request, LinkRefused("used"))
    if invitation.is_expired():
        return refused_response(request, LinkRefused("expired"))
    if request.method == "POST":
        form = PulseAnswerForm(request.POST)
        if form.is_valid():
            try:
                services.pulse_answer(
                    actor=invitation.user, invitation=invitation, **form.cleaned_data
                )
            except LinkRefused as refusal:
                return refused_response(request, refusal)
            return None
    else:
        form = PulseAnswerForm.from_link(request.GET.get("score"))
    context = {"invitation": invitation, "project": invitation.project, "form": form}
    return render(request, "cocreation/pulse_answer.html", {**context, **template_context})


@require_http_methods(["GET", "POST"])
def pulse_link(request, token):
    """The link in the pulse e-mail: the signed token names the invitation, so no login."""
    try:
        invitation = pulse_services.invitation_for_token(token)
    except LinkRefused as refusal:
        return refused_response(request, refusal)
    response = _answer(request, invitation, template_context={"by_link": True})
    if response is None:
        return render(request, "cocreation/pulse_thanks.html", {"project": invitation.project})
    return response


@require_http_methods(["GET", "POST"])
@login_required
def pulse_answer(request, slug, pk):
    """A logged-in client or partner answers their own open pulse (from the dashboard)."""
    project = get_project_for_user(request.user, slug, VIEW)
    invitation = get_object_or_404(
        PulseInvitation.objects.select_related("project", "user"), project=project, pk=pk
    )
    if not request.user.has_perm("cocreation.answer_pulse", invitation):
        raise Http404
    response = _answer(request, invitation, template_context={"by_link": False})
    if response is None:
        messages.success(request, _("Dank u wel! Uw antwoord is ontvangen."))
        return redirect("cocreation:pulse", slug=project.slug)
    return response


@require_safe
@login_required
def pulse(request, slug):
    """The trend for everyone of the project; every answer for the team, one's own for others."""
    project = get_project_for_user(request.user, slug, VIEW)
    page = pulse_page(request.user, project)
    form = None
    if request.user.has_perm("cocreation.set_pulse_interval", project) and page.weeks:
        form = PulseIntervalForm(instance=project.agreement)
    return render(
        request, "cocreation/pulse.html", {"project": project, "page": page, "form": form}
    )


@require_POST
@login_required
def pulse_interval(request, slug):
    """Designers set how many weeks lie between two pulses."""
    project = get_project_for_user(request.user, slug, "cocreation.set_pulse_interval")
    agreement = get_object_or_404(Agreement, project=project)
    form = PulseIntervalForm(request.POST, instance=Agreement.objects.get(pk=agreement.pk))
    if form.is_valid():
        services.pulse_interval_set(
            actor=request.user, agreement=agreement, weeks=form.cleaned_data["pulse_weeks"]
        )
        weeks = form.cleaned_data["pulse_weeks"]
        messages.success(
            request,
            ngettext("De puls gaat nu elke week.", "De puls gaat nu elke %(weeks)s weken.", weeks)
            % {"weeks": weeks},
        )
    else:
        messages.error(request, " ".join(form.errors.get("pulse_weeks", [])))
    return redirect("cocreation:pulse", slug=project.slug)


@require_http_methods(["GET", "POST"])
def pulse_opt_out(request, token):
    """The opt-out link in every pulse mail: GET asks, POST opts out (mail scanners that follow
    links change nothing)."""
    try:
        user = pulse_services.user_for_opt_out_token(token)
    except LinkRefused as refusal:
        return refused_response(request, refusal)
    done = request.method == "POST"
    if done:
        services.pulse_opt_out(user=user)
    return render(request, "cocreation/pulse_opt_out.html", {"done": done})
