"""What the evaluations say, read from the models: the full results for the team. (The trend
per session, with its minimum of answers, is trainings/selectors.py's.)"""

from dataclasses import dataclass, field

from projects.models import Project

from .models import Evaluation, Session


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
