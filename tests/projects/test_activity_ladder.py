"""The participation ladder on the activity forms (issue 16): the quick log offers one optional
tap (who led it, the rung reached), editing offers all four fields."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.once import new_token
from projects.models import Activity, AuditEntry
from projects.services.activities import activity_create
from tests.edits import edit_base
from tests.factories import PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(world):
    return PhaseFactory(project=world.project_a, name="Ontdekken", is_current=True)


@pytest.fixture
def designer(client, world):
    client.force_login(world.designer)
    return world.designer


def _create_url(project):
    return reverse("projects:activity_create", args=[project.slug])


def _data(phase, **overrides):
    data = {
        "kind": "meeting",
        "title": "Bewonersavond",
        "date": timezone.localdate().isoformat(),
        "phase": str(phase.pk),
    }
    return data | overrides


def test_quick_log_offers_who_led_it_and_the_rung_reached_and_explains_the_ladder(
    client, designer, world, phase
):
    response = client.get(_create_url(world.project_a))
    form = response.context["form"]
    assert "led_by" in form.fields and "level_reached" in form.fields
    assert "initiated_by" not in form.fields and "level_planned" not in form.fields
    assert [value for value, _label in form.fields["led_by"].choices] == [
        "designers",
        "residents",
        "client",
        "partner",
    ]
    html = response.content.decode()
    assert "Wie had de leiding?" in html
    assert "Informeren</strong>: Bewoners horen wat er gebeurt" in html  # the legend


def test_quick_log_saves_the_tap(client, designer, world, phase):
    data = _data(phase, led_by="residents", level_reached="coproduce")
    assert client.post(_create_url(world.project_a), data).status_code == 302
    activity = Activity.objects.get()
    assert (activity.led_by, activity.level_reached) == ("residents", "coproduce")
    assert (activity.initiated_by, activity.level_planned) == ("", "")
    entry = AuditEntry.objects.get(action="created")
    assert entry.changes["led_by"] == [None, "residents"]


def test_quick_log_without_the_tap_leaves_the_ladder_blank(client, designer, world, phase):
    assert client.post(_create_url(world.project_a), _data(phase)).status_code == 302
    activity = Activity.objects.get()
    assert (activity.led_by, activity.level_reached) == ("", "")


def test_an_unknown_rung_is_refused_at_the_field(client, designer, world, phase):
    response = client.post(_create_url(world.project_a), _data(phase, level_reached="top"))
    assert response.status_code == 200
    assert response.context["form"].errors["level_reached"]
    assert not Activity.objects.exists()


@pytest.mark.parametrize("once", [False, True])
def test_quick_log_with_the_tap_stays_within_the_quick_logs_query_budget(
    client, designer, world, phase, django_assert_max_num_queries, once
):
    budget = 11 if once else 9  # as tests/projects/test_activity_views.py

    def post(n):
        data = _data(phase, title=f"Avond {n}", led_by="residents", level_reached="advise")
        if once:
            data["once"] = new_token()
        assert client.post(_create_url(world.project_a), data).status_code == 302

    post(0)
    with django_assert_max_num_queries(budget):
        post(1)


def test_editing_offers_all_four_and_can_clear_one(client, designer, world, phase):
    activity = activity_create(
        actor=world.designer,
        project=world.project_a,
        kind="meeting",
        title="Bewonersavond",
        phase=phase,
        led_by="designers",
        level_reached="consult",
    )
    url = reverse("projects:activity_edit", args=[world.project_a.slug, activity.pk])
    form = client.get(url).context["form"]
    for name in ("initiated_by", "led_by", "level_planned", "level_reached"):
        assert form.fields[name].choices[0] == ("", "Niet vastgelegd")
    data = _data(
        phase,
        initiated_by="residents",
        led_by="residents",
        level_planned="decide",
        level_reached="",
    ) | edit_base(client, url)
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.initiated_by, activity.led_by) == ("residents", "residents")
    assert (activity.level_planned, activity.level_reached) == ("decide", "")
    changes = AuditEntry.objects.get(action="updated").changes
    assert changes["level_reached"] == ["consult", ""]


def test_activity_page_shows_the_ladder(client, designer, world, phase):
    activity = activity_create(
        actor=world.designer,
        project=world.project_a,
        kind="meeting",
        title="Bewonersavond",
        phase=phase,
        led_by="residents",
        level_reached="decide",
    )
    url = reverse("projects:activity_detail", args=[world.project_a.slug, activity.pk])
    html = client.get(url).content.decode()
    assert "Bewoners" in html and "(Mee)beslissen / zelf organiseren" in html
