"""What the pages that combine apps show each user, gathered once into a plain object: the
shared dashboard (and, over a period, the progress report) and the home page (the project
page is in `project_page`).

Each app is read through its own selectors, which decide what this user may see; the templates
only display the result. The figures themselves are in `figures`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils import timezone

from cocreation import hours as cocreation_hours
from cocreation import pulse as cocreation_pulse
from cocreation import rules as cocreation_rules
from cocreation import selectors as cocreation_selectors
from impact import selectors as impact_selectors
from impact.models import OwnershipStep
from projects import selectors as project_selectors
from projects.models import Project
from projects.rules import membership_role
from trainings import selectors as training_selectors

from . import asks as asks_selectors
from . import cache, figures, health, misses
from .figures import Agreement, Chart, Period, Totals
from .forms import ProgressReportForm
from .ownership import OwnershipCurve, ownership_curve
from .rules import REQUEST_REPORT, reports_for, sees_health
from .shared import Shared, shared_from

if TYPE_CHECKING:
    from cocreation.models import Concern
    from impact.models import ImpactEntry, Initiative
    from projects.models import Activity, Phase

DASHBOARD_ACTIVITIES = 8
DASHBOARD_INITIATIVES = 6
DASHBOARD_CONCERNS = 10
# A report lists enough entries for someone to read to the end; the rest is on the timeline.
REPORT_ENTRIES = 40
HOME_PROJECTS = 12
HOME_CONCERNS = 10
PANEL_REPORTS = 10
LEVELS = OwnershipStep.Level.choices


@dataclass(frozen=True)
class Dashboard:
    """Everything the shared dashboard shows one user about one project, within `period` when
    one is given (the progress report): then the panels, which only the page has, are None.

    On the page, what everyone of one audience sees alike comes rendered (`shared`); the
    blocks it was rendered from are read only when first asked for (a report reads them)."""

    project: Project
    period: Period | None
    sees_internal: bool  # designers: internal entries show, marked
    levels: list[tuple[int, str]]  # the ladder of ownership
    shared: Shared | None  # the page's rendered regions (dashboard/shared.py); None: a report
    concerns: list[Concern] | None  # with their replies
    confirmations: dict | None  # the order confirmations panel
    reports: dict | None  # the progress reports panel
    open_pulse: int | None  # the id of this user's pulse to answer here
    asks: list[asks_selectors.Ask] | None  # what waits for this user (dashboard/asks.py)
    load_blocks: Callable[[], Blocks] = field(repr=False, compare=False)
    # A training's sessions and participants: read for each request, never cached (a client sees
    # their own organisation's participants by name); None for other projects and reports.
    training: training_selectors.TrainingOverview | None = None
    # When the user's open pulse closes (the page, kept rendered, may not outlive it).
    pulse_closes: datetime.datetime | None = None

    @property
    def valid_until(self) -> datetime.datetime | None:
        """Until when the page shows what it shows, as far as the clock goes (the day aside:
        dashboard.cache keys by it): the open pulse closes, the next session starts."""
        times = [self.pulse_closes, training_selectors.next_change(self.training)]
        return min((time for time in times if time is not None), default=None)

    @cached_property
    def blocks(self) -> Blocks:
        return self.load_blocks()

    @property
    def current_phase(self) -> Phase | None:
        return next((phase for phase in self.phases if phase.state == "current"), None)

    # The blocks, by their own names.
    phases = property(lambda self: self.blocks.phases)  # each with `state`: done, current, next
    activities = property(lambda self: self.blocks.activities)  # the latest, newest first
    activity_months = property(lambda self: self.blocks.activity_months)
    totals = property(lambda self: self.blocks.totals)
    activity_chart = property(lambda self: self.blocks.activity_chart)
    agreement = property(lambda self: self.blocks.agreement)
    highlights = property(lambda self: self.blocks.highlights)
    initiatives = property(lambda self: self.blocks.initiatives)
    impact_per_theme = property(lambda self: self.blocks.impact_per_theme)
    initiatives_per_level = property(lambda self: self.blocks.initiatives_per_level)
    pulse = property(lambda self: self.blocks.pulse)
    ownership_curve = property(lambda self: self.blocks.ownership_curve)
    hours = property(lambda self: self.blocks.hours)


@dataclass(frozen=True)
class Blocks:
    """The part of a dashboard that everyone of one audience sees alike (cached per audience)."""

    phases: list[Phase]
    activities: list[Activity]
    activity_months: list[dict]
    totals: Totals
    activity_chart: Chart
    agreement: Agreement
    highlights: impact_selectors.Highlights
    initiatives: list[Initiative]
    impact_per_theme: Chart
    initiatives_per_level: Chart
    pulse: list[cocreation_pulse.PulsePoint]  # the trend, per period, without names
    ownership_curve: OwnershipCurve
    hours: cocreation_hours.Hours | None = None  # the team and the client, on the page only


@dataclass(frozen=True)
class Personal:
    """The part of a dashboard that is one user's own (cached per user)."""

    concerns: list[Concern]
    confirmations: list  # of the order confirmations panel
    reports: list  # of the progress reports panel


def audience(user, project: Project) -> str:
    """Who `user` is on the dashboard of `project`: "team" (sees internal entries), or their
    role in the project ("client", "partner") and organisation (what a client sees of a
    training's participants is their own organisation's); one audience sees one and the same
    dashboard."""
    if impact_selectors.sees_internal(user, project):
        return "team"
    return f"{membership_role(user, project) or 'none'}:{user.organisation_id}"


def dashboard_for(user, project: Project, *, period: Period | None = None) -> Dashboard:
    """What `user` sees on the dashboard of `project` (which they may see): over `period`, a
    (start, end) pair, what a progress report of that period shows (never cached)."""
    common = {
        "project": project,
        "period": period,
        "sees_internal": impact_selectors.sees_internal(user, project),
        "levels": LEVELS,
    }
    if period is not None:
        blocks = _blocks(user, project, period)
        return Dashboard(
            **common,
            shared=None,
            concerns=None,
            confirmations=None,
            reports=None,
            open_pulse=None,
            asks=None,
            load_blocks=lambda: blocks,
        )
    shared_key = cache.shared_key(project, audience(user, project))
    own_key = cache.personal_key(project, user)
    found = cache.read([shared_key, own_key])
    shared, own = found.get(shared_key), found.get(own_key)
    project, reports = misses.read_along(
        user, project, shared=shared is None, own=own is None, limit=PANEL_REPORTS
    )

    def load_blocks() -> Blocks:
        return _blocks(user, project, None)

    if shared is None:
        rendered = shared_from(
            user,
            project,
            load_blocks(),
            sees_internal=common["sees_internal"],
            levels=LEVELS,
            awaiting=asks_selectors.awaiting_of(project),
        )
        shared = cache.store(shared_key, rendered)
    own = own or cache.store(own_key, _personal(user, project, reports))
    open_pulse = cocreation_pulse.open_pulse_id(user, project)
    version = shared.version if user.has_perm(cocreation_selectors.GENERATE, project) else None
    return Dashboard(
        **{**common, "project": project},
        shared=shared,
        concerns=own.concerns,
        confirmations=cocreation_selectors.confirmations_panel(
            user, project, version=version, confirmations=own.confirmations
        ),
        reports=reports_panel(user, project, reports=own.reports),
        open_pulse=open_pulse,
        asks=_asks(user, project, own.concerns, shared, open_pulse),
        load_blocks=load_blocks,
        training=training_selectors.training_overview(user, project),
        pulse_closes=cocreation_pulse.open_pulse_closes(project),
    )


def _asks(user, project: Project, concerns: list[Concern], shared: Shared, open_pulse) -> list:
    """What waits for `user` in `project`: the check-in facts and the decisions due from the
    shared entry, their unread replies from their concerns."""
    unread = [
        (concern.pk, concern.subject)
        for concern in concerns
        if concern.raised_by_id == user.pk and concern.unread_replies
    ]
    return asks_selectors.asks_in(
        asks_selectors.AskContext(
            user=user,
            project=project,
            awaiting=shared.awaiting,
            check_ins=shared.check_ins,
            unread=unread,
            open_pulse=open_pulse,
            decisions=shared.decisions,
        )
    )


def _blocks(user, project: Project, period: Period | None) -> Blocks:
    end = period[1] if period else None
    months = project_selectors.activity_months(project, period=period)
    all_initiatives = list(impact_selectors.initiatives_visible_to(user, project, until=end))
    if period is None:
        highlights = impact_selectors.highlights_visible_to(user, project)
        initiatives = all_initiatives[:DASHBOARD_INITIATIVES]
    else:
        highlights = impact_selectors.highlights_visible_to(
            user, project, period=period, significant=None, recent=REPORT_ENTRIES, count_more=True
        )
        initiatives = all_initiatives
    theme_rows = impact_selectors.entries_per_theme_and_month(user, project, period=period)
    # A report shows the decisions taken up to its end; the page also what is due today.
    phases = cocreation_selectors.trajectory_with_decisions(
        project, today=None if period else timezone.localdate(), until=end
    )
    return Blocks(
        phases=phases,
        activities=project_selectors.latest_activities(
            project, period=period, limit=DASHBOARD_ACTIVITIES
        ),
        activity_months=months,
        totals=figures.totals(months),
        activity_chart=figures.activity_chart(months, period=period),
        agreement=figures.agreement(project, until=end),
        highlights=highlights,
        initiatives=initiatives,
        impact_per_theme=figures.impact_per_theme(theme_rows, period=period),
        initiatives_per_level=figures.initiatives_per_level(all_initiatives, today=end),
        # The team sees every answer anyway; others see averages only where enough answered.
        pulse=cocreation_pulse.pulse_trend(
            project, min_answers=cocreation_rules.pulse_min_answers(user, project)
        ),
        ownership_curve=ownership_curve(months, all_initiatives, period=period),
        hours=hours_for(user, project, phases) if period is None else None,
    )


def hours_for(user, project: Project, phases: list[Phase]) -> cocreation_hours.Hours | None:
    """The hours against the confirmation, for those who may read its hours (not a partner)."""
    if not user.has_perm(cocreation_selectors.SEE_FEES, project):
        return None
    return cocreation_hours.hours_for(project, phases)


def _personal(user, project: Project, reports: list) -> Personal:
    return Personal(
        concerns=list(
            cocreation_selectors.concerns_with_replies(user, project)[:DASHBOARD_CONCERNS]
        ),
        confirmations=list(
            cocreation_selectors.confirmations_of(project, user)[
                : cocreation_selectors.PANEL_CONFIRMATIONS
            ]
        ),
        reports=reports,
    )


def reports_panel(
    user, project: Project, form: ProgressReportForm | None = None, *, reports=None
) -> dict:
    """What the progress reports panel shows `user`: the form to request a report over a
    period, and their own reports (every report of the project for designers; `reports` when
    the caller has them)."""
    if reports is None:
        reports = list(reports_for(user, project)[:PANEL_REPORTS])
    return {
        "project": project,
        "visible": user.has_perm(REQUEST_REPORT, project),
        "reports": reports,
        "polling": any(report.in_progress for report in reports),
        "form": form or ProgressReportForm.for_project(project),
        "shows_requester": user.is_designer_or_admin,
    }


# ---- the home page ----


@dataclass(frozen=True)
class HomeProject:
    """A project on a client's or partner's home: where it stands and what changed last."""

    project: Project
    current_phase: Phase | None
    latest_entry: ImpactEntry | None


@dataclass(frozen=True)
class Home:
    """The home page of one user. The team (who log activities) see their own projects and the
    open concerns; clients and partners see their projects with the latest visible impact."""

    for_team: bool
    projects: list[Project]  # the team's own projects, running ones first, each with `health`
    project_cards: list[HomeProject]  # a client's or partner's projects
    open_concerns: list[Concern]
    activities: list[Activity]  # the latest across every project the user may see
    asks: list[asks_selectors.Ask]  # what waits for the user, project by project

    @property
    def signals(self) -> list[Project]:
        """The team's projects that are amber or red, red first: what to act on today."""
        flagged = [p for p in self.projects if p.health and p.health.colour != health.GREEN]
        return sorted(flagged, key=lambda project: -project.health.rank)


def home_for(user) -> Home:
    """What `user` sees on their home page."""
    for_team = user.has_perm("projects.log_activity")
    projects, cards = [], []
    if for_team:
        projects = list(
            asks_selectors.with_asks(project_selectors.my_projects(user), user, home=True)[
                :HOME_PROJECTS
            ]
        )
        if sees_health(user):
            projects = health.with_health(projects)
    else:
        visible = list(
            asks_selectors.with_asks(project_selectors.home_projects(user), user, home=True)[
                :HOME_PROJECTS
            ]
        )
        latest = impact_selectors.latest_entries(user, visible)
        cards = [
            HomeProject(
                project=project,
                current_phase=next(iter(project.current_phases), None),
                latest_entry=latest.get(project.pk),
            )
            for project in visible
        ]
    return Home(
        for_team=for_team,
        projects=projects,
        project_cards=cards,
        open_concerns=list(cocreation_selectors.open_concerns(user)[:HOME_CONCERNS]),
        activities=project_selectors.recent_activities(user),
        asks=asks_selectors.home_asks(user, projects or [card.project for card in cards]),
    )


# ---- the project page ----
