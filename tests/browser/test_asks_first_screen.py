"""Issue 13 §1: on a phone, what waits for the demo client and the button to raise a concern
are on the first screen, and the ask leads straight to the action."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUDE_HAVEN = "pleinen-van-de-oude-haven"


def test_phone_client_sees_the_consent_ask_and_the_concern_button_first(
    page, live_server, page_errors, password
):
    call_command("seed_demo")
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "client@example.org", password)
    page.wait_for_url(f"{live_server.url}/")

    consent = page.locator('[data-ask-kind="consent"]')
    expect(consent).to_have_count(1)
    expect(consent).to_contain_text("wacht op uw instemming")
    expect(consent).to_be_in_viewport(ratio=1)

    page.goto(f"{live_server.url}/projecten/{OUDE_HAVEN}/dashboard/")
    consent = page.locator('[data-ask-kind="consent"]')
    expect(consent).to_be_in_viewport(ratio=1)
    expect(page.locator("[data-raise-concern]")).to_be_in_viewport(ratio=1)
    expect(page.locator("[data-raise-concern]")).to_have_text("Vraag of zorg melden")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    consent.locator("a").click()
    page.wait_for_url(f"{live_server.url}/projecten/{OUDE_HAVEN}/samenwerking/versies/1/")
    expect(page.locator(".consent-box")).to_be_visible()
    expect(page.locator(".awaiting-missing")).to_contain_text("De Buurtontdekkers")
    assert page_errors == []


def test_phone_client_finds_the_concern_button_first_on_a_full_dashboard(
    page, live_server, page_errors, password
):
    call_command("seed_demo")
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "client@example.org", password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/projecten/vlinderbuurt-samen-aan-zet/dashboard/")
    expect(page.locator("[data-raise-concern]")).to_be_in_viewport(ratio=1)
    expect(page.locator("[data-asks]")).to_be_in_viewport()
    page.locator("[data-raise-concern]").click()
    page.wait_for_url(f"{live_server.url}/projecten/vlinderbuurt-samen-aan-zet/vragen/nieuw/")
    assert page_errors == []
