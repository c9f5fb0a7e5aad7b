"""What the pages that combine apps show each user, gathered once into a plain object: the
shared dashboard (and, over a period, the progress report), the home page and the project page.

Each app is read through its own selectors, which decide what this user may see; the templates
only display the result. The figures themselves are in `figures`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator

from cocreation import selectors as cocreation_selectors
from impact import selectors as impact_selectors
from impact.models import OwnershipStep
from projects import selectors as project_selectors

from . import figures
from .figures import Agreement, Chart, Period, Totals
from .forms import ProgressReportForm
from .rules import REQUEST_REPORT, reports_for

if TYPE_CHECKING:
    from cocreation.models import AgreementVersion, Concern
    from impact.models import ImpactEntry, Initiative
    from projects.models import Activity, Phase, Project

DASHBOARD_ACTIVITIES = 8
DASHBOARD_INITIATIVES = 6
DASHBOARD_CONCERNS = 10
# A report lists enough entries for someone to read to the end; the rest is on the timeline.
REPORT_ENTRIES = 40
HOME_PROJECTS = 12
HOME_CONCERNS = 10


@dataclass(frozen=True)
class Dashboard:
    """Everything the shared dashboard shows one user about one project, within `period` when
    one is given (the progress report): then the panels, which only the page has, are None."""

    project: Project
    period: Period | None
    sees_internal: bool  # designers: internal entries show, marked
    phases: list[Phase]  # each with `state`: done, current or next
    activities: list[Activity]  # the latest, newest first
    activity_months: list[dict]  # rows of projects.selectors.activity_months
    totals: Totals
    activity_chart: Chart
    agreement: Agreement
    highlights: impact_selectors.Highlights
    initiatives: list[Initiative]  # the first DASHBOARD_INITIATIVES; all of them in a period
    levels: list[tuple[int, str]]  # the ladder of ownership
    impact_per_theme: Chart
    initiatives_per_level: Chart
    concerns: list[Concern] | None  # with their replies
    confirmations: dict | None  # the order confirmations panel
    reports: dict | None  # the progress reports panel

    @property
    def current_phase(self) -> Phase | None:
        return next((phase for phase in self.phases if phase.state == "current"), None)


def dashboard_for(user, project: Project, *, period: Period | None = None) -> Dashboard:
    """What `user` sees on the dashboard of `project` (which they may see): over `period`, a
    (start, end) pair, what a progress report of that period shows."""
    project = project_selectors.project_page(project, themes=False)
    end = period[1] if period else None
    months = project_selectors.activity_months(project, period=period)
    agreement = figures.agreement(project, until=end)
    all_initiatives = list(impact_selectors.initiatives_visible_to(user, project, until=end))
    if period is None:
        highlights = impact_selectors.highlights_visible_to(user, project)
        initiatives = all_initiatives[:DASHBOARD_INITIATIVES]
        concerns = list(
            cocreation_selectors.concerns_with_replies(user, project)[:DASHBOARD_CONCERNS]
        )
        confirmations = cocreation_selectors.confirmations_panel(
            user, project, version=agreement.version
        )
        report_panel = reports_panel(user, project)
    else:
        highlights = impact_selectors.highlights_visible_to(
            user, project, period=period, significant=None, recent=REPORT_ENTRIES, count_more=True
        )
        initiatives = all_initiatives
        concerns = confirmations = report_panel = None
    theme_rows = impact_selectors.entries_per_theme_and_month(user, project, period=period)
    return Dashboard(
        project=project,
        period=period,
        sees_internal=impact_selectors.sees_internal(user, project),
        phases=project_selectors.trajectory(project),
        activities=project_selectors.latest_activities(
            project, period=period, limit=DASHBOARD_ACTIVITIES
        ),
        activity_months=months,
        totals=figures.totals(months),
        activity_chart=figures.activity_chart(months, period=period),
        agreement=agreement,
        highlights=highlights,
        initiatives=initiatives,
        levels=OwnershipStep.Level.choices,
        impact_per_theme=figures.impact_per_theme(theme_rows, period=period),
        initiatives_per_level=figures.initiatives_per_level(all_initiatives, today=end),
        concerns=concerns,
        confirmations=confirmations,
        reports=report_panel,
    )


def reports_panel(user, project: Project, form: ProgressReportForm | None = None) -> dict:
    """What the progress reports panel shows `user`: the form to request a report over a
    period, and their own reports (every report of the project for designers)."""
    reports = list(reports_for(user, project)[:10])
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
    projects: list[Project]  # the team's own projects, running ones first
    project_cards: list[HomeProject]  # a client's or partner's projects
    open_concerns: list[Concern]
    activities: list[Activity]  # the latest across every project the user may see


def home_for(user) -> Home:
    """What `user` sees on their home page."""
    for_team = user.has_perm("projects.log_activity")
    projects, cards = [], []
    if for_team:
        projects = list(project_selectors.my_projects(user)[:HOME_PROJECTS])
    else:
        visible = list(project_selectors.home_projects(user)[:HOME_PROJECTS])
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
    )


# ---- the project page ----


@dataclass(frozen=True)
class AgreementSummary:
    """The agreement on the project page: the version in force, the one awaiting consent."""

    active: AgreementVersion | None
    open: AgreementVersion | None
    next_check_in: datetime.date | None


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    phases: list[Phase]
    page: Page  # one page of the activities, newest first
    agreement: AgreementSummary
    confirmations: dict  # the order confirmations panel


def project_page_for(user, project: Project, page_number=None) -> ProjectPage:
    """What `user` sees on the page of `project` (which they may see), with page `page_number`
    of its activities."""
    project = project_selectors.project_page(project)
    timeline = project_selectors.project_timeline(project)
    page = Paginator(timeline, project_selectors.TIMELINE_PAGE_SIZE).get_page(page_number)
    page.object_list = project_selectors.timeline_items(page.object_list)
    active = cocreation_selectors.active_version(project)
    next_check_in = None
    if active is not None:
        next_check_in = cocreation_selectors.next_check_in(project, version=active)
    return ProjectPage(
        project=project,
        phases=project_selectors.trajectory(project),
        page=page,
        agreement=AgreementSummary(
            active=active,
            open=cocreation_selectors.open_version(project),
            next_check_in=next_check_in,
        ),
        confirmations=cocreation_selectors.confirmations_panel(user, project, version=active),
    )
