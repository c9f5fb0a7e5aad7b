"""Order confirmation views: generate (admin), the polled panel, download, retry."""

from decimal import Decimal

import pytest
from django.urls import reverse

from buurtontdekkers.celery import app
from cocreation import services, tasks
from cocreation.models import OrderConfirmation
from tests.factories import build_agreed_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    built = build_agreed_agreement(world)
    confirmation = services.order_confirmation_generate(
        actor=world.admin, version=built.version, fee=Decimal(100), hours=8, enqueue=False
    )
    tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    tasks.confirmation_copy_render_task.apply(args=[confirmation.party_copy.pk])
    confirmation.refresh_from_db()
    return confirmation


def _url(name, confirmation=None, project=None, **kwargs):
    project = project or confirmation.project
    if confirmation is not None:
        kwargs["number"] = confirmation.number
    return reverse(f"cocreation:{name}", kwargs={"slug": project.slug, **kwargs})


@pytest.mark.parametrize("who", ["admin", "designer", "client_a"])
def test_staff_and_the_client_download_the_pdf_as_attachment(client, world, ready, who):
    client.force_login(getattr(world, who))
    response = client.get(_url("confirmation_download", ready))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{ready.number}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_other_client_gets_404_for_the_pdf_and_the_panel(client, world, ready):
    client.force_login(world.client_b)
    assert client.get(_url("confirmation_download", ready)).status_code == 404
    assert client.get(_url("confirmations", project=ready.project)).status_code == 404


def test_anonymous_is_sent_to_login_for_the_pdf(client, ready):
    response = client.get(_url("confirmation_download", ready))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_download_of_an_unfinished_confirmation_is_404(client, world, ready):
    OrderConfirmation.objects.filter(pk=ready.pk).update(superseded_at=None)
    other = OrderConfirmation.objects.create(
        project=ready.project,
        version=ready.version,
        year=ready.year,
        sequence=99,
        number="OB-2000-0099",
        snapshot={},
        fee=1,
        hours=1,
        term_weeks=1,
    )
    client.force_login(world.admin)
    assert client.get(_url("confirmation_download", other)).status_code == 404


def test_admin_generates_through_htmx_and_sees_it_queued(client, world):
    built = build_agreed_agreement(world)
    client.force_login(world.admin)
    data = {"confirmation-fee": "12500", "confirmation-hours": "120"}
    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(tasks.order_confirmation_render_task, "apply_async", lambda *a, **k: None)
            response = client.post(
                _url("confirmation_generate", project=world.project_a), data, HTTP_HX_REQUEST="true"
            )
    finally:
        app.conf.task_always_eager = before
    assert response.status_code == 200
    confirmation = OrderConfirmation.objects.get()
    assert confirmation.version == built.version and confirmation.fee == Decimal("12500")
    content = response.content.decode()
    assert confirmation.number in content and 'hx-trigger="every 2s"' in content


def test_admin_gives_the_clients_reference_when_generating(
    client, world, eager, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    build_agreed_agreement(world)
    client.force_login(world.admin)
    data = {
        "confirmation-fee": "1",
        "confirmation-hours": "1",
        "confirmation-client_reference": " INK-2026-0077 ",
    }
    client.post(_url("confirmation_generate", project=world.project_a), data)
    assert OrderConfirmation.objects.get().client_reference == "INK-2026-0077"


def test_panel_says_what_is_needed_when_a_phase_has_no_dates(client, world):
    build_agreed_agreement(world)
    world.project_a.phases.filter(name="Doen").update(start_date=None, end_date=None)
    client.force_login(world.admin)
    page = client.get(_url("confirmations", project=world.project_a)).content.decode()
    assert "Geef eerst deze fasen een begin- en einddatum: Doen." in page


def test_generate_without_htmx_redirects_to_the_project(client, world, eager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_agreed_agreement(world)
    client.force_login(world.admin)
    data = {"confirmation-fee": "1", "confirmation-hours": "1"}
    response = client.post(_url("confirmation_generate", project=world.project_a), data)
    assert response.status_code == 302
    assert response["Location"] == world.project_a.get_absolute_url()


def test_invalid_terms_show_errors_and_create_nothing(client, world):
    build_agreed_agreement(world)
    client.force_login(world.admin)
    data = {"confirmation-fee": "-1", "confirmation-hours": "0"}
    response = client.post(
        _url("confirmation_generate", project=world.project_a), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert not OrderConfirmation.objects.exists()


def test_designer_gets_404_when_generating(client, world):
    build_agreed_agreement(world)
    client.force_login(world.designer)
    assert client.post(_url("confirmation_generate", project=world.project_a)).status_code == 404


def test_generate_refuses_get(client, world):
    client.force_login(world.admin)
    assert client.get(_url("confirmation_generate", project=world.project_a)).status_code == 405


def test_anonymous_is_sent_to_login_when_generating(client, world):
    response = client.post(_url("confirmation_generate", project=world.project_a))
    assert response.status_code == 302


def test_panel_shows_the_form_prefilled_only_to_the_admin(client, world):
    from projects.models import Service, ServiceVariant

    variant = ServiceVariant.objects.create(
        service=Service.objects.first() or Service.objects.create(name="Buurtexpeditie"),
        name="Test",
        fee=Decimal("8800.00"),
        typical_hours=64,
        typical_weeks=10,
    )
    world.project_a.variant = variant
    world.project_a.save()
    build_agreed_agreement(world)
    client.force_login(world.admin)
    page = client.get(world.project_a.get_absolute_url()).content.decode()
    assert "Genereer opdrachtbevestiging" in page and 'value="8800.00"' in page
    assert 'value="64"' in page
    # The term is not asked: it follows from the phases, shown before generating.
    assert 'name="confirmation-term"' not in page
    assert "Looptijd: 5 januari 2026 tot en met 4 juni 2027" in page
    client.force_login(world.designer)
    page = client.get(world.project_a.get_absolute_url()).content.decode()
    assert "Opdrachtbevestigingen" in page and "Genereer opdrachtbevestiging" not in page
    client.force_login(world.partner)
    page = client.get(world.project_a.get_absolute_url()).content.decode()
    assert "Opdrachtbevestigingen" in page and "Genereer opdrachtbevestiging" not in page


def test_panel_stops_polling_and_links_the_pdf_when_ready(client, world, ready):
    client.force_login(world.client_a)
    content = client.get(_url("confirmations", project=ready.project)).content.decode()
    assert "every 2s" not in content and ready.get_download_url() in content


def test_admin_retries_a_failed_confirmation(client, world, ready, eager):
    OrderConfirmation.objects.filter(pk=ready.pk).update(superseded_at=None)
    failed = services.order_confirmation_generate(
        actor=world.admin, version=ready.version, fee=Decimal(1), hours=1, enqueue=False
    )
    OrderConfirmation.objects.filter(pk=failed.pk).update(status="failed", error="kapot")
    client.force_login(world.admin)
    page = client.get(_url("confirmations", project=ready.project)).content.decode()
    assert "kapot" in page and "Opnieuw proberen" in page
    response = client.post(_url("confirmation_retry", failed), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status in {"queued", "ready"}


def test_client_cannot_retry(client, world, ready):
    client.force_login(world.client_a)
    assert client.post(_url("confirmation_retry", ready)).status_code == 404
