"""Who attended how much of a trajectory, and whether that earns a certificate: one reading
shared by the trajectory page, the client's view and the certificates."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from projects.models import Project

from .models import Attendance, Session


@dataclass(frozen=True)
class AttendanceTally:
    held: int  # sessions held so far (started before now)
    attended: dict[int, int]  # participant id -> sessions of those attended
    min_percent: int  # the variant's threshold for a certificate

    def share(self, participant_id: int) -> int:
        """The percentage of the held sessions this participant attended (0 when none held)."""
        if not self.held:
            return 0
        return round(100 * self.attended.get(participant_id, 0) / self.held)

    def qualifies(self, participant_id: int) -> bool:
        """At least the minimum share of the held sessions, and at least one session."""
        attended = self.attended.get(participant_id, 0)
        return attended > 0 and attended * 100 >= self.min_percent * self.held


DEFAULT_MIN_PERCENT = 75


def tally(project: Project, now=None) -> AttendanceTally:
    """Two queries: the sessions held, and the attendance at them per participant."""
    now = now or timezone.now()
    held = Session.objects.filter(project=project).held(now).count()
    rows = (
        Attendance.objects.filter(session__project=project, session__starts_at__lt=now)
        .values("participant_id")
        .annotate(n=Count("id"))
    )
    variant = project.variant if project.variant_id else None
    return AttendanceTally(
        held=held,
        attended={row["participant_id"]: row["n"] for row in rows},
        min_percent=variant.certificate_min_percent if variant else DEFAULT_MIN_PERCENT,
    )
