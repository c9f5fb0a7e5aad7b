"""Self-registration: the team opens, copies and closes a trajectory's invitation link; a
participant registers through it on their phone, without an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.emails import absolute_uri_for
from core.links import LinkRefused, refused_response
from core.throttle import client_ip

from ..forms.participants import RegisterForm
from ..models import Registration
from ..services import participants as services
from .access import training_for_user
from .participants import MANAGE, privacy_context


@require_http_methods(["GET", "POST"])
@login_required
def registration(request, slug):
    """GET shows the link (when open); POST `open` or `close` changes it."""
    project = training_for_user(request.user, slug, MANAGE)
    if request.method == "POST":
        if request.POST.get("action") == "open":
            services.registration_open(actor=request.user, project=project)
            messages.success(request, _("De aanmeldlink is open. Kopieer hem hieronder."))
        elif request.POST.get("action") == "close":
            services.registration_close(actor=request.user, project=project)
            messages.success(
                request, _("De aanmeldlink is gesloten: niemand kan zich er nog mee aanmelden.")
            )
        return redirect("trainings:registration", slug=project.slug)
    current = Registration.objects.filter(project=project).first()
    link = expires = None
    if current is not None and current.closed_at is None:
        token = services.registration_token(current)
        link = absolute_uri_for(request)(reverse("trainings:register", args=[token]))
        expires = timezone.now() + services.link_max_age()
    context = {"project": project, "registration": current, "link": link, "expires": expires}
    return render(request, "trainings/registration.html", context)


@require_http_methods(["GET", "POST"])
def register(request, token):
    """The invitation link: no login. A forged, expired or closed link changes nothing."""
    try:
        invitation = services.registration_for_token(token)
    except LinkRefused as refusal:
        return refused_response(request, refusal)
    project = invitation.project
    organisations = services.registration_organisations(project)
    form = RegisterForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        if not services.allow_registration(client_ip(request)):
            form.add_error(
                None,
                _(
                    "Er zijn vanaf dit adres net veel aanmeldingen gedaan. Probeer het over "
                    "een uur opnieuw."
                ),
            )
        else:
            try:
                services.register(
                    registration=invitation,
                    **{
                        name: form.cleaned_data[name]
                        for name in ("name", "email", "organisation", "role")
                    },
                )
            except LinkRefused as refusal:
                return refused_response(request, refusal)
            # The same answer whether the address was new or already on the list: the page
            # does not tell anyone with the link who is registered.
            return render(request, "trainings/register_done.html", {"project": project})
    context = {"project": project, "form": form, **privacy_context(project)}
    return render(request, "trainings/register.html", context)
