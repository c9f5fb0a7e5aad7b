"""Read side of the pulse: the trend per period (aggregated, never naming anyone), the open
invitations a person may still answer, and what the pulse page shows each user."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from core.rows import from_json, json_rows
from projects.models import Project

from .models import PulseInvitation
from .models.pulse import ANSWER_WINDOW
from .rules import PULSE_MIN_SHOWN, pulse_answers_visible_to, pulse_min_answers

TREND_PERIODS = 12


@dataclass(frozen=True)
class PulsePoint:
    """One period of the trend: how many answered and, when enough did, the two averages."""

    period_start: datetime.date
    answers: int
    ambition: float | None  # None: too few answers to show
    collaboration: float | None

    @property
    def shown(self) -> bool:
        return self.ambition is not None


TREND_SINCE = datetime.timedelta(days=2 * 365)  # bounds the rows read for the trend
ANSWER_FIELDS = ["period_start", "ambition", "collaboration"]


def _answered(today: datetime.date) -> QuerySet[PulseInvitation]:
    return PulseInvitation.objects.filter(
        answered_at__isnull=False, period_start__gte=today - TREND_SINCE
    )


def read_along(user) -> dict:
    """Annotations for a project queryset that bring the pulse along in the project's own
    query (no query of their own): its recent answers (`pulse_rows`, for `pulse_trend`) and
    `user`'s open pulse there (`open_pulse_id`, for `open_pulse_id`)."""
    return {"pulse_rows": answers_along(timezone.localdate()), **open_pulse_along(user)}


def answers_along(today: datetime.date):
    """The annotation for a project queryset that brings the answers of its trend as of
    `today` along (`pulse_rows`, for `pulse_trend`)."""
    return json_rows(_answered(today), parent="project", fields=ANSWER_FIELDS)


def open_pulse_along(user, *, closes: bool = False) -> dict:
    """The annotation for a project queryset that brings `user`'s open pulse there along
    (`open_pulse_id`), without a query of its own; with `closes`, also when it was sent (for
    `open_pulse_closes`)."""
    open_pulse = open_pulse_invitations(user).filter(project=OuterRef("pk"))
    along = {"open_pulse_id": Subquery(open_pulse.values("pk")[:1])}
    if closes:
        along["open_pulse_sent_at"] = Subquery(open_pulse.values("sent_at")[:1])
    return along


def open_pulse_closes(project: Project) -> datetime.datetime | None:
    """When the open pulse read along with `project` (`open_pulse_along(closes=True)`) stops
    being open; None when there is none."""
    sent_at = getattr(project, "open_pulse_sent_at", None)
    return sent_at + ANSWER_WINDOW if sent_at else None


def pulse_trend(project: Project, *, min_answers: int = PULSE_MIN_SHOWN) -> list[PulsePoint]:
    """Per period with at least one answer (the last TREND_PERIODS, oldest first): the number
    of answers and the average of each question, left out below `min_answers` answers. Read
    along with the project (`read_along`) or in one query. The team, who see every answer
    anyway, may pass `min_answers=1` (`rules.pulse_min_answers`)."""
    if hasattr(project, "pulse_rows"):
        rows = from_json(PulseInvitation, project.pulse_rows)
    else:
        rows = list(_answered(timezone.localdate()).filter(project=project).only(*ANSWER_FIELDS))
    return _trend(rows, min_answers)


def pulse_trends_of(project_ids: list[int], *, min_answers: int = PULSE_MIN_SHOWN) -> dict:
    """`pulse_trend` for many projects at once, by project id (absent: no answers): one
    query."""
    rows: dict[int, list] = {}
    answered = _answered(timezone.localdate()).filter(project_id__in=project_ids)
    for row in answered.only("project_id", *ANSWER_FIELDS):
        rows.setdefault(row.project_id, []).append(row)
    return {pk: _trend(found, min_answers) for pk, found in rows.items()}


def _trend(rows, min_answers: int) -> list[PulsePoint]:
    periods: dict = {}
    for row in rows:
        periods.setdefault(row.period_start, []).append(row)
    points = []
    for start in sorted(periods)[-TREND_PERIODS:]:
        answers = periods[start]
        shown = len(answers) >= min_answers
        points.append(
            PulsePoint(
                period_start=start,
                answers=len(answers),
                ambition=_average(a.ambition for a in answers) if shown else None,
                collaboration=_average(a.collaboration for a in answers) if shown else None,
            )
        )
    return points


def _average(scores) -> float:
    scores = list(scores)
    return round(sum(scores) / len(scores), 1)


def open_pulse_id(user, project: Project) -> int | None:
    """The id of `user`'s open pulse in `project`: read along (`read_along`) or queried."""
    if hasattr(project, "open_pulse_id"):
        return project.open_pulse_id
    return open_pulse_invitations(user, project).values_list("pk", flat=True).first()


def open_pulse_invitations(user, project: Project | None = None) -> QuerySet[PulseInvitation]:
    """The pulses `user` may still answer (in `project`, when given), newest first: sent to them
    in a project they still belong to, unanswered, within the answer window."""
    invitations = PulseInvitation.objects.none()
    if user.is_authenticated and user.is_active:
        invitations = PulseInvitation.objects.filter(
            user=user,
            answered_at__isnull=True,
            sent_at__gte=timezone.now() - ANSWER_WINDOW,
            project__memberships__user=user,
        ).select_related("project")
    if project is not None:
        invitations = invitations.filter(project=project)
    return invitations.order_by("-sent_at", "-id")


@dataclass(frozen=True)
class PulsePage:
    """The pulse page of one project for one user."""

    project: Project
    trend: list[PulsePoint]
    answers: list[PulseInvitation]  # every answer for the team; their own for others
    open: PulseInvitation | None  # the user's own open pulse here
    weeks: int | None  # the interval, when the project has an agreement


def pulse_page(user, project: Project) -> PulsePage:
    """What `user` (who may see `project`) sees on its pulse page."""
    agreement = getattr(project, "agreement", None)
    return PulsePage(
        project=project,
        trend=pulse_trend(project, min_answers=pulse_min_answers(user, project)),
        answers=list(pulse_answers_visible_to(user, project)[:100]),
        open=open_pulse_invitations(user, project).first(),
        weeks=agreement.pulse_weeks if agreement else None,
    )
