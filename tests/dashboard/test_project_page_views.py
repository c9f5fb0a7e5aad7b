"""The project page: details, trajectory, the agreement in force, order confirmations and the
activities, page by page."""

import re

import pytest
from django.db.models import F
from django.urls import reverse

from projects.models import Neighbourhood, Project, Theme
from tests.factories import (
    ActivityFactory,
    PhaseFactory,
    UserFactory,
    build_agreed_agreement,
)
from tests.projects.test_project_views import body_of, bulk_activities

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, world):
    url = reverse("dashboard:project", args=[world.project_a.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_to_a_read_page_is_405(client, world):
    client.force_login(world.designer)
    response = client.post(reverse("dashboard:project", args=[world.project_a.slug]))
    assert response.status_code == 405


def test_project_page_shows_details_trajectory_and_timeline(client, world):
    project = world.project_a
    project.question = "Hoe voelen nieuwe bewoners zich welkom?"
    project.neighbourhood = Neighbourhood.objects.create(name="Vlinderbuurt", municipality="Ede")
    project.save()
    project.themes.add(Theme.objects.get(name="Sociale samenhang"))
    PhaseFactory(project=project, name="Ontdekken", order=0)
    PhaseFactory(project=project, name="Ontwerpen", order=1, is_current=True)
    ActivityFactory(project=project, title="Koffie in de portiek", residents_reached=9)
    client.force_login(world.client_a)
    body = body_of(client.get(project.get_absolute_url()))
    assert "Hoe voelen nieuwe bewoners zich welkom?" in body
    assert "Vlinderbuurt" in body and project.client.name in body
    assert "Koffie in de portiek" in body and "9 bewoners bereikt" in body
    current = re.search(
        r'<li class="trajectory-step is-current" aria-current="step">(.*?)</li>', body, re.S
    )
    assert current and "Ontwerpen" in current.group(1)
    assert body.count('aria-current="step"') == 1


def test_timeline_shows_twenty_newest_activities_per_page(client, world):
    bulk_activities(world.project_a, 25)
    client.force_login(world.designer)
    url = world.project_a.get_absolute_url()
    first = body_of(client.get(url))
    assert "Gesprek 0024" in first and "Gesprek 0005" in first and "Gesprek 0004" not in first
    assert first.index("Gesprek 0024") < first.index("Gesprek 0023")
    second = body_of(client.get(url, {"page": 2}))
    assert "Gesprek 0004" in second and "Gesprek 0005" not in second


def test_client_page_has_no_edit_controls(client, world):
    activity = ActivityFactory(project=world.project_a)
    client.force_login(world.client_a)
    body = body_of(client.get(reverse("dashboard:project", args=[world.project_a.slug])))
    slug = world.project_a.slug
    for url in [
        reverse("projects:edit", args=[slug]),
        reverse("projects:phases", args=[slug]),
        reverse("projects:members", args=[slug]),
        reverse("projects:activity_create", args=[slug]),
        reverse("projects:activity_edit", args=[slug, activity.pk]),
        reverse("projects:activity_delete", args=[slug, activity.pk]),
    ]:
        assert url not in body


def test_designer_page_has_edit_controls(client, world):
    activity = ActivityFactory(project=world.project_a)
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:project", args=[world.project_a.slug])))
    assert reverse("projects:edit", args=[world.project_a.slug]) in body
    assert reverse("projects:activity_edit", args=[world.project_a.slug, activity.pk]) in body


def test_photo_thumbnails_go_through_the_photo_view(client, world):
    (activity,) = bulk_activities(world.project_a, 1, photos=True)
    client.force_login(world.client_a)
    body = body_of(client.get(world.project_a.get_absolute_url()))
    photo = activity.photos.get()
    assert (
        f'src="{reverse("projects:activity_photo", args=[world.project_a.slug, photo.pk])}"' in body
    )
    assert "/media/" not in body


def test_client_gets_404_for_other_clients_project(client, world):
    client.force_login(world.client_a)
    response = client.get(reverse("dashboard:project", args=[world.project_b.slug]))
    assert response.status_code == 404


def _forget_the_page(project):
    # A new generation: the page's entries are new, the health (keyed apart) stays cached.
    Project.objects.filter(pk=project.pk).update(generation=F("generation") + 1)


@pytest.mark.parametrize("who", ["designer", "client_a"])
def test_project_page_queries_do_not_grow_with_activities(
    client, world, django_assert_num_queries, django_assert_max_num_queries, who
):
    project = world.project_a
    phase = PhaseFactory(project=project, is_current=True)
    theme = Theme.objects.first()
    author = UserFactory(role="designer")
    bulk_activities(project, 5, phase=phase, theme=theme, by=author, photos=True)
    client.force_login(getattr(world, who))
    url = project.get_absolute_url()
    client.get(url)  # what every process reads once (content types, permissions), the health
    _forget_the_page(project)
    # The budget of issue 12: at most 10 with nothing cached, at most 4 warm.
    with django_assert_max_num_queries(10) as cold:
        client.get(url)
    with django_assert_max_num_queries(4) as warm:
        client.get(url)
    bulk_activities(project, 495, phase=phase, theme=theme, by=UserFactory(), photos=True)
    _forget_the_page(project)
    with django_assert_num_queries(len(cold.captured_queries)):
        client.get(url)
    with django_assert_num_queries(len(warm.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(cold.captured_queries)):
        client.get(url, {"page": 7})  # its own entry; the user's confirmations are cached


def test_a_warm_project_page_shows_a_new_activity(client, world):
    # Each page of the timeline is cached under the project's generation: a new activity
    # is on the next render.
    client.force_login(world.designer)
    url = world.project_a.get_absolute_url()
    assert "Soep op het plein" not in body_of(client.get(url))
    ActivityFactory(project=world.project_a, title="Soep op het plein")
    assert "Soep op het plein" in body_of(client.get(url))


def test_a_warm_project_page_shows_a_theme_added_to_the_project(client, world):
    client.force_login(world.designer)
    url = world.project_a.get_absolute_url()
    assert "Groen in de wijk" not in body_of(client.get(url))
    world.project_a.themes.add(Theme.objects.create(name="Groen in de wijk"))  # the admin's way
    assert "Groen in de wijk" in body_of(client.get(url))


def test_a_client_after_a_designer_gets_no_team_controls(client, world):
    # One entry per audience: the designer's render (with edit links) never reaches a client.
    ActivityFactory(project=world.project_a, title="Soep op het plein")
    client.force_login(world.designer)
    assert "Bewerken" in body_of(client.get(world.project_a.get_absolute_url()))
    client.force_login(world.client_a)
    html = body_of(client.get(world.project_a.get_absolute_url()))
    assert "Soep op het plein" in html and "Bewerken" not in html


def test_project_page_shows_the_next_check_in_of_the_agreement(client, world):
    build_agreed_agreement(world)
    client.force_login(world.client_a)
    html = body_of(client.get(world.project_a.get_absolute_url()))
    assert "Volgend reflectiemoment" in html
