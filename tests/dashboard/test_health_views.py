"""Where the team sees project health (issue 13 §3): the home page, the project list (filter by
colour, sort by health) and the project page; clients and partners never see a colour or a
reason. Time is frozen on Wednesday 10 June 2026."""

import datetime

import pytest
from django.urls import reverse

from projects.models import Membership, Project
from projects.services.visits import dashboard_visit_record, dashboard_visit_save
from projects.tasks import dashboard_visit_save_task
from tests import factories
from tests.projects.test_project_views import body_of

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=datetime.UTC)
LATE = "staat al 9 dagen open"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _late_concern(project, subject="Waar blijft de bank?"):
    return factories.ConcernFactory(
        project=project, subject=subject, created_at=NOW - datetime.timedelta(days=9)
    )


# ---- the project page ----


def test_designer_sees_the_colour_the_reasons_and_a_link_to_act_on_the_project_page(client, world):
    concern = _late_concern(world.project_a)
    client.force_login(world.designer)
    html = body_of(client.get(world.project_a.get_absolute_url()))
    assert "Gezondheid van het project" in html and "Oranje" in html
    assert LATE in html
    assert reverse("cocreation:concern", args=[world.project_a.slug, concern.pk]) in html


def test_designer_sees_green_with_the_reason_why(client, world):
    client.force_login(world.designer)
    html = body_of(client.get(world.project_a.get_absolute_url()))
    assert "Groen" in html and "Geen signalen" in html


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_clients_and_partners_never_see_health_on_the_project_page(client, world, who):
    _late_concern(world.project_a)
    client.force_login(getattr(world, who))
    html = body_of(client.get(world.project_a.get_absolute_url()))
    assert "Gezondheid" not in html and "health-" not in html and LATE not in html


# ---- the home page ----


def test_designer_home_lists_amber_projects_with_their_reasons(client, world):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    factories.MembershipFactory(user=world.designer, project=world.project_b, role="designer")
    _late_concern(world.project_a)
    client.force_login(world.designer)
    html = body_of(client.get(reverse("dashboard:home")))
    signals = html.split('id="health-signals-title"')[1].split("</section>")[0]
    assert world.project_a.title in signals and LATE in signals
    assert world.project_b.title not in signals  # green: on the cards, not among the signals
    assert "health-green" in html


def test_client_home_shows_no_health(client, world):
    _late_concern(world.project_a)
    client.force_login(world.client_a)
    html = body_of(client.get(reverse("dashboard:home")))
    assert "Signalen" not in html and "health-" not in html


# ---- the project list ----


def _list(client, user, **params):
    client.force_login(user)
    return body_of(client.get(reverse("dashboard:project_list"), params))


def test_designer_filters_the_project_list_by_colour(client, world):
    _late_concern(world.project_a)
    html = _list(client, world.designer, health="amber")
    assert world.project_a.title in html and world.project_b.title not in html
    html = _list(client, world.designer, health="green")
    assert world.project_b.title in html and world.project_a.title not in html


def test_designer_sorts_the_project_list_red_first(client, world):
    green = factories.ProjectFactory(title="Aaa groen")
    red = factories.ProjectFactory(title="Zzz rood")
    factories.ConcernFactory(project=red, created_at=NOW - datetime.timedelta(days=30))
    _late_concern(world.project_a)  # amber
    html = _list(client, world.designer, sort="gezondheid")
    order = [html.index(p.title) for p in (red, world.project_a, green)]
    assert order == sorted(order)
    assert html.index(green.title) < _list(client, world.designer).index(red.title)


def test_the_project_list_cards_show_the_colour_and_first_reason(client, world):
    _late_concern(world.project_a)
    html = _list(client, world.designer)
    assert "Oranje" in html and LATE in html


def test_clients_get_no_health_filter_nor_colours_in_the_project_list(client, world):
    _late_concern(world.project_a)
    html = _list(client, world.client_a, health="amber", sort="gezondheid")
    assert world.project_a.title in html  # the filter is ignored, not applied
    assert 'name="health"' not in html and 'name="sort"' not in html
    assert "Oranje" not in html and LATE not in html and "health-" not in html


@pytest.mark.parametrize("params", [{}, {"sort": "gezondheid"}, {"health": "amber"}])
def test_the_project_list_queries_do_not_grow_with_projects(
    client, world, params, django_assert_num_queries, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            project = factories.ProjectFactory()
            factories.MembershipFactory(project=project)
            _late_concern(project)

    add(2)
    client.force_login(world.designer)
    url = reverse("dashboard:project_list")
    with django_assert_max_num_queries(15) as ctx:
        client.get(url, params)  # nothing cached: the health of each project is computed
    add(30)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url, params)


# ---- recording that a client opened the dashboard ----


def test_a_client_opening_the_dashboard_is_recorded_once_a_day(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.client_a)
    url = reverse("dashboard:dashboard", args=[world.project_a.slug])
    with django_capture_on_commit_callbacks() as callbacks:
        client.get(url)
        client.get(url)
    assert len(callbacks) == 1  # the second visit of the day enqueues nothing
    dashboard_visit_save_task.apply(args=[world.client_a.pk, world.project_a.pk, "2026-06-10"])
    membership = Membership.objects.get(user=world.client_a, project=world.project_a)
    assert membership.last_seen_on == datetime.date(2026, 6, 10)


def test_saving_a_visit_twice_or_an_older_one_keeps_the_latest_day(world):
    args = {"user_id": world.client_a.pk, "project_id": world.project_a.pk}
    assert dashboard_visit_save(**args, day=datetime.date(2026, 6, 10)) == 1
    assert dashboard_visit_save(**args, day=datetime.date(2026, 6, 10)) == 0
    assert dashboard_visit_save(**args, day=datetime.date(2026, 6, 9)) == 0
    membership = Membership.objects.get(user=world.client_a, project=world.project_a)
    assert membership.last_seen_on == datetime.date(2026, 6, 10)


def test_a_designer_opening_the_dashboard_is_not_recorded(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        dashboard_visit_record(user=world.designer, project=world.project_a)
    assert callbacks == []


def test_a_partner_visit_changes_no_client_membership(world):
    assert (
        dashboard_visit_save(
            user_id=world.partner.pk, project_id=world.project_a.pk, day=datetime.date(2026, 6, 10)
        )
        == 0
    )


def test_an_inactive_project_is_not_judged_on_the_list(client, world):
    Project.objects.filter(pk=world.project_b.pk).update(status="completed")
    html = _list(client, world.designer, health="green")
    assert world.project_a.title in html and world.project_b.title not in html
