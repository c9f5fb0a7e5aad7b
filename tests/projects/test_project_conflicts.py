"""Two designers edit the same project: the second save on an old form overwrites nothing
and shows what changed (core/concurrency.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Project, User
from tests.edits import edit_base
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 5, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOON)  # ticking: each save gets its own moment


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def data_of(project: Project, **changes) -> dict:
    data = {
        "title": project.title,
        "client": project.client_id,
        "question": project.question,
        "start_date": "2025-03-01",
        "expected_end_date": "2026-12-31",
        "status": project.status,
    }
    return data | changes


def test_second_save_on_an_old_form_overwrites_nothing_and_shows_what_changed(world):
    project = world.project_a
    url = reverse("projects:edit", args=[project.slug])
    dirk = client_of(world.designer)
    dana = client_of(UserFactory(role=User.Role.DESIGNER, name="Designer Dana"))
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    assert (
        dirk.post(url, data_of(project, title="Vlinderbuurt verbonden") | dirk_base).status_code
        == 302
    )

    second = dana.post(url, data_of(project, question="Wie doet er mee?") | dana_base)

    assert second.status_code == 409
    project.refresh_from_db()
    assert project.title == "Vlinderbuurt verbonden" and project.question != "Wie doet er mee?"
    body = second.content.decode()
    assert "Niet opgeslagen: Designer Dirk heeft dit op 5 maart 2026 om 12:00" in body
    assert body.count("Niet opgeslagen:") == 1  # once, not from crispy and the template both
    changes = [(c.before, c.now) for c in second.context["form"].conflict_changes]
    assert ("Vlinderbuurt samen", "Vlinderbuurt verbonden") in changes
    assert second.context["form"]["question"].value() == "Wie doet er mee?"
