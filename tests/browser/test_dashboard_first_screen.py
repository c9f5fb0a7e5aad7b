"""Issue 14: the demo client's dashboard leads with impact. At 1280×800 the first screen shows
the shared ambition and the most significant changes; the activity totals come later."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_clients_first_screen_shows_impact_not_activity_totals(
    page, live_server, page_errors, password
):
    call_command("seed_demo")
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, live_server, "client@example.org", password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/projecten/vlinderbuurt-samen-aan-zet/dashboard/")

    ambition = page.locator(".dashboard-ambition")
    significant = page.locator(".dashboard-highlight.is-significant").first
    expect(ambition).to_be_in_viewport()
    # The first most significant change is read whole, with its reason, without scrolling.
    expect(significant).to_contain_text("Meest significant")
    expect(significant.locator(".dashboard-highlight-title")).to_be_in_viewport(ratio=1)
    expect(significant.locator("p.mb-1")).to_be_in_viewport(ratio=1)
    expect(page.locator(".dashboard-commitments")).to_be_in_viewport()
    expect(page.locator(".commitment-status-attention")).to_have_count(0)
    expect(page.locator(".commitment-status-on_track").first).to_be_visible()

    totals = page.locator(".dashboard-totals")
    expect(totals).to_contain_text("activiteiten")
    expect(totals).not_to_be_in_viewport()
    impact_top = page.locator(".dashboard-impact").bounding_box()["y"]
    totals_box = totals.bounding_box()
    assert impact_top < 800 < totals_box["y"]
    # The totals read as a small line, not as the page's biggest figures.
    totals_size, title_size = page.evaluate(
        """() => [".dashboard-totals, .dashboard-totals *", ".dashboard-highlight-title"].map(
            s => Math.max(...[...document.querySelectorAll(s)].map(
                e => parseFloat(getComputedStyle(e).fontSize))))"""
    )
    assert totals_size < title_size
    assert page_errors == []
