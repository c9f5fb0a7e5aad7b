"""What the project page shows each user, gathered once into a plain object: the
trajectory with its decisions, one page of the activities, the agreement, the order
confirmations, the hours and (for the team) the project's health."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.utils import timezone

from cocreation import hours as cocreation_hours
from cocreation import selectors as cocreation_selectors
from projects import selectors as project_selectors
from trainings import selectors as training_selectors

from . import health
from .rules import sees_health
from .selectors import hours_for

if TYPE_CHECKING:
    from cocreation.models import AgreementVersion
    from projects.models import Phase, Project


def project_page_projects():
    """Projects with what their page shows (`projects.selectors.page_projects`) and the hours
    read along: give it to `get_project_for_user(queryset=...)`."""
    return project_selectors.page_projects().annotate(**cocreation_hours.read_along())


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
    hours: cocreation_hours.Hours | None  # None for a partner
    health: health.Health | None  # the team's only; None for others and inactive projects
    training: training_selectors.TrainingOverview | None  # None: the project is no training


def project_page_for(user, project: Project, page_number=None) -> ProjectPage:
    """What `user` sees on the page of `project` (which they may see), with page `page_number`
    of its activities."""
    project = project_selectors.project_page(project)
    timeline = project_selectors.project_timeline(project)
    page = Paginator(timeline, project_selectors.TIMELINE_PAGE_SIZE).get_page(page_number)
    page.object_list = project_selectors.timeline_items(page.object_list)
    active = cocreation_selectors.active_version(project)
    phases = cocreation_selectors.trajectory_with_decisions(project, today=timezone.localdate())
    next_check_in = None
    if active is not None:
        next_check_in = cocreation_selectors.next_check_in(project, version=active)
    return ProjectPage(
        project=project,
        phases=phases,
        page=page,
        agreement=AgreementSummary(
            active=active,
            open=cocreation_selectors.open_version(project),
            next_check_in=next_check_in,
        ),
        confirmations=cocreation_selectors.confirmations_panel(user, project, version=active),
        hours=hours_for(user, project, phases),
        health=health.health_for(project) if sees_health(user) else None,
        training=training_selectors.training_overview(user, project),
    )
