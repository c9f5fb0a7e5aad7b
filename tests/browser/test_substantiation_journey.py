"""Issue 16 §1: a designer asks a resident to confirm an outcome; the resident answers on a
phone through the link in the e-mail, without an account; the client's dashboard then says the
outcome was confirmed by a resident."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def test_resident_confirms_an_outcome_from_the_mail_and_the_client_sees_it(
    page, browser, live_server, page_errors, password, mailoutbox
):
    world = factories.build_world()
    entry = factories.ImpactEntryFactory(
        project=world.project_a,
        title="Buren onderhouden samen hun geveltuinen",
        description="Elke zaterdag wieden zes buren de geveltuinen.",
        significance="De straat voelt weer van iedereen.",
        contribution_note="De eerste plantdag bracht ze samen.",
    )

    # The designer asks from the entry's page.
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("impact:detail", args=[world.project_a.slug, entry.pk]))
    page.get_by_role("link", name="Vragen om bevestiging").click()
    page.get_by_label("Naam").fill("Fatima el Amrani")
    page.get_by_label("E-mailadres").fill("fatima@example.org")
    page.get_by_label("bewoner", exact=True).check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.locator(".messages")).to_contain_text("Gevraagd aan Fatima el Amrani")
    expect(page.locator(".entry-substantiation")).to_contain_text("gevraagd, nog geen antwoord")
    assert page_errors == []

    # The resident opens the link from the e-mail on a phone, not logged in, and answers.
    assert [mail.to for mail in mailoutbox] == [["fatima@example.org"]]
    link = re.search(r"https?://\S+/bevestigen/\S+/", mailoutbox[0].body).group(0)
    link = live_server.url + "/" + link.split("/", 3)[3]
    phone = browser.new_context(locale="nl-NL", viewport=PHONE)
    resident = phone.new_page()
    resident_errors: list[str] = []
    resident.on("console", lambda msg: msg.type == "error" and resident_errors.append(msg.text))
    resident.goto(link)
    expect(resident.get_by_role("heading", name="Klopt dit?")).to_be_visible()
    expect(resident.locator("main")).to_contain_text("Elke zaterdag wieden zes buren")
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    points = resident.locator("fieldset.substantiation-point")
    for index in range(3):
        points.nth(index).get_by_text("klopt", exact=True).click()
    points.nth(0).get_by_label("Toelichting").fill("Ik sta er zelf elke zaterdag.")
    resident.get_by_label("Uw naam").fill("Fatima el Amrani")
    resident.get_by_label("Uw rol").fill("bewoner Atalantastraat")
    resident.get_by_role("button", name="Antwoord versturen").click()
    expect(resident.get_by_role("heading", name="Dank u wel!")).to_be_visible()
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert resident_errors == []
    # The link works once (the browser logs the 410 it answers with).
    resident.goto(link)
    expect(resident.locator("main")).to_contain_text("Deze link is al gebruikt")
    phone.close()

    # The client's dashboard shows it beside the outcome.
    client = browser.new_context(locale="nl-NL")
    client_page = client.new_page()
    login(client_page, live_server, world.client_a.email, password)
    client_page.wait_for_url(f"{live_server.url}/")
    client_page.goto(live_server.url + reverse("dashboard:dashboard", args=[world.project_a.slug]))
    outcome = client_page.locator(".dashboard-highlight", has_text=entry.title)
    expect(outcome).to_contain_text("bevestigd door een bewoner")
    expect(client_page.locator("main")).not_to_contain_text("Fatima")
    client.close()
