"""Practice assignments: the team records a participant's assignment and, afterwards, their
reflection on it and whether the client may read it; or the participant writes the reflection
through a signed link (core.links, purpose "assignment"), once."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import AbsoluteUri, send_after_commit, site_uri
from core.links import LinkRefused, link_token, read_link_token
from projects import audit
from projects.models import AuditEntry

from ..models import Participant, PracticeAssignment

FIELDS = ["description", "tried", "happened", "differently", "share_with_client"]
REFLECTION = ["tried", "happened", "differently"]


@transaction.atomic
def assignment_save(
    *,
    participant: Participant,
    by,
    description: str,
    tried: str = "",
    happened: str = "",
    differently: str = "",
    share_with_client: bool = False,
) -> PracticeAssignment:
    """Create or update `participant`'s assignment; the first time a reflection is written
    dates it (`reflected_at`). Nothing is shared with the client without a reflection."""
    assignment = (
        PracticeAssignment.objects.select_for_update().filter(participant=participant).first()
    )
    created = assignment is None
    if created:
        assignment = PracticeAssignment(participant=participant)
    before = {} if created else audit.snapshot(assignment, FIELDS)
    assignment.description = description.strip()
    assignment.tried = tried.strip()
    assignment.happened = happened.strip()
    assignment.differently = differently.strip()
    reflected = any(getattr(assignment, name) for name in REFLECTION)
    assignment.share_with_client = share_with_client and reflected
    if reflected and assignment.reflected_at is None:
        assignment.reflected_at = timezone.now()
    elif not reflected:
        assignment.reflected_at = None
    assignment.full_clean()
    assignment.save()
    changed = audit.changes_between(before, audit.snapshot(assignment, FIELDS))
    _audit(by, assignment, "created" if created else "updated", changed)
    return assignment


def _audit(actor, assignment: PracticeAssignment, action: str, changed) -> None:
    # Without the personal data (as participants._audit): the trail keeps which assignment and
    # which fields changed, not the participant's name nor what they wrote, so nothing of them
    # stays behind once they are removed.
    AuditEntry.objects.create(
        project=assignment.participant.project,
        actor=actor,
        action=action,
        target_type=PracticeAssignment._meta.label_lower,
        target_id=assignment.pk,
        target_repr=_("praktijkopdracht"),
        changes={name: None for name in changed},
    )


PURPOSE = "assignment"
LINK_VALID = datetime.timedelta(days=30)


def reflection_url(assignment: PracticeAssignment, absolute_uri: AbsoluteUri = site_uri) -> str:
    """The full link with which the participant writes their own reflection."""
    token = link_token(PURPOSE, assignment.pk)
    return absolute_uri(reverse("trainings:reflect", kwargs={"token": token}))


def reflection_ask(
    *, assignment: PracticeAssignment, by, absolute_uri: AbsoluteUri = site_uri
) -> None:
    """Mail the participant a link to write the reflection themselves (once it is written, by
    them or by the team, the link opens nothing)."""
    if assignment.reflected_at is not None:
        raise ValidationError(_("De reflectie is al vastgelegd."))
    participant = assignment.participant
    send_after_commit(
        "trainings/email/reflection",
        {
            "participant": participant,
            "project": participant.project,
            "assignment": assignment,
            "url": reflection_url(assignment, absolute_uri),
            "days": LINK_VALID.days,
            "asked_by": by,
        },
        [participant.email],
    )


def _open(assignment: PracticeAssignment | None) -> PracticeAssignment:
    if assignment is None:
        raise LinkRefused("tampered")
    if assignment.reflected_at is not None:
        raise LinkRefused("used")
    return assignment


def assignment_for_token(token: str) -> PracticeAssignment:
    """The assignment awaiting a reflection that a link names; LinkRefused otherwise."""
    pk = read_link_token(PURPOSE, token, max_age=LINK_VALID)
    return _open(
        PracticeAssignment.objects.select_related("participant__project").filter(pk=pk).first()
    )


@transaction.atomic
def reflect(
    *, token: str, tried: str, happened: str, differently: str, share_with_client: bool = False
) -> PracticeAssignment:
    """The participant's own reflection by the link, once (under a row lock); LinkRefused or
    ValidationError change nothing."""
    pk = read_link_token(PURPOSE, token, max_age=LINK_VALID)
    assignment = _open(
        PracticeAssignment.objects.select_for_update()
        .select_related("participant__project")
        .filter(pk=pk)
        .first()
    )
    assignment.tried, assignment.happened = tried.strip(), happened.strip()
    assignment.differently = differently.strip()
    if not any(getattr(assignment, name) for name in REFLECTION):
        raise ValidationError(_("Schrijf bij minstens één vraag iets op."))
    assignment.share_with_client = share_with_client
    assignment.reflected_at = timezone.now()
    assignment.save()
    written = [name for name in REFLECTION if getattr(assignment, name)]
    _audit(None, assignment, "updated", [*written, "share_with_client", "reflected_at"])
    return assignment
