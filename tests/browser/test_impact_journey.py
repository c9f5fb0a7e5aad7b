"""Journey 1, second half: from a logged activity the designer records an emergent outcome."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.models import Activity
from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_designer_records_an_outcome_from_a_logged_activity_on_a_phone(
    page, live_server, page_errors, password
):
    world = factories.build_world()
    project = world.project_a
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")

    # The first half of the journey: log the activity.
    page.goto(live_server.url + reverse("projects:activity_create", args=[project.slug]))
    page.locator("label", has_text="Straatgesprek").first.click()
    page.get_by_label("Titel").fill("Koffie op het Vlinderplein")
    page.get_by_role("button", name="Activiteit opslaan").click()
    page.wait_for_url(live_server.url + project.get_absolute_url())
    activity = Activity.objects.get(project=project, title="Koffie op het Vlinderplein")

    # Right where the message says it was logged, record what changed; the activity is
    # already filled in.
    page.locator(".messages").get_by_role("link", name=re.compile("^Impact vastleggen")).click()
    page.wait_for_url(
        live_server.url + reverse("impact:create", args=[project.slug]) + f"?activity={activity.pk}"
    )
    contributed = page.get_by_role("checkbox", name=re.compile("Koffie op het Vlinderplein"))
    expect(contributed).to_be_checked()
    page.get_by_role("textbox", name=re.compile("^Wat is er veranderd")).fill(
        "Buren drinken nu elke week samen koffie"
    )
    page.get_by_role("button", name="Impact opslaan").click()

    # The project's impact timeline shows it, with the activity that contributed.
    page.wait_for_url(live_server.url + reverse("impact:timeline", args=[project.slug]))
    card = page.locator(".impact-card", has_text="Buren drinken nu elke week samen koffie")
    expect(card).to_contain_text("Droeg bij:")
    expect(card.get_by_role("link", name="Koffie op het Vlinderplein")).to_be_visible()
    assert page_errors == []
