"""'Wat er van u gevraagd wordt' (issue 13): per project, what waits for one user, each with
a link straight to the action.

The facts of a project are the same for everyone and cost no query: the proposed version
and its parties' answers come with the project row (`with_asks`, a JSON annotation); the
check-in facts on the dashboard from its shared cache entry (dashboard/shared.py, read from
the blocks it renders), on the home page with the project rows too. What
is one user's own (which party they speak for, replies to their concerns) is worked out per
request from data the page has.

Each kind of ask is one small function of an `AskContext`, listed in `KINDS`; a new kind
(the pulse, `pulse_asks`; a continuation decision due, `decision_asks`) is one more function
there.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cocreation import continuation, pulse, waiting
from cocreation.continuation import PhaseDue
from cocreation.waiting import Awaiting, CheckInFacts

if TYPE_CHECKING:
    from projects.models import Project

# How many days ahead a check-in counts as coming up.
COMING_UP_DAYS = 7
# Most urgent first: the user's own action now, soon, then what waits on others.
NOW, SOON, OTHERS = "now", "soon", "others"
ORDER = {NOW: 0, SOON: 1, OTHERS: 2}


@dataclass(frozen=True)
class Ask:
    """One thing that waits: in which project, what, where to act, how urgent."""

    project: Project
    kind: str  # consent, consent_others, check_in, attention, concern_reply, pulse, decision
    text: str
    url: str
    urgency: str  # NOW, SOON or OTHERS


@dataclass(frozen=True)
class AskContext:
    """What the kinds read: the user, the project, its facts and the user's unread replies."""

    user: object
    project: Project
    awaiting: Awaiting | None
    check_ins: CheckInFacts | None
    unread: list[tuple[int, str]] = field(default_factory=list)  # (concern id, subject)
    open_pulse: int | None = None  # the id of the user's pulse to answer here
    decisions: list[PhaseDue] = field(default_factory=list)  # phases needing a decision
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def team(self) -> bool:
        """Designers and admins: they see what waits on every party."""
        return self.user.is_designer_or_admin


def _names(parties) -> str:
    return ", ".join(party.name for party in parties)


def consent_asks(ctx: AskContext) -> list[Ask]:
    """A proposed version awaiting the consent of the user's party (naming every party still
    missing); for the team also one awaiting only other parties."""
    awaiting = ctx.awaiting
    if awaiting is None or not awaiting.missing:
        return []
    url = reverse("cocreation:version", args=[ctx.project.slug, awaiting.number])
    missing = awaiting.missing
    if any(party.spoken_for_by(ctx.user) for party in missing):
        text = _(
            "Versie %(number)s van de samenwerkingsafspraak wacht op uw instemming. "
            "Nog niet ingestemd: %(parties)s."
        ) % {"number": awaiting.number, "parties": _names(missing)}
        return [Ask(ctx.project, "consent", text, url, NOW)]
    if ctx.team:
        text = _("Versie %(number)s wacht nog op de instemming van %(parties)s.") % {
            "number": awaiting.number,
            "parties": _names(missing),
        }
        return [Ask(ctx.project, "consent_others", text, url, OTHERS)]
    return []


def check_in_asks(ctx: AskContext) -> list[Ask]:
    """The next check-in, when it is overdue or within `COMING_UP_DAYS` days."""
    facts = ctx.check_ins
    if facts is None or facts.due > ctx.today + datetime.timedelta(days=COMING_UP_DAYS):
        return []
    when = date_format(facts.due, "j F Y")
    if ctx.team:
        url = reverse("cocreation:check_in_create", args=[ctx.project.slug])
    else:
        url = reverse("cocreation:agreement", args=[ctx.project.slug])
    if facts.due < ctx.today:
        if ctx.team:
            text = _("Het reflectiemoment van %(date)s is nog niet vastgelegd.")
        else:
            text = _("Het reflectiemoment van %(date)s staat nog open: bekijk wat u inbrengt.")
        return [Ask(ctx.project, "check_in", text % {"date": when}, url, NOW)]
    if ctx.team:
        text = _("Het volgende reflectiemoment is op %(date)s: bereid het voor.")
    else:
        text = _("Het volgende reflectiemoment is op %(date)s: bekijk uw inzet vooraf.")
    return [Ask(ctx.project, "check_in", text % {"date": when}, url, SOON)]


def attention_asks(ctx: AskContext) -> list[Ask]:
    """Commitments of the user's party (for the team: of any party) that asked for attention
    at the last check-in."""
    facts = ctx.check_ins
    if facts is None or facts.last is None:
        return []
    url = reverse("dashboard:dashboard", args=[ctx.project.slug]) + "#dashboard-commitments-title"
    when = date_format(facts.last, "j F Y")
    asks = []
    for party in facts.attention:
        own = bool(ctx.user.organisation_id) and party.organisation_id == ctx.user.organisation_id
        if own:
            text = _("Bij het reflectiemoment van %(date)s vroeg uw inzet aandacht: %(what)s.")
        elif ctx.team:
            text = _(
                "Bij het reflectiemoment van %(date)s vroeg de inzet van %(party)s "
                "aandacht: %(what)s."
            )
        else:
            continue
        values = {
            "date": when,
            "party": party.name,
            "what": "; ".join(c.rstrip(".") for c in party.commitments),
        }
        asks.append(Ask(ctx.project, "attention", text % values, url, NOW if own else OTHERS))
    return asks


def concern_reply_asks(ctx: AskContext) -> list[Ask]:
    """A reply to a question or concern the user raised, not read yet."""
    return [
        Ask(
            ctx.project,
            "concern_reply",
            _("Er is gereageerd op uw vraag ‘%(subject)s’.") % {"subject": subject},
            reverse("cocreation:concern", args=[ctx.project.slug, pk]),
            NOW,
        )
        for pk, subject in ctx.unread
    ]


def pulse_asks(ctx: AskContext) -> list[Ask]:
    """The user's pulse in this project, sent and not answered yet."""
    if ctx.open_pulse is None:
        return []
    text = _(
        "Beantwoord de puls: herkent u zich nog in de gedeelde ambitie, en hoe loopt de "
        "samenwerking?"
    )
    url = reverse("cocreation:pulse_answer", args=[ctx.project.slug, ctx.open_pulse])
    return [Ask(ctx.project, "pulse", text, url, NOW)]


def decision_asks(ctx: AskContext) -> list[Ask]:
    """A phase ending within three weeks, or ended, without a decision about what comes next:
    for every member, since the parties decide together. The team records it; the others see
    the trajectory on the dashboard. Gone once the decision is recorded."""
    asks = []
    for due in ctx.decisions:
        values = {"phase": due.name, "date": date_format(due.end_date, "j F Y")}
        if due.state == "overdue":
            text = _("Fase %(phase)s eindigde op %(date)s: besluit samen over het vervolg.")
        else:
            text = _("Fase %(phase)s eindigt op %(date)s: besluit samen over het vervolg.")
        if ctx.team:
            url = reverse("cocreation:decision_create", args=[ctx.project.slug, due.phase_id])
        else:
            url = (
                reverse("dashboard:dashboard", args=[ctx.project.slug])
                + "#dashboard-trajectory-title"
            )
        urgency = NOW if due.state == "overdue" else SOON
        asks.append(Ask(ctx.project, "decision", text % values, url, urgency))
    return asks


KINDS: list[Callable[[AskContext], list[Ask]]] = [
    consent_asks,
    check_in_asks,
    attention_asks,
    concern_reply_asks,
    pulse_asks,
    decision_asks,
]


def asks_in(ctx: AskContext) -> list[Ask]:
    """Everything that waits for `ctx.user` in `ctx.project`, most urgent first."""
    found = [ask for kind in KINDS for ask in kind(ctx)]
    return sorted(found, key=lambda ask: ORDER[ask.urgency])


# ---- the facts of a project ----


def with_asks(projects: QuerySet, user, *, home: bool = False) -> QuerySet:
    """`projects` with what the asks read from the project row: the proposed version's
    answers; for the `home` page also the check-in facts and (for clients and partners) the
    replies to their concerns they have not read, which the dashboard has from its cached
    blocks and its own concerns instead (the home page shows many projects, any of which
    may have changed since it was cached)."""
    projects = projects.annotate(awaiting_rows=waiting.awaiting_rows())
    if not home:
        return projects
    projects = projects.annotate(
        **waiting.check_in_rows(),
        **pulse.open_pulse_along(user),
        **continuation.undecided_along(timezone.localdate()),
    )
    if not user.is_designer_or_admin:
        projects = projects.annotate(unread_reply_rows=waiting.unread_reply_rows(user))
    return projects


def awaiting_of(project: Project) -> Awaiting | None:
    """The proposed version of `project` and its answers: from the row when it was read
    `with_asks`, else read now (one query)."""
    if not hasattr(project, "awaiting_rows"):
        return waiting.awaiting_in(project)
    return waiting.awaiting_from_rows(project.awaiting_rows)


def home_asks(user, projects: list[Project]) -> list[Ask]:
    """What waits for `user` in `projects` (read `with_asks(..., home=True)`), project by
    project."""
    asks = []
    for project in projects:
        rows = getattr(project, "unread_reply_rows", None) or []
        unread = [(row["id"], row["subject"]) for row in rows]
        ctx = AskContext(
            user=user,
            project=project,
            awaiting=awaiting_of(project),
            check_ins=waiting.check_in_facts_of(project),
            unread=sorted(unread),
            open_pulse=getattr(project, "open_pulse_id", None),
            decisions=continuation.due_from_rows(project, timezone.localdate()),
        )
        asks.extend(asks_in(ctx))
    return asks
