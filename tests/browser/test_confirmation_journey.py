"""Journey 3 (DESIGN §2): an admin generates the order confirmation of the active agreement; a
real Celery worker builds it while the page shows its progress without a reload; the admin and
the client's contact download the PDF, the partner its copy without the money, another client
nothing."""

import subprocess
import time

import pytest
from django.db import connection

from cocreation.models import Commitment
from tests.conftest import need_service
from tests.factories import build_agreed_agreement
from tests.integration.test_confirmation_worker import broker, flush, start_worker, stop

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHARED = "geen enkele partij, De Buurtontdekkers inbegrepen, kan alleen verantwoordelijk"


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    return " ".join(out.decode().split())


def test_admin_generates_watches_progress_and_downloads_the_confirmation(
    browser, live_server, password, world, redis_url, settings, tmp_path
):
    need_service("PostgreSQL", connection.vendor == "postgresql")
    settings.MEDIA_ROOT = tmp_path
    queue = redis_url.rsplit("/", 1)[0] + "/14"
    flush(queue)
    built = build_agreed_agreement(world)
    project_url = f"{live_server.url}{world.project_a.get_absolute_url()}"
    worker = start_worker(queue, tmp_path)
    try:
        with broker(queue):
            context = browser.new_context(locale="nl-NL", accept_downloads=True)
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            login(page, live_server, world.admin.email, password)
            page.wait_for_url(f"{live_server.url}/")
            page.goto(project_url)
            page.get_by_label("Honorarium (euro, excl. btw)").fill("12500")
            page.get_by_label("Aantal uren").fill("120")
            page.get_by_label("Kenmerk of inkoopnummer van de opdrachtgever (optioneel)").fill(
                "INK-2026-0077"
            )
            page.get_by_role("button", name="Genereer opdrachtbevestiging").click()
            page.locator(".confirmation-item").first.wait_for()
            link = page.get_by_role("link", name="downloaden (pdf)")
            link.wait_for(timeout=60_000)  # htmx polling, no reload
            with page.expect_download() as download_info:
                link.click()
            download = download_info.value
            assert download.suggested_filename.startswith("OB-")
            text = _pdf_text(download.path())
            assert built.version.ambition in text
            for commitment in Commitment.objects.filter(party__version=built.version):
                assert commitment.description in text
            assert SHARED in text
            assert "Uw kenmerk INK-2026-0077" in text
            assert "5 januari 2026 tot en met 4 juni 2027" in text
            href = link.get_attribute("href")
            assert errors == []
            context.close()

            # The partner (a party) reads the copy without the money, which the worker renders
            # after the confirmation: it may take a moment longer.
            for who, expected in [
                (world.client_a, 200),
                (world.partner, 200),
                (world.client_b, 404),
            ]:
                context = browser.new_context(locale="nl-NL")
                page = context.new_page()
                login(page, live_server, who.email, password)
                page.wait_for_url(f"{live_server.url}/")
                deadline = time.monotonic() + 60
                status = page.request.get(f"{live_server.url}{href}").status
                while status != expected and expected == 200 and time.monotonic() < deadline:
                    time.sleep(0.5)
                    status = page.request.get(f"{live_server.url}{href}").status
                assert status == expected, who
                context.close()
    finally:
        stop(worker)
        flush(queue)
