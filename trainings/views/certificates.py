"""Certificates of participation for the team: who qualifies, making them, downloading and
sending one to its participant."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.documents import download_response
from core.once import submit_once
from projects.models import Project

from ..attendance import tally
from ..models import Certificate, Participant
from ..services.certificates import generate_certificates, send_certificate
from .access import training_for_user

MANAGE = "trainings.manage_training"
PAGE = "trainings/certificates.html"
PANEL = "trainings/_certificates.html"


def _project(request, slug) -> Project:
    return training_for_user(request.user, slug, MANAGE)


def _certificate(project, pk) -> Certificate:
    try:
        return Certificate.objects.select_related("participant__project").get(
            pk=pk, participant__project=project
        )
    except Certificate.DoesNotExist:
        raise Http404 from None


def _rows(project) -> dict:
    """Every participant with their share, whether they qualify and their certificate."""
    count = tally(project)
    participants = Participant.objects.filter(project=project).select_related(
        "organisation", "certificate"
    )
    rows = [
        {
            "participant": participant,
            "share": count.share(participant.pk),
            "attended": count.attended.get(participant.pk, 0),
            "certificate": getattr(participant, "certificate", None),
        }
        for participant in participants
    ]
    qualifying = [row for row in rows if count.qualifies(row["participant"].pk)]
    below = [row for row in rows if not count.qualifies(row["participant"].pk)]
    return {
        "project": project,
        "held": count.held,
        "min_percent": count.min_percent,
        "qualifying": qualifying,
        "below": below,
        "to_make": any(
            row["certificate"] is None or row["certificate"].status == "failed"
            for row in qualifying
        ),
        "polling": any(r["certificate"] and r["certificate"].in_progress for r in qualifying),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@submit_once
def certificate_list(request, slug):
    """Who qualifies and who does not, each certificate's state (polled by htmx while one is
    made), and making them."""
    project = _project(request, slug)
    if request.method == "POST":
        run = generate_certificates(project, by=request.user)
        if run.created:
            messages.success(
                request,
                ngettext(
                    "%(count)s deelnamebewijs wordt gemaakt.",
                    "%(count)s deelnamebewijzen worden gemaakt.",
                    len(run.created),
                )
                % {"count": len(run.created)},
            )
        elif not run.withdrawn:
            messages.info(request, _("Er was geen nieuw deelnamebewijs te maken."))
        if run.withdrawn:
            messages.warning(
                request,
                ngettext(
                    "Het deelnamebewijs van %(names)s is ingetrokken: deze deelnemer komt na de "
                    "latere bijeenkomsten niet meer in aanmerking.",
                    "De deelnamebewijzen van %(names)s zijn ingetrokken: deze deelnemers komen "
                    "na de latere bijeenkomsten niet meer in aanmerking.",
                    len(run.withdrawn),
                )
                % {"names": ", ".join(participant.name for participant in run.withdrawn)},
            )
        return redirect("trainings:certificates", slug=project.slug)
    template = PANEL if request.htmx else PAGE
    return render(request, template, _rows(project))


@require_safe
@login_required
def certificate_download(request, slug, pk):
    project = _project(request, slug)
    certificate = _certificate(project, pk)
    if not certificate.is_ready:
        raise Http404
    return download_response(certificate)


@require_POST
@login_required
def certificate_send(request, slug, pk):
    """E-mail the certificate to its participant, the PDF attached."""
    project = _project(request, slug)
    certificate = _certificate(project, pk)
    try:
        send_certificate(certificate, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Het deelnamebewijs is verstuurd naar %(email)s.")
            % {"email": certificate.participant.email},
        )
    return redirect("trainings:certificates", slug=project.slug)
