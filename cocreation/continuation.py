"""The phase-continuity guard, read side: which phases need a continuation decision, and the
trajectory with the decisions taken (see models/decisions.py; writes in services/decisions.py).

A phase of a running project that ends within three weeks without a decision is "due" (the
project turns amber); once its end has passed it is "overdue" (red). A phase after one the
parties decided to stop with needs no decision.
"""

import datetime
from dataclasses import dataclass
from typing import Literal

from django.db.models import Exists, OuterRef, QuerySet

from core.rows import from_json, json_rows
from projects import selectors as project_selectors
from projects.models import Organisation, Phase, Project

from .models import AgreementVersion, ContinuationDecision, ContinuationReminder, PartyDecision
from .models.decisions import GUARD_DAYS

GuardState = Literal["due", "overdue"]


def _guard_of(phase: Phase, today: datetime.date) -> tuple[GuardState, int] | None:
    """("due", days until its end) or ("overdue", days since) for an undecided phase."""
    if phase.end_date is None:
        return None
    days = (phase.end_date - today).days
    if days < 0:
        return ("overdue", -days)
    if days <= GUARD_DAYS:
        return ("due", days)
    return None


def _guarded(project: Project, phases, decision_of, today: datetime.date) -> list:
    """The phases the guard watches on `today`: those of a running project from the last one
    that has ended (earlier ones are history: the trajectory went on past them, and a project
    that predates the guard must not wake up to a reminder for each), up to a decision to
    stop."""
    if project.status != Project.Status.ACTIVE:
        return []
    watched = []
    for phase in phases:
        decision = decision_of(phase)
        if decision is not None and decision.outcome == ContinuationDecision.Outcome.STOP:
            break
        watched.append((phase, decision))
    ended = [i for i, (phase, _) in enumerate(watched) if phase.end_date and phase.end_date < today]
    return watched[ended[-1] :] if ended else watched


def phase_decisions_due(
    project: Project, today: datetime.date
) -> list[tuple[Phase, GuardState, int]]:
    """The phases of `project` that need a continuation decision on `today`, in order: each
    with "due" and the days until its end (three weeks or less), or "overdue" and the days
    since its end. Empty for a project that is not running. One query."""
    if project.status != Project.Status.ACTIVE:
        return []
    phases = project.phases.select_related("continuation_decision").order_by("order", "id")

    def decision_of(phase):
        return getattr(phase, "continuation_decision", None)

    found = []
    for phase, decision in _guarded(project, phases, decision_of, today):
        guard = None if decision is not None else _guard_of(phase, today)
        if guard is not None:
            found.append((phase, *guard))
    return found


def phase_decisions_due_of(
    projects, today: datetime.date
) -> dict[int, list[tuple[Phase, GuardState, int]]]:
    """`phase_decisions_due` for many projects at once, by project id: one query (none when
    no project is running)."""
    running = {p.pk: p for p in projects if p.status == Project.Status.ACTIVE}
    if not running:
        return {}
    by_project: dict[int, list[Phase]] = {}
    phases = (
        Phase.objects.filter(project_id__in=list(running))
        .select_related("continuation_decision")
        .order_by("project", "order", "id")
    )
    for phase in phases:
        by_project.setdefault(phase.project_id, []).append(phase)

    def decision_of(phase):
        return getattr(phase, "continuation_decision", None)

    found: dict[int, list] = {}
    for pk, project_phases in by_project.items():
        for phase, decision in _guarded(running[pk], project_phases, decision_of, today):
            guard = None if decision is not None else _guard_of(phase, today)
            if guard is not None:
                found.setdefault(pk, []).append((phase, *guard))
    return found


@dataclass(frozen=True)
class PhaseDue:
    """A phase that needs a continuation decision on a day, as the asks list shows it."""

    phase_id: int
    name: str
    end_date: datetime.date
    state: GuardState


def due_from_trajectory(phases) -> list[PhaseDue]:
    """The phases of `trajectory_with_decisions(project, today=...)` that carry a guard."""
    return [PhaseDue(p.pk, p.name, p.end_date, p.guard[0]) for p in phases if p.guard]


DUE_FIELDS = ["id", "name", "end_date"]


def undecided_along(today: datetime.date) -> dict:
    """The annotation for a project queryset that brings along its phases that need a
    continuation decision on `today` (`undecided_phase_rows`, for `due_from_rows`): no
    query of its own."""
    stopped_before = Phase.objects.filter(
        project=OuterRef("project"),
        order__lt=OuterRef("order"),
        continuation_decision__outcome=ContinuationDecision.Outcome.STOP,
    )
    # As `_guarded`: a phase followed by one that has ended too is history.
    gone_past = Phase.objects.filter(
        project=OuterRef("project"), order__gt=OuterRef("order"), end_date__lt=today
    )
    undecided = (
        Phase.objects.filter(
            continuation_decision__isnull=True,
            end_date__lte=today + datetime.timedelta(days=GUARD_DAYS),
        )
        .exclude(Exists(stopped_before))
        .exclude(Exists(gone_past))
    )
    return {"undecided_phase_rows": json_rows(undecided, parent="project", fields=DUE_FIELDS)}


def due_from_rows(project: Project, today: datetime.date) -> list[PhaseDue]:
    """The phases of `project` (read `undecided_along`) that need a decision on `today`."""
    if project.status != Project.Status.ACTIVE:
        return []
    rows = getattr(project, "undecided_phase_rows", None)
    found = []
    for phase in from_json(Phase, rows, order_by=("end_date", "id")):
        guard = _guard_of(phase, today)
        if guard is not None:
            found.append(PhaseDue(phase.pk, phase.name, phase.end_date, guard[0]))
    return found


def phases_to_remind(today: datetime.date) -> QuerySet[Phase]:
    """Candidates for the designers' reminder: undecided phases of running projects that end
    within three weeks or ended already, never reminded (`phase_decisions_due` has the last
    word: a phase after a decision to stop needs none)."""
    return (
        Phase.objects.filter(
            project__status=Project.Status.ACTIVE,
            end_date__lte=today + datetime.timedelta(days=GUARD_DAYS),
            continuation_decision__isnull=True,
        )
        .exclude(pk__in=_reminded())
        .select_related("project")
        .order_by("project", "order", "id")
    )


def _reminded():
    return ContinuationReminder.objects.values("phase")


PARTY_FIELDS = ["id", "organisation__id", "organisation__name", "agreed", "decided_by", "order"]


def _with_parties(decision: ContinuationDecision, rows) -> ContinuationDecision:
    decision.party_rows = from_json(PartyDecision, rows, order_by=("order",))
    return decision


def decisions_of(project: Project, *, until: datetime.date | None = None) -> dict[int, object]:
    """The continuation decisions of `project` by phase id, each with `party_rows` (every
    party's answer, with its organisation): one query."""
    decisions = ContinuationDecision.objects.filter(phase__project=project).annotate(
        party_json=json_rows(PartyDecision.objects.all(), parent="decision", fields=PARTY_FIELDS)
    )
    if until is not None:
        decisions = decisions.filter(decided_on__lte=until)
    return {d.phase_id: _with_parties(d, d.party_json) for d in decisions}


def _phases_with_decisions(project: Project, until: datetime.date | None):
    """The phases of `project` in order and their decisions by phase id, in one query."""
    phases = list(
        project.phases.select_related("continuation_decision")
        .annotate(
            party_json=json_rows(
                PartyDecision.objects.all(),
                parent="decision",
                outer="continuation_decision",
                fields=PARTY_FIELDS,
            )
        )
        .order_by("order", "id")
    )
    decisions = {}
    for phase in phases:
        decision = getattr(phase, "continuation_decision", None)
        if decision is not None and (until is None or decision.decided_on <= until):
            decisions[phase.pk] = _with_parties(decision, phase.party_json)
    return phases, decisions


def trajectory_with_decisions(
    project: Project, *, today: datetime.date | None = None, until: datetime.date | None = None
) -> list[Phase]:
    """`projects.selectors.trajectory` with, on each phase, its `decision` (or None) and its
    `guard`: ("due", days) or ("overdue", days) when it needs a decision on `today`; no guard
    without `today` (a progress report shows the decisions taken up to `until`). One query;
    for a project whose phases were read along (`page_projects`), only its decisions."""
    if hasattr(project, "phase_rows"):
        phases = project_selectors.trajectory(project)
        decisions = decisions_of(project, until=until)
    else:
        stored, decisions = _phases_with_decisions(project, until)
        phases = project_selectors.trajectory(project, phases=stored)
    for phase in phases:
        phase.decision = decisions.get(phase.pk)
        phase.guard = None
    if today is not None:
        for phase, decision in _guarded(project, phases, lambda p: decisions.get(p.pk), today):
            if decision is None:
                phase.guard = _guard_of(phase, today)
    return phases


def deciding_parties(project: Project) -> list[tuple[Organisation, str, str]]:
    """Who decides on the continuation of `project`: the parties of the agreement in force, as
    (organisation, role, who speaks for it); without one, the client and De Buurtontdekkers."""
    version = (
        AgreementVersion.objects.filter(
            agreement__project=project, status=AgreementVersion.Status.AGREED
        )
        .order_by("-number")
        .first()
    )
    if version is not None:
        parties = version.parties.select_related("organisation", "representative")
        return [
            (
                party.organisation,
                party.role,
                party.representative.name if party.representative else "",
            )
            for party in parties
        ]
    found = [(project.client, "", "")]
    own = Organisation.objects.filter(kind=Organisation.Kind.OWN).order_by("pk").first()
    if own is not None and own.pk != project.client_id:
        found.append((own, "", ""))
    return found
