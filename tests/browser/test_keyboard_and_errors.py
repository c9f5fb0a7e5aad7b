"""Forms work by keyboard alone, and their errors are announced."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_by_keyboard_announces_a_wrong_password(page, live_server, page_errors, password):
    call_command("seed_demo")
    page.goto(f"{live_server.url}/account/login/")
    page.keyboard.type("client@example.org")  # the e-mail field has the focus on arrival
    page.keyboard.press("Tab")
    page.keyboard.type("niet-het-wachtwoord")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")

    page.locator("#id_password").focus()
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert page_errors == []


def test_a_form_with_errors_puts_the_focus_on_the_first_field_with_an_error(page, live_server):
    page.goto(f"{live_server.url}/account/login/")
    page.keyboard.type("client@example.org")
    page.keyboard.press("Enter")  # no password: the e-mail field (autofocus) is fine this time
    page.wait_for_selector("#id_password.is-invalid")
    assert page.evaluate("document.activeElement.id") == "id_password"
    described = page.get_attribute("#id_password", "aria-describedby")
    expect(page.locator(f"#{described}")).to_contain_text("verplicht")
