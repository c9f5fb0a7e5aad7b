"""Certificates of participation (deelnamebewijzen): one per participant who qualifies by the
one attendance rule (trainings.attendance), frozen at the click and rendered by core.documents,
like the order confirmations."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import documents
from core.emails import render_mail
from projects.models import Project

from ..attendance import tally
from ..models import Attendance, Certificate, Participant, Session


@dataclass(frozen=True)
class CertificateRun:
    """What one run of `generate_certificates` did: `created` (new, or a failed one queued
    again), `already` (had one), `below` (under the threshold: listed, not certified),
    `withdrawn` (had one made earlier but no longer qualify: it is deleted, with its file)."""

    created: list[Participant] = field(default_factory=list)
    already: list[Participant] = field(default_factory=list)
    below: list[Participant] = field(default_factory=list)
    withdrawn: list[Participant] = field(default_factory=list)


def _snapshot(project: Project, participant: Participant, held: list[Session], attended) -> dict:
    """Everything the certificate shows, frozen when it is made."""
    variant = project.variant if project.variant_id else None
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "date": timezone.localdate().isoformat(),
            "participant": {
                "name": participant.name,
                "organisation": participant.organisation.name if participant.organisation else "",
            },
            "project": {
                "title": project.title,
                "client": project.client.name,
                "variant": str(variant or ""),
            },
            "held": len(held),
            "attended": [
                {
                    "title": session.title,
                    "starts_at": timezone.localtime(session.starts_at).isoformat(),
                    "location": session.location,
                }
                for session in held
                if session.pk in attended
            ],
        }


@transaction.atomic
def generate_certificates(project: Project, *, by) -> CertificateRun:
    """A certificate for every participant of `project` who qualifies and has none yet (a
    failed one is queued again), each enqueued once the transaction commits. Safe to run
    twice: a participant never gets a second certificate (one row, one file). A certificate
    made earlier for who no longer qualifies (more sessions held since) is deleted; its file
    goes once the deletion commits (delete_file_on_commit)."""
    project = Project.objects.select_related("client", "variant").get(pk=project.pk)
    now = timezone.now()
    # Locked, so two runs at once queue up here and the second finds the first's rows.
    participants = list(
        Participant.objects.select_for_update(of=("self",))
        .filter(project=project)
        .select_related("organisation")
        .order_by("name", "id")
    )
    count = tally(project, now)
    held = list(Session.objects.filter(project=project).held(now).order_by("starts_at", "id"))
    present: dict[int, set[int]] = {}
    for participant_id, session_id in Attendance.objects.filter(
        session__in=held, participant__in=participants
    ).values_list("participant_id", "session_id"):
        present.setdefault(participant_id, set()).add(session_id)
    existing = {
        c.participant_id: c
        for c in Certificate.objects.select_for_update().filter(participant__in=participants)
    }
    run = CertificateRun()
    for participant in participants:
        certificate = existing.get(participant.pk)
        if not count.qualifies(participant.pk):
            if certificate is not None:
                certificate.delete()
                run.withdrawn.append(participant)
            run.below.append(participant)
            continue
        if certificate is None:
            certificate = Certificate.objects.create(
                participant=participant,
                snapshot=_snapshot(project, participant, held, present.get(participant.pk, ())),
                enqueued_at=now,
            )
        elif certificate.status == Certificate.Status.FAILED:
            certificate.status = Certificate.Status.QUEUED
            certificate.attempts = 0
            certificate.error = ""
            certificate.enqueued_at = now
            certificate.save(update_fields=["status", "attempts", "error", "enqueued_at"])
        else:
            run.already.append(participant)
            continue
        documents.enqueue_on_commit(Certificate, certificate.pk)
        run.created.append(participant)
    return run


def send_certificate(certificate: Certificate, *, by) -> None:
    """E-mail the ready certificate to its participant, the PDF attached, once the current
    transaction commits."""
    if not certificate.is_ready:
        raise ValidationError(
            _("Dit deelnamebewijs is nog niet klaar; versturen kan zodra het klaar is."),
            code="not_ready",
        )
    participant = certificate.participant
    context = {"participant": participant, "project": participant.project}
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = render_mail("trainings/email/certificate", context)
    with certificate.pdf.open("rb") as pdf:
        content = pdf.read()
    message = EmailMessage(subject, body, None, [participant.email])
    message.attach(certificate.filename, content, "application/pdf")
    transaction.on_commit(message.send)


def certificate_sweep(*, older_than: datetime.timedelta = documents.STUCK_AFTER) -> int:
    """Enqueue again the certificates stuck in queued or rendering. Returns how many."""
    return documents.sweep(Certificate, older_than=older_than)


def delete_file_on_commit(sender, instance: Certificate, **kwargs) -> None:
    """Remove a deleted certificate's stored PDF once the deletion has committed (storage
    knows nothing of transactions): no participant's name stays behind in a file."""
    if not instance.pdf:
        return
    storage, name = instance.pdf.storage, instance.pdf.name
    transaction.on_commit(lambda: storage.delete(name))
