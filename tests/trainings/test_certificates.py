"""Certificates of participation (issue 17 §5): only for who attended enough, one file per
participant however often it is asked or rendered, a PDF that says participation and not a
learning result, and for the team only."""

import io
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from trainings import tasks
from trainings.models import Certificate
from trainings.pdf import render_certificate_pdf
from trainings.services.certificates import certificate_sweep, generate_certificates

from .builders import CERTIFICATE_NOW, build_certificate_training

pytestmark = pytest.mark.django_db


def at_now(time_machine) -> None:
    time_machine.move_to(CERTIFICATE_NOW, tick=False)
    assert timezone.now() == CERTIFICATE_NOW


def _text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def _files(media_root: Path) -> list[Path]:
    return [path for path in (media_root / "deelnamebewijzen").rglob("*") if path.is_file()]


@pytest.fixture
def training(world, time_machine):
    at_now(time_machine)
    return build_certificate_training(world.project_a)


def test_only_participants_at_or_above_the_threshold_get_a_certificate(world, training):
    run = generate_certificates(training.project, by=world.admin)
    assert run.created == [training.anna, training.bas]
    assert run.below == [training.cor]
    assert run.already == []
    assert set(Certificate.objects.values_list("participant__name", flat=True)) == {
        "Anna de Vries",
        "Bas Jansen",
    }


def test_generating_twice_and_rendering_twice_leaves_one_file_per_participant(
    world, training, eager, media_in_tmp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        generate_certificates(training.project, by=world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        again = generate_certificates(training.project, by=world.admin)
    assert again.created == [] and again.already == [training.anna, training.bas]
    for certificate in Certificate.objects.all():
        assert tasks.certificate_render_task.apply(args=[certificate.pk]).get() == "skipped"
    assert Certificate.objects.filter(status="ready").count() == 2
    assert len(_files(media_in_tmp)) == 2


def test_the_render_task_run_twice_on_one_row_stores_one_file(world, training, media_in_tmp):
    generate_certificates(training.project, by=world.admin)  # on_commit not run: stays queued
    certificate = Certificate.objects.get(participant=training.bas)
    assert tasks.certificate_render_task.apply(args=[certificate.pk]).get() == "ready"
    assert tasks.certificate_render_task.apply(args=[certificate.pk]).get() == "skipped"
    assert len(_files(media_in_tmp)) == 1


def test_a_failed_certificate_is_queued_again_by_the_next_run(world, training):
    generate_certificates(training.project, by=world.admin)
    Certificate.objects.filter(participant=training.anna).update(
        status="failed", attempts=5, error="kapot"
    )
    run = generate_certificates(training.project, by=world.admin)
    assert run.created == [training.anna] and run.already == [training.bas]
    anna = Certificate.objects.get(participant=training.anna)
    assert (anna.status, anna.attempts, anna.error) == ("queued", 0, "")
    assert Certificate.objects.count() == 2


def test_the_sweep_renders_a_certificate_left_queued(world, training, eager, time_machine):
    generate_certificates(training.project, by=world.admin)  # the enqueue never happened
    time_machine.shift(600)
    assert certificate_sweep() == 2
    assert Certificate.objects.filter(status="ready").count() == 2


def test_the_pdf_names_the_participant_and_the_sessions_attended(world, training):
    generate_certificates(training.project, by=world.admin)
    certificate = Certificate.objects.get(participant=training.bas)
    data, digest = render_certificate_pdf(certificate)
    assert len(digest) == 64
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    text = _text(data)
    assert "Deelnamebewijs" in text
    assert "Bas Jansen" in text
    assert "Aanwezig bij 3 van 4 bijeenkomsten" in text
    assert world.project_a.title in text and world.project_a.client.name in text
    assert "16 februari 2026" in text  # the third session Bas attended
    assert "23 februari 2026" not in text  # the fourth, which he missed
    assert "niet een leerresultaat" in text


# ---- the team's page ---------------------------------------------------------------------


def _login(client, user):
    client.force_login(user)
    return client


def test_designer_sees_who_qualifies_and_who_does_not(
    client, world, training, django_assert_max_num_queries
):
    generate_certificates(training.project, by=world.admin)
    _login(client, world.designer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("trainings:certificates", args=[world.project_a.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anna de Vries" in body and "Cor Bakker" in body
    assert "Onder de drempel" in body
    assert "2 van 4 · 50 %" in body
    assert 'hx-trigger="every 2s"' in body  # polling while they are made


def test_the_page_keeps_its_query_count_with_more_participants(
    client, world, training, django_assert_num_queries
):
    from .builders import add_participant

    _login(client, world.admin)
    url = reverse("trainings:certificates", args=[world.project_a.slug])
    generate_certificates(training.project, by=world.admin)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(6):
        add_participant(training.project, f"Extra{n} Deelnemer", training.sessions)
    generate_certificates(training.project, by=world.admin)
    with django_assert_num_queries(len(small.captured_queries)):  # 6 more, 8 certificates
        client.get(url)


def test_admin_makes_the_certificates_with_the_button(client, world, training):
    _login(client, world.admin)
    url = reverse("trainings:certificates", args=[world.project_a.slug])
    assert "Deelnamebewijzen maken" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert Certificate.objects.count() == 2


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_others_get_404_for_the_page(client, world, training, who):
    _login(client, getattr(world, who))
    url = reverse("trainings:certificates", args=[world.project_a.slug])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Certificate.objects.count() == 0


def _ready(world, training) -> Certificate:
    generate_certificates(training.project, by=world.admin)
    certificate = Certificate.objects.get(participant=training.anna)
    tasks.certificate_render_task.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    return certificate


def test_team_downloads_the_pdf(client, world, training, media_in_tmp):
    certificate = _ready(world, training)
    url = reverse("trainings:certificate_download", args=[world.project_a.slug, certificate.pk])
    for who in (world.designer, world.admin):
        response = _login(client, who).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "Anna de Vries" in _text(b"".join(response.streaming_content))


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_client_and_partner_get_404_for_the_download(client, world, training, media_in_tmp, who):
    certificate = _ready(world, training)
    url = reverse("trainings:certificate_download", args=[world.project_a.slug, certificate.pk])
    assert _login(client, getattr(world, who)).get(url).status_code == 404


def test_anonymous_is_sent_to_login_for_the_download(client, world, training, media_in_tmp):
    certificate = _ready(world, training)
    url = reverse("trainings:certificate_download", args=[world.project_a.slug, certificate.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_certificate_of_another_project_is_404(client, world, training, media_in_tmp):
    certificate = _ready(world, training)
    url = reverse("trainings:certificate_download", args=[world.project_b.slug, certificate.pk])
    assert _login(client, world.admin).get(url).status_code == 404


def test_a_certificate_not_yet_ready_is_404(client, world, training):
    generate_certificates(training.project, by=world.admin)
    certificate = Certificate.objects.first()
    url = reverse("trainings:certificate_download", args=[world.project_a.slug, certificate.pk])
    assert _login(client, world.admin).get(url).status_code == 404


def test_sending_mails_the_pdf_to_the_participant(
    client, world, training, media_in_tmp, django_capture_on_commit_callbacks
):
    certificate = _ready(world, training)
    url = reverse("trainings:certificate_send", args=[world.project_a.slug, certificate.pk])
    _login(client, world.designer)
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "deelnamebewijs" in message.subject.lower()
    assert "geen diploma" in message.body
    [(name, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    assert "Anna de Vries" in _text(content)


def test_a_client_cannot_send_a_certificate(client, world, training, media_in_tmp):
    certificate = _ready(world, training)
    url = reverse("trainings:certificate_send", args=[world.project_a.slug, certificate.pk])
    assert _login(client, world.client_a).post(url).status_code == 404
    assert mail.outbox == []


# ---- the order confirmation of a training --------------------------------------------------


def test_the_confirmation_of_a_training_lists_all_its_sessions(world, time_machine, settings):
    from cocreation import pdf as confirmation_pdf
    from cocreation import services as cocreation_services
    from tests.cocreation.test_confirmation_pdf import FIRM
    from tests.factories import build_agreed_agreement

    from .builders import make_training, weekly_sessions

    at_now(time_machine)
    settings.FIRM = FIRM
    make_training(world.project_a)
    sessions = weekly_sessions(world.project_a, held=1, planned=2)
    version = build_agreed_agreement(world).version
    confirmation = cocreation_services.order_confirmation_generate(
        actor=world.admin, version=version, fee=2400, hours=24, enqueue=False
    )
    assert [s["title"] for s in confirmation.snapshot["sessions"]] == [s.title for s in sessions]
    text = _text(confirmation_pdf.render_pdf(confirmation)[0])
    assert "Bijeenkomsten" in text
    for session in sessions:
        assert session.title in text
    assert "23 februari 2026" in text and "9 maart 2026" in text
    assert "Buurthuis De Linde" in text
    assert "11:00–14:00" in text  # 10:00 UTC is 11:00 in Amsterdam
    assert "beloven we vooraf geen leerresultaten" in text
    assert "geen enkele partij, De Buurtontdekkers inbegrepen" in text


def test_the_confirmation_of_another_project_has_no_sessions(world, time_machine, settings):
    from cocreation import pdf as confirmation_pdf
    from cocreation import services as cocreation_services
    from tests.cocreation.test_confirmation_pdf import FIRM
    from tests.factories import build_agreed_agreement

    at_now(time_machine)
    settings.FIRM = FIRM
    version = build_agreed_agreement(world).version
    confirmation = cocreation_services.order_confirmation_generate(
        actor=world.admin, version=version, fee=2400, hours=24, enqueue=False
    )
    assert confirmation.snapshot["sessions"] is None
    text = _text(confirmation_pdf.render_pdf(confirmation)[0])
    assert "Bijeenkomsten" not in text and "leerresultaten" not in text


def test_removing_a_participant_removes_their_certificate_file(
    world, training, media_in_tmp, django_capture_on_commit_callbacks
):
    certificate = _ready(world, training)
    assert len(_files(media_in_tmp)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        certificate.participant.delete()
    assert Certificate.objects.count() == 1  # Bas's, still queued
    assert _files(media_in_tmp) == []


def test_htmx_polls_only_the_list(client, world, training):
    generate_certificates(training.project, by=world.admin)
    _login(client, world.designer)
    url = reverse("trainings:certificates", args=[world.project_a.slug])
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert body.startswith('<section id="certificates"')
    assert "In de wachtrij" in body and "<html" not in body


def test_beat_sweeps_the_certificates():
    from django.conf import settings

    from buurtontdekkers.celery import app

    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "trainings.sweep_certificates" in tasks_scheduled
    assert "trainings.render_certificate" in app.tasks
