"""A check-in is never planned in a weekend (issue 14, §6): the version form refuses a first
check-in on a Saturday or Sunday and names the Monday after; a rhythm that lands in a weekend
moves to that Monday (tests/cocreation/test_services.py)."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.edits import edit_base

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.UTC))
    return factories.build_agreement(world).version


def _post_first_check_in(client, world, version, day: str):
    url = reverse(
        "cocreation:version_edit",
        kwargs={"slug": world.project_a.slug, "number": version.number},
    )
    client.force_login(world.designer)
    data = {
        "ambition": "Buren kennen elkaar weer.",
        "question": "",
        "approach": "Het hele traject",
        "principles": "",
        "check_in_every_weeks": "6",
        "first_check_in": day,
    } | edit_base(client, url)
    return client.post(url, data)


def test_a_first_check_in_on_a_saturday_is_refused_with_the_monday_suggested(client, world, draft):
    response = _post_first_check_in(client, world, draft, "2026-12-12")
    draft.refresh_from_db()
    assert draft.first_check_in is None
    assert (
        "zaterdag 12 december 2026 valt in het weekend. Kies een werkdag, bijvoorbeeld "
        "maandag 14 december 2026." in response.content.decode()
    )


def test_a_first_check_in_on_a_weekday_is_kept(client, world, draft):
    response = _post_first_check_in(client, world, draft, "2026-12-14")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.first_check_in == datetime.date(2026, 12, 14)
