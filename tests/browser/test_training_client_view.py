"""The client's view of a training on a phone (issue 17): the client contact opens the
training's dashboard, sees its sessions and the attendance, and the names of their own
organisation's participants only. The steps are small functions, for the combined journey."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.trainings.builders import OTHER_NAME, OWN_NAME, build_page_training

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def client_opens_the_training_dashboard(page, live_server, client, project, password) -> None:
    page.set_viewport_size(PHONE)
    login(page, live_server, client.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("dashboard:dashboard", args=[project.slug]))


def client_sees_the_sessions_and_attendance(page, held: int, planned: int) -> None:
    sessions = page.locator(".training-sessions")
    expect(sessions.get_by_role("heading", name="Bijeenkomsten")).to_be_visible()
    expect(sessions.locator(".training-held > li")).to_have_count(held)
    expect(sessions.locator(".training-planned > li")).to_have_count(planned)
    expect(sessions.locator("[data-attendance]").first).to_contain_text("aanwezig")


def client_sees_only_their_own_participants(page, own: str, other: str) -> None:
    participants = page.locator(".training-participants")
    # On a phone the list with "x van y", not the matrix.
    expect(participants.locator(".training-participant-list")).to_be_visible()
    expect(participants.locator(".training-matrix")).to_be_hidden()
    expect(participants.locator(".training-participant-list")).to_contain_text(own)
    expect(page.locator("body")).not_to_contain_text(other)


def page_fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_client_sees_the_training_and_only_their_own_participants_on_a_phone(
    page, live_server, page_errors, password
):
    world = factories.build_world()
    training = build_page_training(world, now=timezone.now())
    client_opens_the_training_dashboard(
        page, live_server, world.client_a, training.project, password
    )
    client_sees_the_sessions_and_attendance(page, held=3, planned=1)
    client_sees_only_their_own_participants(page, OWN_NAME, OTHER_NAME)
    page_fits_the_phone(page)
    assert page_errors == []
