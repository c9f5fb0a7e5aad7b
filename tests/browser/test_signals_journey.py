"""Issue 13: the product speaks up. The client answers a pulse from the link in the e-mail,
without logging in, with low scores; the designer's home shows the project amber for it and
for the continuation decision due; the designer records the decision with the client; the
decision's reason goes from the designer's pages, and the client's dashboard shows the
decision on the trajectory and no longer asks for it. The live server keeps the real clock,
so the phases are dated from today."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cocreation.services.pulse import pulse_send_invitations
from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pulse_low_and_decision_due_turn_amber_until_the_decision_is_recorded(
    page, browser, live_server, page_errors, password, mailoutbox
):
    today = timezone.localdate()
    world = factories.build_world()
    project = world.project_a
    factories.MembershipFactory(user=world.designer, project=project, role="designer")
    phase = factories.PhaseFactory(
        project=project,
        name="Verkennen",
        order=0,
        is_current=True,
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=10),
    )
    factories.PhaseFactory(
        project=project,
        name="Ontwerpen",
        order=1,
        start_date=today + datetime.timedelta(days=11),
        end_date=today + datetime.timedelta(days=100),
    )
    factories.build_agreed_agreement(world)  # keeps these phases

    # The beat task's service mails the pulse; the client answers from the link, not logged in.
    assert pulse_send_invitations(today=today) >= 1
    pulse = re.compile(r"https?://\S+?/puls/(?!afmelden)[^/\s?]+/")
    [mail] = [m for m in mailoutbox if m.to == [world.client_a.email] and pulse.search(m.body)]
    link = pulse.search(mail.body).group(0)
    link = live_server.url + "/" + link.split("/", 3)[3]
    outsider = browser.new_context(locale="nl-NL")
    answer = outsider.new_page()
    answer.goto(link)
    expect(answer.get_by_role("heading", name="Twee vragen over de samenwerking")).to_be_visible()
    answer.locator("input[name=ambition][value='1']").check()
    answer.locator("input[name=collaboration][value='2']").check()
    answer.get_by_role("button", name="Versturen").click()
    expect(answer.locator("main")).not_to_contain_text("Twee vragen over de samenwerking")
    outsider.close()

    # The designer's home: amber, for the pulse and for the decision due.
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    main = page.locator("main")
    expect(main).to_contain_text("De puls over de gedeelde ambitie staat op 1,0")
    expect(main).to_contain_text("Fase Verkennen eindigt over 10 dagen zonder besluit")

    # The designer records the decision taken with the client.
    record = reverse("cocreation:decision_create", args=[project.slug, phase.pk])
    page.goto(live_server.url + record)
    page.get_by_label("Doorgaan zoals afgesproken").check()
    page.get_by_label("Waarom").fill("De verkenning gaf genoeg om samen verder te ontwerpen.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_url(lambda url: "besluit" not in url)
    page.goto(f"{live_server.url}/")
    expect(main).to_contain_text("De puls over de gedeelde ambitie")
    expect(main).not_to_contain_text("zonder besluit")
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.locator("main")).not_to_contain_text("zonder besluit")
    assert page_errors == []

    # The client's dashboard shows the decision and no longer asks for it.
    client = browser.new_context(locale="nl-NL")
    client_page = client.new_page()
    login(client_page, live_server, world.client_a.email, password)
    client_page.wait_for_url(f"{live_server.url}/")
    client_page.goto(live_server.url + reverse("dashboard:dashboard", args=[project.slug]))
    expect(client_page.locator(".continuation-decision")).to_contain_text(
        "Doorgaan zoals afgesproken"
    )
    asks = client_page.locator("[data-asks]")
    expect(asks).to_be_visible()
    expect(asks.locator('[data-ask-kind="decision"]')).to_have_count(0)
    expect(asks).not_to_contain_text("besluit samen over het vervolg")
    client.close()
