"""The dashboard's number of SQL queries stays within its budget and does not grow with the data
(STYLE: an upper bound, at two sizes)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impact.models import Contribution, ImpactEntry
from projects.models import Activity
from tests import factories

pytestmark = pytest.mark.django_db

# Issue 11: at most 15 queries, session and user included. The project comes with the viewer's
# role (so the permission checks of the page ask no more), and small collections (phases,
# photos, themes, steps, replies, contributions) come with their rows (core.rows).
BUDGET = {"client_a": 15, "partner": 15, "designer": 15, "admin": 15}


def _add_activities(project, n):
    start = datetime.date(2024, 1, 1)
    Activity.objects.bulk_create(
        Activity(
            project=project,
            kind="meeting",
            title=f"Bijeenkomst {i}",
            date=start + datetime.timedelta(days=i % 700),
            residents_reached=i % 30,
        )
        for i in range(n)
    )


def _add_entries(project, n):
    entries = ImpactEntry.objects.bulk_create(
        ImpactEntry(
            project=project,
            title=f"Verandering {i}",
            visibility="shared" if i % 3 else "internal",
            occurred_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 700),
        )
        for i in range(n)
    )
    activity = project.activities.first()
    Contribution.objects.bulk_create(Contribution(entry=e, activity=activity) for e in entries)


def _queries(client, user, project) -> int:
    client.force_login(user)
    url = reverse("dashboard:dashboard", kwargs={"slug": project.slug})
    client.get(url)  # warm: session, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", list(BUDGET))
def test_query_count_is_the_same_with_5_and_5000_activities(client, world, who):
    factories.build_dashboard(world)
    project, user = world.project_a, getattr(world, who)
    _add_activities(project, 3)  # 5 with the two of build_dashboard
    few = _queries(client, user, project)
    assert few <= BUDGET[who]
    _add_activities(project, 4995)
    assert _queries(client, user, project) == few


@pytest.mark.parametrize("who", list(BUDGET))
def test_query_count_is_the_same_with_5_and_1000_impact_entries(client, world, who):
    factories.build_dashboard(world)
    project, user = world.project_a, getattr(world, who)
    ImpactEntry.objects.filter(project=project).exclude(selections__isnull=False).delete()
    _add_entries(project, 4)  # 5 with the most significant one
    few = _queries(client, user, project)
    assert few <= BUDGET[who]
    _add_entries(project, 995)
    assert _queries(client, user, project) == few


def test_client_home_query_count_does_not_grow_with_projects(client, world):
    def home_queries():
        client.force_login(world.client_a)
        client.get(reverse("dashboard:home"))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("dashboard:home"))
        return len(queries)

    factories.ImpactEntryFactory(project=world.project_a)
    one = home_queries()
    for _ in range(5):
        project = factories.ProjectFactory()
        factories.MembershipFactory(user=world.client_a, project=project)
        factories.PhaseFactory(project=project, is_current=True)
        factories.ImpactEntryFactory(project=project)
    assert home_queries() == one
