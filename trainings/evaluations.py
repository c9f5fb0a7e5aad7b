"""What the evaluations say, read from the models: the trend per session (answers and average
usefulness, no names; reusable for the client's view) and the full results for the team."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from projects.models import Project

from .models import Evaluation, Session


@dataclass(frozen=True)
class TrendPoint:
    session: Session | None  # None: the evaluation at the end of the trajectory
    answered: int
    average: float | None  # usefulness 1–5, one decimal; None while nobody answered


def _average(value) -> float | None:
    return None if value is None else round(float(value), 1)


def trend(project: Project) -> list[TrendPoint]:
    """Per session that was evaluated (in order of date), then the final evaluation if asked:
    how many answered and their average usefulness. Two queries."""
    rows = (
        Evaluation.objects.filter(participant__project=project)
        .values("session_id")
        .annotate(
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            average=Avg("usefulness", filter=Q(answered_at__isnull=False)),
        )
    )
    by_session = {row["session_id"]: row for row in rows}
    sessions = Session.objects.filter(pk__in=[pk for pk in by_session if pk is not None])
    points = [
        TrendPoint(s, by_session[s.pk]["answered"], _average(by_session[s.pk]["average"]))
        for s in sessions.order_by("starts_at", "id")
    ]
    if None in by_session:
        final = by_session[None]
        points.append(TrendPoint(None, final["answered"], _average(final["average"])))
    return points


@dataclass(frozen=True)
class EvaluationResult:
    session: Session | None
    asked: int = 0
    answers: list[Evaluation] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def average(self) -> float | None:
        if not self.answers:
            return None
        return round(sum(e.usefulness for e in self.answers) / len(self.answers), 1)

    @property
    def applying(self) -> list[Evaluation]:
        return [e for e in self.answers if e.will_apply]

    @property
    def remarks(self) -> list[Evaluation]:
        return [e for e in self.answers if e.remark]


def results(project: Project) -> list[EvaluationResult]:
    """For the team: per evaluated session (by date) and the final evaluation, how many were
    asked and every answer with who gave it. One query."""
    evaluations = (
        Evaluation.objects.filter(participant__project=project)
        .select_related("participant", "session")
        .order_by("session__starts_at", "session_id", "participant__name", "id")
    )
    grouped: dict[int | None, tuple[Session | None, list[Evaluation], list[int]]] = {}
    for evaluation in evaluations:
        session, answers, asked = grouped.setdefault(
            evaluation.session_id, (evaluation.session, [], [])
        )
        asked.append(evaluation.pk)
        if evaluation.answered_at is not None:
            answers.append(evaluation)
    found = [
        EvaluationResult(session, len(asked), answers)
        for key, (session, answers, asked) in grouped.items()
        if key is not None
    ]
    if None in grouped:
        _session, answers, asked = grouped[None]
        found.append(EvaluationResult(None, len(asked), answers))
    return found
