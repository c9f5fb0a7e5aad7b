"""Practice assignments: the team records a participant's assignment and, afterwards, their
reflection on it and whether the client may read it."""

from django.db import transaction
from django.utils import timezone

from projects import audit

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
    audit.record(
        actor=by,
        project=participant.project,
        action="created" if created else "updated",
        obj=assignment,
        changes=audit.changes_between(before, audit.snapshot(assignment, FIELDS)),
    )
    return assignment
