import pytest
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("email", "sees", "does_not_see"),
    [
        ("designer@example.org", "Thuis in het Parkkwartier", None),
        ("admin@example.org", "Beheer", None),
        ("client@example.org", "De Vlinderbuurt samen aan zet", "Thuis in het Parkkwartier"),
        ("client2@example.org", "Thuis in het Parkkwartier", "De Vlinderbuurt samen aan zet"),
        ("partner@example.org", "De Vlinderbuurt samen aan zet", "Pleinen van de Oude Haven"),
    ],
)
def test_each_demo_role_logs_in_and_sees_its_start_page(
    page, live_server, page_errors, password, email, sees, does_not_see
):
    call_command("seed_demo")
    login(page, live_server, email, password)
    page.wait_for_url(f"{live_server.url}/")
    body = page.locator("main").inner_text() + page.locator("nav").inner_text()
    assert sees in body
    if does_not_see:
        assert does_not_see not in body
    assert page_errors == []


def test_wrong_password_shows_a_dutch_error(page, live_server, page_errors):
    call_command("seed_demo")
    login(page, live_server, "client@example.org", "fout-wachtwoord")
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in page.content()
    assert page_errors == []


def test_phone_width_shows_the_menu_behind_a_toggle(page, live_server, password):
    call_command("seed_demo")
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, "designer@example.org", password)
    page.wait_for_url(f"{live_server.url}/")
    menu_link = page.get_by_role("link", name="Projecten", exact=True)
    assert not menu_link.is_visible()
    page.get_by_role("button", name="Menu openen").click()
    menu_link.wait_for(state="visible")
