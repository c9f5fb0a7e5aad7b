"""Issue 17 §5 in the browser, on a phone: the admin makes the certificates of participation
of a training and sees them ready; who attended too little is listed, not certified. Celery
runs eagerly (in the live server's thread), so the PDFs are made within the click.

The steps are small functions, so one combined training journey can reuse them."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.trainings.builders import build_certificate_training
from trainings.models import Certificate

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def open_certificates(page, live_server, project) -> None:
    page.goto(live_server.url + reverse("trainings:certificates", args=[project.slug]))
    expect(page.get_by_role("heading", name="Deelnamebewijzen", level=1)).to_be_visible()


def make_certificates(page) -> None:
    page.get_by_role("button", name="Deelnamebewijzen maken").click()
    expect(page.locator(".messages")).to_contain_text("worden gemaakt")


def expect_ready(page, names: list[str]) -> None:
    """Each of `names` shows its certificate as ready, with a download link (htmx polls the
    list while one is still being made)."""
    for name in names:
        item = page.locator(".certificate-item", has_text=name)
        expect(item.get_by_role("link", name="Downloaden (pdf)")).to_be_visible(timeout=30_000)
        expect(item.get_by_role("status")).to_have_text("Klaar")


def expect_below(page, names: list[str]) -> None:
    below = page.locator(".certificate-below")
    for name in names:
        expect(below).to_contain_text(name)


def download_certificate(page, name: str) -> bytes:
    item = page.locator(".certificate-item", has_text=name)
    with page.expect_download() as download_info:
        item.get_by_role("link", name="Downloaden (pdf)").click()
    download = download_info.value
    assert re.fullmatch(r"deelnamebewijs-.+\.pdf", download.suggested_filename)
    return open(download.path(), "rb").read()


def test_admin_makes_the_certificates_and_sees_them_ready_on_a_phone(
    browser, live_server, password, eager
):
    world = factories.build_world()
    training = build_certificate_training(world.project_a, now=timezone.now())
    context = browser.new_context(locale="nl-NL", accept_downloads=True, viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, world.admin.email, password)
    page.wait_for_url(f"{live_server.url}/")

    open_certificates(page, live_server, training.project)
    expect_below(page, ["Cor Bakker"])
    make_certificates(page)
    expect_ready(page, ["Anna de Vries", "Bas Jansen"])
    expect_below(page, ["Cor Bakker"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert download_certificate(page, "Bas Jansen").startswith(b"%PDF")
    assert Certificate.objects.filter(status="ready").count() == 2
    assert errors == []
    context.close()
