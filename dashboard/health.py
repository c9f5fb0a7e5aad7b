"""Project health (issue 13 §3): green, amber or red, always with reasons in plain Dutch and a
link to act on each. Team-only: clients and partners never see a colour or a reason.

The health is a small registry of rules (`RULES`). Each rule looks at one project in the data
`gather` read for a whole set of projects at once (a fixed number of queries, however many
projects) and returns zero or more `Reason`s; the project's colour is the worst of them, green
when there is none. Only active projects are judged: a project in preparation, paused or
completed has no health (None).

The rules and their thresholds (settings, README "Configuration"):
- a concern open longer than HEALTH_CONCERN_DAYS (7) → amber, HEALTH_CONCERN_RED_DAYS (21) → red;
- at the last check-in, a commitment of any party (the client's and ours included) that
  'needs attention' → amber; one that was 'dropped' → red: a party no longer doing what it
  agreed is the start of the blame the agreement is there to prevent, so it asks for a talk now;
- a planned check-in more than HEALTH_CHECK_IN_LATE_DAYS (0) past without a record → amber,
  more than HEALTH_CHECK_IN_RED_DAYS (28) past → red;
- a client contact who has not opened the dashboard for HEALTH_DASHBOARD_IDLE_WEEKS (6) weeks
  (counted from joining the project when they never did) → amber;
- HOOKS, to be filled when their features are merged: `pulse` (the pulse trend and low answers)
  and `phase_guard` (a continuation decision due or overdue). Both return nothing until then.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache as django_cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cocreation import attention
from cocreation.models import CommitmentReview, Concern
from projects import selectors as project_selectors
from projects.models import Membership, Project

from . import cache

GREEN, AMBER, RED = "green", "amber", "red"
RANK = {GREEN: 0, AMBER: 1, RED: 2}
LABELS = {GREEN: gettext_lazy("Groen"), AMBER: gettext_lazy("Oranje"), RED: gettext_lazy("Rood")}
JUDGED = [Project.Status.ACTIVE]


@dataclass(frozen=True)
class Reason:
    """Why a project is not green: what is the matter, and where to act on it."""

    colour: str  # AMBER or RED
    text: str
    url: str


@dataclass(frozen=True)
class Health:
    """A project's colour and the reasons for it, worst first."""

    colour: str
    reasons: list[Reason]

    @property
    def rank(self) -> int:
        return RANK[self.colour]

    @property
    def label(self) -> str:
        return str(LABELS[self.colour])


@dataclass(frozen=True)
class Signals:
    """What the rules read, for a set of projects at once (see `gather`)."""

    today: datetime.date
    now: datetime.datetime
    concerns: dict[int, list[Concern]]  # open ones, oldest first
    check_ins: dict[int, attention.CheckInState]  # projects with an agreement in force
    clients: dict[int, list[Membership]]  # client contacts, with `last_seen_on`


Rule = Callable[[Project, Signals], list[Reason]]


def gather(projects: Iterable[Project], *, today: datetime.date | None = None) -> Signals:
    """Read what the rules need for `projects`: four queries, however many there are."""
    ids = [project.pk for project in projects]
    return Signals(
        today=today or timezone.localdate(),
        now=timezone.now(),
        concerns=attention.open_concerns_of(ids),
        check_ins=attention.check_in_states(ids),
        clients=project_selectors.client_contacts_of(ids),
    )


# ---- the rules ----


def concerns_open(project: Project, signals: Signals) -> list[Reason]:
    """Concerns open longer than HEALTH_CONCERN_DAYS: amber; HEALTH_CONCERN_RED_DAYS: red."""
    late = [
        concern
        for concern in signals.concerns.get(project.pk, [])
        if (signals.now - concern.created_at).days > settings.HEALTH_CONCERN_DAYS
    ]
    if not late:
        return []
    oldest = late[0]
    days = (signals.now - oldest.created_at).days
    colour = RED if days > settings.HEALTH_CONCERN_RED_DAYS else AMBER
    if len(late) == 1:
        text = _("De vraag of zorg ‘%(subject)s’ staat al %(days)s dagen open.") % {
            "subject": oldest.subject,
            "days": days,
        }
    else:
        text = ngettext(
            "%(count)s vraag of zorg staat langer dan %(limit)s dagen open; de oudste, "
            "‘%(subject)s’, al %(days)s dagen.",
            "%(count)s vragen of zorgen staan langer dan %(limit)s dagen open; de oudste, "
            "‘%(subject)s’, al %(days)s dagen.",
            len(late),
        ) % {
            "count": len(late),
            "limit": settings.HEALTH_CONCERN_DAYS,
            "subject": oldest.subject,
            "days": days,
        }
    url = reverse("cocreation:concern", kwargs={"slug": project.slug, "pk": oldest.pk})
    return [Reason(colour, text, url)]


def commitments_at_last_check_in(project: Project, signals: Signals) -> list[Reason]:
    """At the last check-in, a commitment of any party that 'needs attention': amber; one
    that was 'dropped': red."""
    state = signals.check_ins.get(project.pk)
    if state is None or not state.reviews:
        return []
    url = reverse("cocreation:check_in", kwargs={"slug": project.slug, "pk": state.last_id})
    when = date_format(state.last_date, "j F Y")
    reasons = []
    for review in state.reviews:
        values = {
            "date": when,
            "party": review.commitment.party.organisation.name,
            "commitment": review.commitment.description,
        }
        if review.status == CommitmentReview.Status.DROPPED:
            text = _(
                "Bij het reflectiemoment van %(date)s is de inzet van %(party)s vervallen: "
                "‘%(commitment)s’"
            )
            reasons.append(Reason(RED, text % values, url))
        else:
            text = _(
                "Bij het reflectiemoment van %(date)s vroeg de inzet van %(party)s aandacht: "
                "‘%(commitment)s’"
            )
            reasons.append(Reason(AMBER, text % values, url))
    return reasons


def check_in_overdue(project: Project, signals: Signals) -> list[Reason]:
    """A planned check-in more than HEALTH_CHECK_IN_LATE_DAYS past without a record: amber;
    more than HEALTH_CHECK_IN_RED_DAYS past: red."""
    state = signals.check_ins.get(project.pk)
    if state is None:
        return []
    late = (signals.today - state.due).days
    if late <= settings.HEALTH_CHECK_IN_LATE_DAYS:
        return []
    colour = RED if late > settings.HEALTH_CHECK_IN_RED_DAYS else AMBER
    text = ngettext(
        "Het reflectiemoment van %(date)s is %(days)s dag voorbij en nog niet vastgelegd.",
        "Het reflectiemoment van %(date)s is %(days)s dagen voorbij en nog niet vastgelegd.",
        late,
    ) % {"date": date_format(state.due, "j F Y"), "days": late}
    url = reverse("cocreation:check_in_create", kwargs={"slug": project.slug})
    return [Reason(colour, text, url)]


def client_not_looking(project: Project, signals: Signals) -> list[Reason]:
    """A client contact who has not opened the dashboard for HEALTH_DASHBOARD_IDLE_WEEKS
    weeks (counted from joining the project when they never did): amber."""
    limit = signals.today - datetime.timedelta(weeks=settings.HEALTH_DASHBOARD_IDLE_WEEKS)
    url = reverse("projects:members", kwargs={"slug": project.slug})
    reasons = []
    for membership in signals.clients.get(project.pk, []):
        name = membership.user.get_full_name() or membership.user.email
        if membership.last_seen_on is not None:
            if membership.last_seen_on >= limit:
                continue
            weeks = (signals.today - membership.last_seen_on).days // 7
            text = _("%(name)s heeft het dashboard al %(weeks)s weken niet geopend.") % {
                "name": name,
                "weeks": weeks,
            }
        else:
            joined = timezone.localdate(membership.added_at)
            if joined >= limit:
                continue
            text = _("%(name)s heeft het dashboard nog nooit geopend (lid sinds %(date)s).") % {
                "name": name,
                "date": date_format(joined, "j F Y"),
            }
        reasons.append(Reason(AMBER, text, url))
    return reasons


def pulse(project: Project, signals: Signals) -> list[Reason]:
    """HOOK — the pulse trend and low answers (issue 13 §1, built on another branch).

    To fill at merge: add the trend to `Signals` (read in `gather` for all projects at once,
    from `cocreation.selectors.pulse_trend`, in a fixed number of queries) and return amber
    for a falling trend or a low answer, red for a low period average, with the text saying
    which question and the link to the pulse answers. Until then it says nothing."""
    return []


def phase_guard(project: Project, signals: Signals) -> list[Reason]:
    """HOOK — the phase-continuity guard (continuation decisions, built on another branch).

    To fill at merge: read `projects.selectors.phase_decisions_due(project, today)` (a list of
    (phase, 'due' | 'overdue', days)) for all projects in `gather`; 'due' → amber, 'overdue' →
    red, text naming the phase and the days, link to the phase's decision. Until then it says
    nothing."""
    return []


RULES: list[Rule] = [
    concerns_open,
    commitments_at_last_check_in,
    check_in_overdue,
    client_not_looking,
    pulse,
    phase_guard,
]


# ---- the colour ----


def judge(project: Project, signals: Signals) -> Health | None:
    """The health of `project` from `signals` (which must cover it); None when it is not
    active."""
    if project.status not in JUDGED:
        return None
    reasons = [reason for rule in RULES for reason in rule(project, signals)]
    reasons.sort(key=lambda reason: -RANK[reason.colour])
    colour = reasons[0].colour if reasons else GREEN
    return Health(colour=colour, reasons=reasons)


def health_of(projects: Iterable[Project]) -> dict[int, Health | None]:
    """Per project id: its health today. Cached per project, day and language under stamps
    that the writes it reads count up (dashboard.cache, dashboard.health_stamps), and read for
    the uncached ones at once: no query when all are cached, a fixed number otherwise."""
    projects = list(projects)
    keys = cache.health_keys([p for p in projects if p.status in JUDGED])
    found = django_cache.get_many(list(keys.values())) if keys else {}
    missing = [p for p in projects if p.pk in keys and keys[p.pk] not in found]
    if missing:
        signals = gather(missing)
        computed = {keys[p.pk]: judge(p, signals) for p in missing}
        django_cache.set_many(computed, cache.TIMEOUT)
        found.update(computed)
    return {p.pk: found[keys[p.pk]] if p.pk in keys else None for p in projects}


def health_for(project: Project) -> Health | None:
    """The health of one project today (None when it is not active)."""
    return health_of([project])[project.pk]


def with_health(projects: Iterable[Project]) -> list[Project]:
    """`projects` as a list, each with its `health` (None when not active), for the cards."""
    projects = list(projects)
    health = health_of(projects)
    for project in projects:
        project.health = health[project.pk]
    return projects
