"""What the project page shows each user, gathered once into a plain object: the
trajectory with its decisions, one page of the activities, the agreement, the order
confirmations, the hours and (for the team) the project's health.

What everyone of one audience sees alike on one page of the activities (`PageBlocks`) is kept
rendered, per generation of the project (dashboard/cache.py), and read in one round trip with
the user's own confirmations; a warm page renders only the header, the health and the
confirmations panel around it. A region's template receives `project_page` (the
`PageBlocks`), `project` and `user`."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.template.loader import render_to_string
from django.utils import timezone

from cocreation import hours as cocreation_hours
from cocreation import selectors as cocreation_selectors
from core.rows import from_json, json_rows
from projects import selectors as project_selectors
from projects.models import Project, Theme
from projects.rules import with_role_of
from trainings import selectors as training_selectors

from . import cache, health
from .rules import sees_health
from .selectors import audience, hours_for

if TYPE_CHECKING:
    from cocreation.models import AgreementVersion
    from projects.models import Phase

# The regions of templates/dashboard/project.html. A new block that everyone of an audience
# sees alike goes inside one of these templates, its data on `PageBlocks`.
REGIONS = {
    "agreement": "dashboard/_page_agreement.html",  # the agreement in force, the next check-in
    "main": "dashboard/_page_main.html",  # the question, the trajectory, the activities
    "aside": "dashboard/_page_aside.html",  # the project's facts, the hours
}


def health_stamps(user, project: Project) -> list[str]:
    """The keys of the stamps of the project's health, which the page shows the team only
    (read them with the page: `made_with`)."""
    return cache.health_stamp_keys([project]) if sees_health(user) else []


def made_with(user, project: Project, found: dict) -> str:
    """What the page shows that its key does not name: the key of the health the team sees,
    from its stamps (`health_stamps`) in `found`."""
    return cache.health_keys([project], found)[project.pk] if sees_health(user) else ""


@functools.cache
def _page_projects():
    # Built once per process (resolving the subqueries costs more than the query itself);
    # never evaluated, only cloned.
    themes = json_rows(Theme.objects.all(), parent="project", fields=["id", "name"])
    return project_selectors.page_projects(themes=False).annotate(
        theme_rows=themes, **cocreation_hours.read_along()
    )


@dataclass(frozen=True)
class AgreementSummary:
    """The agreement on the project page: the version in force, the one awaiting consent."""

    active: AgreementVersion | None
    open: AgreementVersion | None
    next_check_in: datetime.date | None


@dataclass(frozen=True)
class PageBlocks:
    """What everyone of one audience sees alike on one page of the project page."""

    phases: list[Phase]
    page: Page  # one page of the activities, newest first
    agreement: AgreementSummary
    hours: cocreation_hours.Hours | None  # None for a partner
    themes: list[Theme]  # the project's, by name


@dataclass(frozen=True)
class SharedPage:
    """The rendered regions of one audience's page, and the version in force beside them."""

    regions: dict[str, str]  # name (REGIONS) -> HTML, safe
    active: AgreementVersion | None


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    regions: dict[str, str]  # the rendered regions (REGIONS)
    confirmations: dict  # the order confirmations panel
    health: health.Health | None  # the team's only; None for others and inactive projects
    # Read live, never cached: "held" turns on the hour, and names depend on the viewer.
    training: training_selectors.TrainingOverview | None  # None: the project is no training

    @property
    def valid_until(self) -> datetime.datetime | None:
        """Until when the page shows what it shows, as far as the clock goes (the day aside:
        dashboard.cache keys by it): the next session starts."""
        return training_selectors.next_change(self.training)


def project_page_for(user, project: Project, page_number_asked=None) -> ProjectPage:
    """What `user` sees on the page of `project` (which they may see), with page
    `page_number_asked` of its activities."""
    number = page_number(page_number_asked)
    key = cache.shared_key(project, audience(user, project), page=f"project-page-{number}")
    own_key = f"project-page:{cache.state(project)}:user:{user.pk}"
    found = cache.read([key, own_key])
    shared = found.get(key)
    if shared is None:
        blocks, read = _page_blocks(user, project, page_number_asked)
        context = {"project_page": blocks, "project": read, "user": user}
        shared = SharedPage(
            regions={
                name: render_to_string(template, context) for name, template in REGIONS.items()
            },
            active=blocks.agreement.active,
        )
        if number is not None:
            cache.store(key, shared)
    else:
        header = project_selectors.header_projects().select_related("variant__service")
        read = with_role_of(header.get(pk=project.pk), project)
    confirmations = found.get(own_key)
    if confirmations is None:
        confirmations = cache.store(
            own_key,
            list(
                cocreation_selectors.confirmations_of(project, user)[
                    : cocreation_selectors.PANEL_CONFIRMATIONS
                ]
            ),
        )
    return ProjectPage(
        project=read,
        regions=shared.regions,
        confirmations=cocreation_selectors.confirmations_panel(
            user, read, version=shared.active, confirmations=confirmations
        ),
        health=health.health_for(read) if sees_health(user) else None,
        training=training_selectors.training_overview(user, read),
    )


def page_number(page_number) -> int | None:
    """The page asked for when it is a page number (a page past the last one shows the
    last); None for anything else, which is not cached."""
    if page_number is None or page_number == "":
        return 1
    text = str(page_number)
    return int(text) if text.isdigit() and 0 < int(text) < 10_000 else None


def _page_blocks(user, project: Project, page_number) -> tuple[PageBlocks, Project]:
    """The blocks, and `project` read again with what they show."""
    project = with_role_of(_page_projects().get(pk=project.pk), project)
    timeline = project_selectors.project_timeline(project)
    page = Paginator(timeline, project_selectors.TIMELINE_PAGE_SIZE).get_page(page_number)
    page.object_list = project_selectors.timeline_items(page.object_list)
    active = cocreation_selectors.active_version(project)
    phases = cocreation_selectors.trajectory_with_decisions(project, today=timezone.localdate())
    next_check_in = None
    if active is not None:
        next_check_in = cocreation_selectors.next_check_in(project, version=active)
    blocks = PageBlocks(
        phases=phases,
        page=page,
        agreement=AgreementSummary(
            active=active,
            open=cocreation_selectors.open_version(project),
            next_check_in=next_check_in,
        ),
        hours=hours_for(user, project, phases),
        themes=from_json(Theme, project.theme_rows, order_by=("name",)),
    )
    return blocks, project
