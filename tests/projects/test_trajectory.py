"""The trajectory as the project page, the dashboard and the home page show it: which phase is
'nu' (none while the project is in preparation) and its dates, each year named (issue 14, §6)."""

import datetime
import re

import pytest
from django.urls import reverse

from projects.models import Project
from projects.selectors import trajectory
from tests.factories import PhaseFactory
from tests.projects.test_project_views import body_of

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def phases(world):
    project = world.project_a
    return [
        PhaseFactory(
            project=project,
            name="Ontdekken",
            order=0,
            start_date=D(2025, 12, 6),
            end_date=D(2026, 3, 6),
        ),
        PhaseFactory(
            project=project,
            name="Ontwerpen",
            order=1,
            is_current=True,
            start_date=D(2026, 3, 7),
            end_date=D(2026, 6, 19),
        ),
        PhaseFactory(project=project, name="Doen", order=2),
    ]


def states(project) -> list[str]:
    return [phase.state for phase in trajectory(project)]


def test_a_running_project_has_its_current_phase_now(world, phases):
    assert states(world.project_a) == ["done", "current", "next"]


def test_a_project_in_preparation_has_no_phase_now(world, phases):
    world.project_a.status = Project.Status.PROSPECT
    assert states(world.project_a) == ["next", "next", "next"]


def test_a_completed_project_has_done_every_phase(world, phases):
    world.project_a.status = Project.Status.COMPLETED
    assert states(world.project_a) == ["done", "done", "done"]


@pytest.mark.parametrize("page", ["dashboard:project", "dashboard:dashboard"])
def test_the_page_of_a_project_in_preparation_shows_no_now(client, world, phases, page):
    Project.objects.filter(pk=world.project_a.pk).update(status=Project.Status.PROSPECT)
    client.force_login(world.client_a)
    body = body_of(client.get(reverse(page, args=[world.project_a.slug])))
    assert "Ontwerpen" in body
    assert "trajectory-now" not in body and 'aria-current="step"' not in body


def test_the_trajectory_names_both_years_of_a_phase_across_new_year(client, world, phases):
    client.force_login(world.client_a)
    body = body_of(client.get(world.project_a.get_absolute_url()))
    dates = re.findall(r'<span class="trajectory-dates">(.*?)</span>', body)
    assert dates == ["6 dec 2025 – 6 mrt 2026", "7 mrt – 19 jun 2026"]


def test_the_home_card_of_a_project_in_preparation_names_no_phase(client, world, phases):
    client.force_login(world.client_a)
    assert "Fase: Ontwerpen" in body_of(client.get(reverse("dashboard:home")))
    Project.objects.filter(pk=world.project_a.pk).update(status=Project.Status.PROSPECT)
    assert "Fase: Ontwerpen" not in body_of(client.get(reverse("dashboard:home")))
