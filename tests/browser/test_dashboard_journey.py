"""Journey 4 (DESIGN §2): a client contact sees only their projects, opens the dashboard and
raises a concern; a designer sees it on their home."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_client_raises_a_concern_from_the_dashboard_and_a_designer_sees_it(
    page, browser, live_server, page_errors, password
):
    world = factories.build_world()
    data = factories.build_dashboard(world)
    login(page, live_server, world.client_a.email, password)
    page.wait_for_url(f"{live_server.url}/")

    # Only their own project, with its phase and latest impact.
    projects = page.locator(".project-cards")
    expect(projects).to_contain_text(data.project.title)
    expect(projects).not_to_contain_text(world.project_b.title)
    expect(projects).to_contain_text("Fase: Ontwerpen")

    page.get_by_role("link", name=data.project.title, exact=True).click()
    page.wait_for_url(live_server.url + reverse("dashboard:dashboard", args=[data.project.slug]))
    expect(page.get_by_role("heading", name="Gedeelde ambitie")).to_be_visible()
    expect(page.locator(".dashboard-impact")).to_contain_text("Bewoners beheren samen het plein")
    expect(page.locator(".dashboard-commitments")).to_contain_text("Vraagt aandacht")
    expect(page.locator("canvas[data-chart]").first).to_be_visible()

    page.get_by_role("link", name="Vraag of zorg melden").first.click()  # the header button
    page.get_by_label("Onderwerp").fill("Betrekken jullie ook de school?")
    page.get_by_label("Uw vraag of zorg").fill("De basisschool wil graag meedoen.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw vraag is verstuurd.")).to_be_visible()
    assert page_errors == []

    context = browser.new_context(locale="nl-NL")
    designer_page = context.new_page()
    designer_errors: list[str] = []
    designer_page.on(
        "console", lambda msg: msg.type == "error" and designer_errors.append(msg.text)
    )
    login(designer_page, live_server, world.designer.email, password)
    designer_page.wait_for_url(f"{live_server.url}/")
    expect(designer_page.locator(".open-concerns")).to_contain_text(
        "Betrekken jullie ook de school?"
    )
    assert designer_errors == []
    context.close()
