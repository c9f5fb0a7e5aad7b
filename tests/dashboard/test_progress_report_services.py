"""Progress reports: period validation, one at a time, and the task's idempotency."""

import datetime

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import documents
from dashboard import services, tasks
from dashboard.models import ProgressReport

pytestmark = pytest.mark.django_db

JAN, MAR = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 31, 11, 0, tzinfo=datetime.UTC), tick=False)


def _request(world, user=None, start=JAN, end=MAR):
    return services.progress_report_request(
        actor=user or world.client_a,
        project=world.project_a,
        period_start=start,
        period_end=end,
        enqueue=False,
    )


def test_end_before_start_is_refused_in_dutch(world):
    with pytest.raises(ValidationError) as caught:
        _request(world, start=MAR, end=JAN)
    assert "De einddatum ligt vóór de begindatum." in caught.value.messages


def test_a_period_into_the_future_is_refused_in_dutch(world):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _request(world, end=tomorrow)
    assert "De periode kan niet verder lopen dan vandaag." in caught.value.messages


def test_a_client_of_another_project_may_not_request(world):
    # The views ask this permission; the service checks the invariants, not the role.
    assert world.client_a.has_perm("dashboard.request_progress_report", world.project_a)
    assert not world.client_b.has_perm("dashboard.request_progress_report", world.project_a)


def test_a_second_request_waits_for_the_one_in_progress(world):
    _request(world)
    with pytest.raises(ValidationError) as caught:
        _request(world)
    assert caught.value.messages == [
        "Er wordt al een voortgangsrapportage voor u gemaakt. Wacht tot die klaar is."
    ]
    _request(world, user=world.partner)  # someone else's report is not in the way


def test_a_finished_report_lets_the_next_one_be_requested(world):
    for status in (ProgressReport.Status.FAILED, ProgressReport.Status.READY):
        ProgressReport.objects.filter(pk=_request(world).pk).update(status=status, sha256="a" * 64)
    assert ProgressReport.objects.filter(requested_by=world.client_a).count() == 2
    _request(world)


def test_the_database_refuses_a_second_open_report_however_it_is_made(world):
    # For two clicks at once that both passed the check before either saved (see the
    # concurrent test in test_progress_report_concurrency.py).
    report = _request(world)
    report.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        report.save()


def test_the_service_refuses_a_period_of_centuries(world):
    world.project_a.start_date = None
    world.project_a.save()
    with pytest.raises(ValidationError) as caught:
        _request(world, start=datetime.date(1, 1, 1))
    assert caught.value.message_dict["period_end"] == [
        "Een rapportage beslaat hoogstens 5 jaar; kies een kortere periode."
    ]
    assert not ProgressReport.objects.exists()


def test_the_render_refuses_a_period_of_centuries_that_came_another_way(world, eager):
    report = ProgressReport.objects.create(
        project=world.project_a,
        requested_by=world.client_a,
        period_start=datetime.date(1, 1, 1),
        period_end=MAR,
    )
    assert tasks.progress_report_render_task.apply(args=[report.pk]).get() == "failed"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED
    assert report.error == "Een rapportage beslaat hoogstens 5 jaar; kies een kortere periode."


class _Task:
    """What core.documents.run needs of a bound Celery task; a retry would be a bug here."""

    soft_time_limit = 90

    def retry(self, **kwargs):
        raise AssertionError("a time limit must not be retried")


@pytest.mark.parametrize("limit", [SoftTimeLimitExceeded, TimeLimitExceeded])
def test_a_render_past_its_time_limit_fails_at_once_without_a_retry(world, limit):
    report = _request(world)

    def render(row):
        raise limit()

    assert documents.run(_Task(), ProgressReport, report.pk, render) == "failed"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED and report.attempts == 1
    assert report.error == (
        "Het maken van de pdf duurde langer dan 90 seconden en is gestopt; "
        "er wordt niet opnieuw geprobeerd."
    )


def test_running_the_task_twice_leaves_one_file(world, eager, monkeypatch):
    monkeypatch.setattr(tasks, "render_report_pdf", lambda report: (b"%PDF-1.7 x", "a" * 64))
    report = _request(world)
    assert tasks.progress_report_render_task.apply(args=[report.pk]).get() == "ready"
    assert tasks.progress_report_render_task.apply(args=[report.pk]).get() == "skipped"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.READY and report.attempts == 1
    assert report.pdf.read() == b"%PDF-1.7 x"


def test_a_programming_error_fails_the_report_at_once(world, eager, monkeypatch):
    monkeypatch.setattr(tasks, "render_report_pdf", lambda report: 1 / 0)
    report = _request(world)
    assert tasks.progress_report_render_task.apply(args=[report.pk]).get() == "failed"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.FAILED and "ZeroDivisionError" in report.error


def test_sweep_enqueues_stuck_reports(world, eager, monkeypatch):
    monkeypatch.setattr(tasks, "render_report_pdf", lambda report: (b"%PDF-1.7 x", "a" * 64))
    report = _request(world)
    assert services.progress_report_sweep(older_than=datetime.timedelta(0)) == 1
    report.refresh_from_db()
    assert report.is_ready
