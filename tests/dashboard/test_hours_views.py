"""The hours against the order confirmation on the project page and the dashboard: the team is
warned at 80 % and 100 %, the client reads the same figures, a partner none (issue 16 §4)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.cocreation.test_hours import confirm
from tests.factories import ActivityFactory, build_agreed_agreement

pytestmark = pytest.mark.django_db

WARN_80 = "80 % van de afgesproken uren is besteed."
WARN_100 = "100 % van de afgesproken uren is besteed."


@pytest.fixture
def promised(world):
    """Project A with a confirmation in force promising 100 hours; its first phase."""
    built = build_agreed_agreement(world)
    confirm(world, built.version, 100)
    return world.project_a.phases.order_by("order").first()


def _pages(project):
    return [
        project.get_absolute_url(),
        reverse("dashboard:dashboard", kwargs={"slug": project.slug}),
    ]


def _html(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", [0, 1], ids=["project_page", "dashboard"])
def test_designer_is_warned_at_80_percent_and_not_at_79(client, world, promised, page):
    url = _pages(world.project_a)[page]
    ActivityFactory(project=world.project_a, phase=promised, hours=Decimal("79.5"))
    html = _html(client, world.designer, url)
    assert "79,5 van de 100 afgesproken uren besteed (79 %)" in html
    assert WARN_80 not in html
    ActivityFactory(project=world.project_a, phase=promised, hours=Decimal("0.5"))
    html = _html(client, world.designer, url)
    assert "80 van de 100 afgesproken uren besteed (80 %)" in html
    assert WARN_80 in html and WARN_100 not in html
    assert "80 % van de afgesproken uren in deze fase" in html


@pytest.mark.parametrize("page", [0, 1], ids=["project_page", "dashboard"])
def test_designer_is_warned_at_100_percent(client, world, promised, page):
    ActivityFactory(project=world.project_a, phase=promised, hours=Decimal(100))
    html = _html(client, world.designer, _pages(world.project_a)[page])
    assert WARN_100 in html and WARN_80 not in html


@pytest.mark.parametrize("page", [0, 1], ids=["project_page", "dashboard"])
def test_client_sees_the_same_figures_worded_neutrally_and_no_fee(client, world, promised, page):
    ActivityFactory(project=world.project_a, phase=promised, hours=Decimal(85))
    html = _html(client, world.client_a, _pages(world.project_a)[page])
    assert "85 van de 100 afgesproken uren besteed (85 %)" in html
    assert WARN_80 not in html and "in deze fase" not in html
    assert "De afgesproken inzet is grotendeels besteed" in html
    assert "9500" not in html and "9.500" not in html  # the confirmation's fee


@pytest.mark.parametrize("page", [0, 1], ids=["project_page", "dashboard"])
def test_partner_sees_no_hours(client, world, promised, page):
    ActivityFactory(project=world.project_a, phase=promised, hours=Decimal(85))
    html = _html(client, world.partner, _pages(world.project_a)[page])
    assert "Inzet in uren" not in html and "afgesproken uren" not in html


def test_without_a_confirmation_the_team_sees_the_hours_spent(client, world):
    ActivityFactory(project=world.project_a, hours=Decimal("3.5"))
    html = _html(client, world.designer, world.project_a.get_absolute_url())
    assert "Er is nog geen opdrachtbevestiging met afgesproken uren" in html
    assert "3,5 uur" in html
