"""The read side of a training for pages: the team's trajectory page and the client's dashboard.

One call, `training_overview(user, project)`, reads everything in a fixed number of queries
(whatever the number of sessions and participants) into plain objects the templates display.
Names of participants only for those `user` may see (trainings.rules); of the others, counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, F, Value, When
from django.utils import timezone

from projects.models import Project
from projects.rules import is_client_of, is_designer

from .attendance import DEFAULT_MIN_PERCENT, AttendanceTally
from .models import Attendance, Evaluation, Participant, PracticeAssignment, Session
from .rules import participants_visible_to

# Below this many answers an average is not shown to anyone outside the team: with fewer, one
# participant's score could be worked out (the same rule as the pulse, cocreation.rules).
EVALUATION_MIN_SHOWN = 3


def is_training(project: Project) -> bool:
    """Whether `project` is a training (its service is Buurtwerk). No query when the project
    was read with its variant and service (or has no variant)."""
    return bool(project.variant_id) and project.variant.service.is_training


def evaluation_min_answers(user) -> int:
    """How many answers a session needs before `user` sees its average usefulness: the team
    reads every answer anyway (1); anyone else EVALUATION_MIN_SHOWN."""
    return 1 if is_designer(user) else EVALUATION_MIN_SHOWN


@dataclass(frozen=True)
class SessionRow:
    session: Session  # with its phase and trainers read along
    held: bool
    present: int  # participants present (0 for a viewer who reads no participants)
    participants: int  # participants of the trajectory (idem)


@dataclass(frozen=True)
class ParticipantRow:
    participant: Participant  # with its organisation
    present: list[bool]  # per held session, in order
    attended: int
    share: int  # percent of the held sessions
    qualifies: bool  # for a certificate (trainings.attendance, the one rule)


@dataclass(frozen=True)
class EvaluationPoint:
    """The evaluations of one session (or, without a session, of the whole trajectory)."""

    session: Session | None
    answered: int
    average: float | None  # None: too few answers to show one


@dataclass(frozen=True)
class SharedRemark:
    session: Session | None  # None: the final evaluation
    will_apply: str
    remark: str


@dataclass(frozen=True)
class PracticeStory:
    name: str | None  # None when the viewer may not see who it is
    description: str
    tried: str
    happened: str
    differently: str


@dataclass(frozen=True)
class TrainingOverview:
    project: Project
    held: list[SessionRow]  # oldest first
    planned: list[SessionRow]  # next first
    participant_count: int  # 0 for a viewer who reads no participants (a partner)
    participants: list[ParticipantRow]  # only those whose names the viewer may see
    qualifying: int  # of all participants, a count (idem)
    min_percent: int
    trend: list[EvaluationPoint]
    remarks: list[SharedRemark]  # shared with consent; empty for a partner
    stories: list[PracticeStory]  # shared with consent; empty for a partner
    # The team and the client contacts read the participants' data and what they shared (DESIGN
    # §5); anyone else (a partner) the sessions only: no attendance, participants or remarks.
    reads_shared: bool

    @property
    def hidden_participants(self) -> int:
        """Participants whose names the viewer may not see."""
        return self.participant_count - len(self.participants)

    @property
    def held_sessions(self) -> list[Session]:
        return [row.session for row in self.held]


def training_overview(user, project: Project, now=None) -> TrainingOverview | None:
    """What `user` (who may see `project`) sees of the training `project`; None when the
    project is no training. Six queries at most, whatever its size; a partner gets the
    sessions and the evaluations' trend, nothing of the participants (fewer queries)."""
    if not is_training(project):
        return None
    now = now or timezone.now()
    sessions = list(
        Session.objects.filter(project=project)
        .select_related("phase")
        .prefetch_related("trainers")
        .order_by("starts_at", "id")
    )
    held = [session for session in sessions if session.is_held(now)]
    reads_shared = is_designer(user) or is_client_of(user, project)
    present = set()
    participants = []
    if reads_shared:
        present = set(
            Attendance.objects.filter(session__project=project, session__starts_at__lt=now)
            .values_list("session_id", "participant_id")
            .order_by()
        )
        participants = _participants(user, project)
    attended = Counter(participant_id for _session, participant_id in present)
    per_session = Counter(session_id for session_id, _participant in present)
    tally = AttendanceTally(
        held=len(held), attended=dict(attended), min_percent=_min_percent(project)
    )
    evaluations = _answered_evaluations(project)
    rows = [
        SessionRow(
            session=session,
            held=session in held,
            present=per_session.get(session.pk, 0),
            participants=len(participants),
        )
        for session in sessions
    ]
    return TrainingOverview(
        project=project,
        held=[row for row in rows if row.held],
        planned=[row for row in rows if not row.held],
        participant_count=len(participants),
        participants=[
            _participant_row(participant, held, present, tally)
            for participant in participants
            if participant.visible
        ],
        qualifying=sum(1 for participant in participants if tally.qualifies(participant.pk)),
        min_percent=tally.min_percent,
        trend=evaluation_trend(evaluations, held, min_answers=evaluation_min_answers(user)),
        remarks=shared_remarks(evaluations, sessions) if reads_shared else [],
        stories=practice_stories(user, project) if reads_shared else [],
        reads_shared=reads_shared,
    )


def next_change(training: TrainingOverview | None):
    """When what `training` shows turns with the clock: the next planned session starts and
    counts as held from then on; None when no session is planned (or no training)."""
    if training is None or not training.planned:
        return None
    return min(row.session.starts_at for row in training.planned)


def _min_percent(project: Project) -> int:
    variant = project.variant if project.variant_id else None
    return variant.certificate_min_percent if variant else DEFAULT_MIN_PERCENT


def _participants(user, project: Project) -> list[Participant]:
    """Every participant of `project`, each marked `visible` when `user` may see who it is
    (trainings.rules); the others' names are left unread. One query."""
    visible = participants_visible_to(user, project).values("pk")
    return list(
        Participant.objects.filter(project=project)
        .select_related("organisation")
        .annotate(visible=Case(When(pk__in=visible, then=True), default=False))
        .defer("email")
    )


def _participant_row(
    participant: Participant, held: list[Session], present: set, tally: AttendanceTally
) -> ParticipantRow:
    marks = [(session.pk, participant.pk) in present for session in held]
    return ParticipantRow(
        participant=participant,
        present=marks,
        attended=sum(marks),
        share=tally.share(participant.pk),
        qualifies=tally.qualifies(participant.pk),
    )


def _answered_evaluations(project: Project) -> list[dict]:
    """The answers to the evaluations of `project`, without who gave them. One query."""
    return list(
        Evaluation.objects.filter(participant__project=project, answered_at__isnull=False)
        .values("session_id", "usefulness", "will_apply", "remark", "share_remark")
        .order_by("answered_at", "id")
    )


def evaluation_trend(
    evaluations: list[dict], held: list[Session], *, min_answers: int = EVALUATION_MIN_SHOWN
) -> list[EvaluationPoint]:
    """Per held session, then the final evaluation (when answered): how many answered and
    their average usefulness, only from `min_answers` ratings."""
    answered: Counter = Counter()
    ratings: dict[int | None, list[int]] = {}
    for row in evaluations:
        answered[row["session_id"]] += 1
        if row["usefulness"] is not None:
            ratings.setdefault(row["session_id"], []).append(row["usefulness"])

    def point(session: Session | None) -> EvaluationPoint:
        scores = ratings.get(session.pk if session else None, [])
        shown = len(scores) >= min_answers
        return EvaluationPoint(
            session=session,
            answered=answered[session.pk if session else None],
            average=round(sum(scores) / len(scores), 1) if shown and scores else None,
        )

    trend = [point(session) for session in held]
    if None in answered:
        trend.append(point(None))
    return trend


def shared_remarks(evaluations: list[dict], sessions: list[Session]) -> list[SharedRemark]:
    """What participants will apply and remarked, where they agreed the client may read it;
    without names, in the order of the sessions (the final evaluation last)."""
    order = {session.pk: n for n, session in enumerate(sessions)}
    by_pk = {session.pk: session for session in sessions}
    shared = [
        row for row in evaluations if row["share_remark"] and (row["will_apply"] or row["remark"])
    ]
    shared.sort(key=lambda row: order.get(row["session_id"], len(order)))
    return [
        SharedRemark(
            session=by_pk.get(row["session_id"]),
            will_apply=row["will_apply"],
            remark=row["remark"],
        )
        for row in shared
    ]


def practice_stories(user, project: Project) -> list[PracticeStory]:
    """The reflections on practice assignments shared with the client; the participant's name
    only when `user` may see it. One query."""
    visible = participants_visible_to(user, project).values("pk")
    assignments = (
        PracticeAssignment.objects.filter(participant__project=project, share_with_client=True)
        .exclude(tried="", happened="", differently="")
        .annotate(
            shown_name=Case(
                When(participant__in=visible, then=F("participant__name")), default=Value(None)
            )
        )
        .order_by("reflected_at", "id")
    )
    return [
        PracticeStory(
            name=a.shown_name,
            description=a.description,
            tried=a.tried,
            happened=a.happened,
            differently=a.differently,
        )
        for a in assignments
    ]
