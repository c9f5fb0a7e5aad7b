"""The home page: the team's own projects and open concerns; a client's or partner's projects
with where each stands and its latest impact; the latest activities."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Theme
from tests.factories import ActivityFactory, ConcernFactory, MembershipFactory, ProjectFactory
from tests.projects.test_project_views import body_of, bulk_activities

pytestmark = pytest.mark.django_db


def test_designer_home_shows_own_projects_with_quick_log_links(client, world):
    MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:home")))
    assert world.project_a.title in body
    assert world.project_b.title not in body  # not a member
    assert reverse("projects:activity_quick") in body
    assert reverse("projects:activity_create", args=[world.project_a.slug]) in body


def test_designer_home_shows_latest_activities_across_projects(client, world):
    ActivityFactory(project=world.project_a, title="Soep op het plein")
    ActivityFactory(project=world.project_b, title="Buurtschouw")
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:home")))
    assert "Soep op het plein" in body and "Buurtschouw" in body


def test_client_home_shows_own_projects_and_activities_without_edit_controls(client, world):
    activity = ActivityFactory(project=world.project_a, title="Soep op het plein")
    ActivityFactory(project=world.project_b, title="Buurtschouw")
    client.force_login(world.client_a)
    body = body_of(client.get(reverse("dashboard:home")))
    assert world.project_a.title in body and world.project_b.title not in body
    assert "Soep op het plein" in body and "Buurtschouw" not in body
    assert reverse("projects:activity_quick") not in body
    assert reverse("projects:activity_edit", args=[world.project_a.slug, activity.pk]) not in body


def test_home_explains_what_will_appear_when_empty(client, world):
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:home")))
    assert "U zit nog in geen enkel projectteam" in body
    assert "Hier verschijnen de activiteiten" in body


def test_home_queries_do_not_grow_with_activities(
    client, world, django_assert_num_queries, django_assert_max_num_queries
):
    MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    theme = Theme.objects.first()
    bulk_activities(world.project_a, 3, theme=theme, photos=True)
    client.force_login(world.designer)
    url = reverse("dashboard:home")
    client.get(url)
    with django_assert_max_num_queries(7) as ctx:
        client.get(url)
    bulk_activities(world.project_b, 30, theme=theme, photos=True)
    ProjectFactory.create_batch(5)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def test_anonymous_home_is_sent_to_login(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_designer_home_highlights_concerns_older_than_a_week(client, world):
    ConcernFactory(
        project=world.project_a,
        subject="Oude zorg",
        created_at=timezone.now() - datetime.timedelta(days=9),
    )
    client.force_login(world.designer)
    html = body_of(client.get(reverse("dashboard:home")))
    assert "Oude zorg" in html and "is-overdue" in html
    client.force_login(world.client_a)
    assert "Oude zorg" not in body_of(client.get(reverse("dashboard:home")))
