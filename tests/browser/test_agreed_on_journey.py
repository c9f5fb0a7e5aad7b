"""A partner picks a past date on the agreement page and reads what was agreed then."""

import pytest

from tests.cocreation.test_agreed_on import build_history

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_picks_a_date_and_reads_the_version_then_in_force(
    page, page_errors, live_server, world, password, time_machine
):
    build_history(world, time_machine)
    login(page, live_server, world.partner.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/projecten/{world.project_a.slug}/samenwerking/")
    page.get_by_label("Wat spraken we af op", exact=True).fill("2026-04-20")
    page.get_by_role("button", name="Bekijken").click()
    section = page.locator("#op-datum")
    section.get_by_text("Op 20 april 2026 gold versie 1, afgesproken op 2 maart 2026.").wait_for()
    assert section.get_by_text("Ingestemd door Partner Piet op 2 maart 2026").is_visible()
    assert section.get_by_text("Vraagt aandacht").is_visible()
    assert page_errors == []
