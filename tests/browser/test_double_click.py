"""A double click sends a form once (static/js/submit-once.js): the buttons say they are busy
while it is on its way, and the form is usable again after going back or after an htmx error.

The form's POST is held in the browser (page.route) until the test lets it through, so a
second submission would show as a second held request, whatever the server makes of it."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cocreation.models import Concern
from projects.models import Activity
from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _days_ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


def watch_busy(page, form: str) -> list[dict]:
    """Every change of the form's busy state, as the page reports it on its console: while the
    held navigation is pending, Playwright would wait for it before evaluating anything."""
    states: list[dict] = []

    def record(message):
        if message.text.startswith("busy "):
            states.append(json.loads(message.text.removeprefix("busy ")))

    page.on("console", record)
    page.evaluate(
        """(selector) => {
            const form = document.querySelector(selector);
            const buttons = Array.from(form.elements).filter((e) => e.type === "submit");
            const report = () => console.info("busy " + JSON.stringify({
                busy: form.getAttribute("aria-busy"),
                disabled: buttons.map((b) => b.getAttribute("aria-disabled")),
                labels: buttons.map((b) => b.value || b.textContent.trim()),
            }));
            const watched = { attributes: true, subtree: true };
            new MutationObserver(report).observe(form, watched);
        }""",
        form,
    )
    return states


def hold_posts(page, url: str) -> list:
    """Hold every POST to `url` until the test continues or fulfills it; GETs pass."""
    held = []

    def handle(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route(url, handle)
    return held


def test_clicking_send_twice_raises_one_concern(page, live_server, page_errors, password):
    world = factories.build_world()
    login(page, live_server, world.client_a.email, password)
    page.wait_for_url(f"{live_server.url}/")
    url = live_server.url + reverse("cocreation:concern_create", args=[world.project_a.slug])
    page.goto(url)
    page.get_by_label("Onderwerp").fill("Betrekken jullie ook de school?")
    page.get_by_label("Uw vraag of zorg").fill("De basisschool wil graag meedoen.")
    held = hold_posts(page, url)
    states = watch_busy(page, "form.form-page")
    send = page.get_by_role("button", name="Versturen")

    # Two clicks, the second while the first is on its way (held), as on a slow connection.
    # (The mouse, not the locator: a locator would wait for the pending navigation.)
    box = send.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_timeout(300)  # room for a second submission to show up

    assert len(held) == 1
    # Busy, and saying so, with the button's text left as it was.
    assert states[-1] == {
        "busy": "true",
        "disabled": ["true"],
        "labels": ["Versturen"],
    }
    held[0].continue_()
    expect(page.get_by_text("Uw vraag is verstuurd.")).to_be_visible()
    assert Concern.objects.count() == 1

    page.unroute(url)
    page.go_back()
    page.wait_for_url(url)
    expect(send).not_to_have_attribute("aria-disabled", "true")
    assert page_errors == []


def test_the_pressed_button_still_counts_on_a_double_click(
    page, live_server, page_errors, password, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = factories.build_world()
    factories.PhaseFactory(project=world.project_a, name="Ontwerpen", is_current=True)
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    url = live_server.url + reverse("projects:activity_create", args=[world.project_a.slug])
    page.goto(url)
    page.locator("label", has_text="Straatgesprek").click()
    page.get_by_label("Titel").fill("Gesprekken bij de speeltuin")

    page.get_by_role("button", name="Opslaan en nog een loggen").dblclick()

    # "Save and log another": back on an empty form, one activity made.
    expect(page.get_by_text("Activiteit gelogd.")).to_be_visible()
    assert page.url == url
    expect(page.get_by_label("Titel")).to_have_value("")
    assert Activity.objects.count() == 1
    assert page_errors == []


def test_an_htmx_form_is_given_back_after_a_server_error(page, live_server, password):
    world = factories.build_world()
    world.project_a.start_date = timezone.localdate() - datetime.timedelta(days=200)
    world.project_a.save()
    login(page, live_server, world.client_a.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("dashboard:dashboard", args=[world.project_a.slug]))
    held = hold_posts(
        page, live_server.url + reverse("dashboard:report_request", args=[world.project_a.slug])
    )
    page.locator("[name=report-period_start]").fill(_days_ago(60))
    page.locator("[name=report-period_end]").fill(_days_ago(1))
    request = page.get_by_role("button", name="Rapportage aanvragen")

    request.dblclick()

    expect(request).to_have_attribute("aria-disabled", "true")
    page.wait_for_timeout(300)
    assert len(held) == 1
    held[0].fulfill(status=500, body="Serverfout")
    expect(request).not_to_have_attribute("aria-disabled", "true")
    expect(page.locator("form.report-form")).not_to_have_attribute("aria-busy", "true")
