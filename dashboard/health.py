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
- the pulse: the latest period's average of either question at or below HEALTH_PULSE_LOW (2.5),
  or a fall of HEALTH_PULSE_DROP (1) points or more over the last three periods → amber;
- a phase ending within three weeks without a continuation decision → amber; ended without
  one → red (cocreation.continuation).
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
from cocreation.continuation import phase_decisions_due_of
from cocreation.models import CommitmentReview, Concern
from cocreation.pulse import PulsePoint, pulse_trends_of
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
    pulse: dict[int, list[PulsePoint]]  # the pulse trend, every answer counted
    decisions_due: dict[int, list]  # (phase, "due" | "overdue", days), see continuation


Rule = Callable[[Project, Signals], list[Reason]]


def gather(projects: Iterable[Project], *, today: datetime.date | None = None) -> Signals:
    """Read what the rules need for `projects`: six queries, however many there are."""
    projects = list(projects)
    ids = [project.pk for project in projects]
    today = today or timezone.localdate()
    return Signals(
        today=today,
        now=timezone.now(),
        concerns=attention.open_concerns_of(ids),
        check_ins=attention.check_in_states(ids),
        clients=project_selectors.client_contacts_of(ids),
        pulse=pulse_trends_of(ids, min_answers=1),
        decisions_due=phase_decisions_due_of(projects, today),
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
    """The pulse: the latest period's average of either question at or below HEALTH_PULSE_LOW,
    or a fall of HEALTH_PULSE_DROP (1) points or more over the last three periods: amber. The
    team sees every answer, so one answer in a period counts."""
    trend = [point for point in signals.pulse.get(project.pk, []) if point.shown]
    if not trend:
        return []
    url = reverse("cocreation:pulse", kwargs={"slug": project.slug})
    questions = [
        ("ambition", _("de gedeelde ambitie")),
        ("collaboration", _("de samenwerking")),
    ]
    latest = trend[-1]
    first = trend[-3] if len(trend) >= 3 else None
    reasons = []
    for field, question in questions:
        score = getattr(latest, field)
        values = {"question": question, "score": _score(score)}
        if score <= settings.HEALTH_PULSE_LOW:
            text = _("De puls over %(question)s staat op %(score)s gemiddeld (van 5).") % values
            reasons.append(Reason(AMBER, text, url))
        elif first is not None and getattr(first, field) - score >= settings.HEALTH_PULSE_DROP:
            values["before"] = _score(getattr(first, field))
            text = (
                _(
                    "De puls over %(question)s daalt: van %(before)s naar %(score)s in drie "
                    "periodes."
                )
                % values
            )
            reasons.append(Reason(AMBER, text, url))
    return reasons


def _score(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") if value is not None else "–"


def phase_guard(project: Project, signals: Signals) -> list[Reason]:
    """A phase that ends within three weeks without a continuation decision: amber; one whose
    end has passed without one: red."""
    reasons = []
    for phase, state, days in signals.decisions_due.get(project.pk, []):
        url = reverse(
            "cocreation:decision_create", kwargs={"slug": project.slug, "phase": phase.pk}
        )
        values = {"phase": phase.name, "days": days}
        if state == "overdue":
            text = (
                ngettext(
                    "Fase %(phase)s is %(days)s dag geleden geëindigd zonder besluit over het "
                    "vervolg.",
                    "Fase %(phase)s is %(days)s dagen geleden geëindigd zonder besluit over het "
                    "vervolg.",
                    days,
                )
                % values
            )
            reasons.append(Reason(RED, text, url))
        else:
            text = (
                ngettext(
                    "Fase %(phase)s eindigt over %(days)s dag zonder besluit over het vervolg.",
                    "Fase %(phase)s eindigt over %(days)s dagen zonder besluit over het vervolg.",
                    days,
                )
                % values
            )
            reasons.append(Reason(AMBER, text, url))
    return reasons


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
