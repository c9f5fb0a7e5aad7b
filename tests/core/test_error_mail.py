"""Without Sentry, a PDF job that failed for good and a 500 mail the admins: once an hour per
kind, and without residents' names or e-mail addresses (core/error_mail.py)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import OperationalError, transaction
from django.urls import path

from buurtontdekkers import urls as root_urls
from buurtontdekkers.celery import app
from cocreation import services as cocreation_services
from cocreation import tasks as cocreation_tasks
from cocreation.models import OrderConfirmation
from core import documents, error_mail, health
from core.scrubbing import scrub_text
from dashboard import services as dashboard_services
from dashboard import tasks as dashboard_tasks
from projects.models import Organisation
from tests.factories import OrganisationFactory, UserFactory, build_agreed_agreement

pytestmark = pytest.mark.django_db

ADMIN = "anna@example.org"
RESIDENT = "Fatima de Vries"
RESIDENT_EMAIL = "fatima@example.org"
START = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)


# A test urlconf: two views that fail the way real ones do.
@login_required
def register_residents_group(request):
    with transaction.atomic():  # a savepoint: the test's transaction stays usable
        Organisation.objects.create(name=request.POST["name"], kind="bewonersgroep")


@login_required
def export_contacts(request):
    raise ValueError(f"no consent on file for {request.user.email}")


@login_required
def greet(request):
    raise ValueError(f"no greeting for {request.user.name} yet")  # unquoted: only known names go


urlpatterns = [
    path("groups/", register_residents_group, name="register-group"),
    path("export/", export_contacts, name="export"),
    path("greet/", greet, name="greet"),
    *root_urls.urlpatterns,
]


@pytest.fixture
def admins(settings, time_machine, tmp_path):
    settings.ADMINS = [("Anna Beheer", ADMIN)]
    # The hour is counted in the cache: local memory here, so the clock below moves it.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "e"}
    }
    cache.clear()  # local memory outlives the setting: an earlier test's hour must not count
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(START, tick=False)
    return time_machine  # tasks run in-process below: `apply`, not `delay`


def _admin_mails(outbox):
    return [m for m in outbox if m.to == [ADMIN]]


def _text(mail) -> str:
    return f"{mail.subject}\n{mail.body}\n{mail.alternatives}"


def _failing_render(_document):
    raise ValueError(f'no consent from "{RESIDENT}" <{RESIDENT_EMAIL}>')


def _queued_confirmation(world):
    if not hasattr(world, "agreed"):
        world.agreed = build_agreed_agreement(world).version
    return cocreation_services.order_confirmation_generate(
        actor=world.admin, version=world.agreed, fee=Decimal(1), hours=1, enqueue=False
    )


def _failed_confirmation(world, monkeypatch):
    monkeypatch.setattr(cocreation_tasks, "render_pdf", _failing_render)
    confirmation = _queued_confirmation(world)
    assert cocreation_tasks.order_confirmation_render_task.apply(args=[confirmation.pk]).get() == (
        "failed"
    )
    return confirmation


def _failed_progress_report(world, monkeypatch):
    monkeypatch.setattr(dashboard_tasks, "render_report_pdf", _failing_render)
    report = dashboard_services.progress_report_request(
        actor=world.client_a,
        project=world.project_a,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        enqueue=False,
    )
    assert dashboard_tasks.progress_report_render_task.apply(args=[report.pk]).get() == "failed"


def test_a_failed_pdf_job_mails_the_admins_without_personal_data(
    world, admins, monkeypatch, mailoutbox
):
    confirmation = _failed_confirmation(world, monkeypatch)
    [mail] = _admin_mails(mailoutbox)
    assert f"OrderConfirmation {confirmation.pk} failed for good" in mail.subject
    assert "ValueError" in mail.body and not mail.alternatives
    assert RESIDENT not in _text(mail) and RESIDENT_EMAIL not in _text(mail)


def test_the_same_kind_of_pdf_failure_mails_once_an_hour(world, admins, monkeypatch, mailoutbox):
    _failed_confirmation(world, monkeypatch)
    admins.shift(datetime.timedelta(minutes=59))
    _failed_confirmation(world, monkeypatch)
    assert len(_admin_mails(mailoutbox)) == 1
    admins.shift(datetime.timedelta(minutes=2))
    _failed_confirmation(world, monkeypatch)
    assert len(_admin_mails(mailoutbox)) == 2


def test_another_kind_of_document_mails_within_the_hour(world, admins, monkeypatch, mailoutbox):
    _failed_confirmation(world, monkeypatch)
    _failed_progress_report(world, monkeypatch)
    subjects = [m.subject for m in _admin_mails(mailoutbox)]
    assert len(subjects) == 2 and "ProgressReport" in subjects[1]


def test_a_transient_failure_that_recovers_mails_nobody(world, admins, monkeypatch, mailoutbox):
    attempts = []

    def database_hiccup(_confirmation):
        attempts.append(1)
        if len(attempts) < documents.MAX_ATTEMPTS:
            raise OperationalError("server closed the connection unexpectedly")
        return b"%PDF-1.7 x", "a" * 64

    monkeypatch.setattr(cocreation_tasks, "render_pdf", database_hiccup)
    confirmation = _queued_confirmation(world)
    before, app.conf.task_eager_propagates = app.conf.task_eager_propagates, False
    try:  # in-process, each retry runs at once
        cocreation_tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    finally:
        app.conf.task_eager_propagates = before
    confirmation.refresh_from_db()
    assert confirmation.status == "ready" and confirmation.attempts == documents.MAX_ATTEMPTS
    assert _admin_mails(mailoutbox) == []


def test_a_row_delivered_again_after_its_last_attempt_mails_once(world, admins, mailoutbox):
    confirmation = _queued_confirmation(world)
    OrderConfirmation.objects.filter(pk=confirmation.pk).update(
        status="rendering", attempts=documents.MAX_ATTEMPTS, error="worker lost"
    )
    for _ in range(2):  # the sweep and the broker may both deliver it
        cocreation_tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    [mail] = _admin_mails(mailoutbox)
    assert "failed for good after 5 attempt(s)" in mail.subject


def test_nobody_is_mailed_without_admins(world, admins, settings, monkeypatch, mailoutbox):
    settings.ADMINS = []
    _failed_confirmation(world, monkeypatch)
    assert mailoutbox == []


def test_with_sentry_configured_the_admins_get_no_mail(
    world, admins, settings, monkeypatch, mailoutbox
):
    settings.SENTRY_DSN = "http://public@127.0.0.1:9/1"
    _failed_confirmation(world, monkeypatch)
    assert _admin_mails(mailoutbox) == []


@pytest.fixture
def resident_client(client):
    """Logged in as a resident who is also a user; the 500 page, not the exception."""
    client.raise_request_exception = False
    client.force_login(UserFactory(name=RESIDENT, email=RESIDENT_EMAIL))
    return client


@pytest.mark.urls(__name__)
def test_a_500_mails_the_admins_once_an_hour_per_kind(admins, resident_client, mailoutbox):
    OrganisationFactory(name=RESIDENT, kind="bewonersgroep")
    for _ in range(2):
        response = resident_client.post(
            f"/groups/?q={RESIDENT_EMAIL}", {"name": RESIDENT, "email": RESIDENT_EMAIL}
        )
        assert response.status_code == 500
    [mail] = _admin_mails(mailoutbox)
    assert "IntegrityError" in mail.body and "View: register-group" in mail.body
    assert "POST parameters: email, name" in mail.body

    resident_client.get("/export/")  # another view: another kind
    assert len(_admin_mails(mailoutbox)) == 2
    admins.shift(datetime.timedelta(hours=1, seconds=1))
    resident_client.get("/export/")
    assert len(_admin_mails(mailoutbox)) == 3


@pytest.mark.urls(__name__)
def test_a_500_mail_holds_no_resident_name_or_address(admins, resident_client, mailoutbox):
    OrganisationFactory(name=RESIDENT, kind="bewonersgroep")
    resident_client.post(f"/groups/?q={RESIDENT_EMAIL}", {"name": RESIDENT})
    resident_client.get("/export/", HTTP_REFERER=f"https://x.example/?naam={RESIDENT}")
    mails = _admin_mails(mailoutbox)
    assert len(mails) == 2
    for mail in mails:
        assert "fatima" not in _text(mail).lower()
        assert "vries" not in _text(mail).lower()


def test_a_5xx_without_an_exception_mails_once_an_hour(admins, client, monkeypatch, mailoutbox):
    monkeypatch.setattr(health, "_database_ok", lambda: False)
    for _ in range(3):
        assert client.get("/healthz").status_code == 503
    [mail] = _admin_mails(mailoutbox)
    assert "Service Unavailable: /healthz" in mail.subject


def test_while_the_cache_is_down_each_process_still_mails_once_an_hour(
    admins, client, monkeypatch, mailoutbox, settings
):
    # The production cache, with nothing listening where it looks for Redis.
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    monkeypatch.setattr(health, "_database_ok", lambda: False)
    monkeypatch.setattr(error_mail, "_counted_here", {})
    client.get("/healthz")
    client.get("/healthz")
    assert len(_admin_mails(mailoutbox)) == 1


@pytest.mark.urls(__name__)
def test_a_500_mail_holds_not_even_the_logged_in_users_unquoted_name(
    admins, resident_client, mailoutbox
):
    resident_client.get("/greet/")
    [mail] = _admin_mails(mailoutbox)
    assert "no greeting for" in mail.body
    assert "fatima" not in _text(mail).lower() and "vries" not in _text(mail).lower()


def test_a_password_reset_link_loses_its_user_and_token():
    text = (
        "GET /account/reset/MTI/cd7k2x-5f1e9a0b3c/ and https://x.nl/account/reset/MTI/set-password/"
    )
    scrubbed = scrub_text(text)
    assert "MTI" not in scrubbed and "cd7k2x" not in scrubbed
    assert scrubbed.count("/account/reset/[filtered]/") == 2
