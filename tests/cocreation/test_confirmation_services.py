"""Order confirmations: numbering, freezing, immutability, the task's idempotency and retries."""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from buurtontdekkers.celery import app
from cocreation import services, tasks
from cocreation.models import ConfirmationCopy, ConfirmationLocked, OrderConfirmation
from core import documents
from tests.factories import build_agreed_agreement, build_agreement

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def _celery_conf(**changes):
    before = {name: app.conf[name] for name in changes}
    app.conf.update(changes)
    try:
        yield
    finally:
        app.conf.update(before)


def _generate(world, version, **kwargs):
    return services.order_confirmation_generate(
        actor=world.admin,
        version=version,
        fee=kwargs.pop("fee", Decimal("12500.00")),
        hours=kwargs.pop("hours", 120),
        **kwargs,
    )


def test_generating_numbers_freezes_and_renders_on_commit(
    world, eager, django_capture_on_commit_callbacks
):
    built = build_agreed_agreement(world)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = _generate(world, built.version)
    year = timezone.localdate().year
    confirmation.refresh_from_db()
    assert confirmation.number == f"OB-{year}-0001"
    assert confirmation.status == "ready"
    assert len(confirmation.sha256) == 64
    assert confirmation.pdf.read().startswith(b"%PDF")
    assert confirmation.snapshot["version"]["ambition"] == built.version.ambition
    assert confirmation.attempts == 1


def test_numbers_are_consecutive_per_year(world, eager):
    built = build_agreed_agreement(world)
    first = _generate(world, built.version, enqueue=False)
    OrderConfirmation.objects.filter(pk=first.pk).update(status="failed")
    second = _generate(world, built.version, enqueue=False)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.number.endswith("-0002")


def test_a_rolled_back_generation_gives_its_number_back(world, eager):
    from django.db import transaction

    built = build_agreed_agreement(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        _generate(world, built.version, enqueue=False)
        raise RuntimeError
    assert _generate(world, built.version, enqueue=False).sequence == 1


def test_only_an_agreed_version_can_be_confirmed(world, eager):
    built = build_agreement(world, status="proposed")
    with pytest.raises(ValidationError):
        _generate(world, built.version)


def test_only_an_admin_may_generate(world, eager):
    # The view asks this permission; the service checks the invariants, not the role.
    project = build_agreed_agreement(world).version.agreement.project
    assert world.admin.has_perm("cocreation.generate_confirmation", project)
    assert not world.designer.has_perm("cocreation.generate_confirmation", project)


def test_a_second_generation_waits_for_the_one_in_progress(world, eager):
    built = build_agreed_agreement(world)
    _generate(world, built.version, enqueue=False)
    with pytest.raises(ValidationError):
        _generate(world, built.version, enqueue=False)


def test_a_ready_confirmation_cannot_change_or_be_deleted(world, eager):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    confirmation.refresh_from_db()
    confirmation.fee = Decimal("1.00")
    with pytest.raises(ConfirmationLocked):
        confirmation.save()
    with pytest.raises(ConfirmationLocked):
        OrderConfirmation.objects.filter(pk=confirmation.pk).update(hours=1)
    with pytest.raises(ConfirmationLocked):
        confirmation.delete()


def test_running_the_task_twice_leaves_one_file(world, eager, settings):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    assert tasks.order_confirmation_render_task.apply(args=[confirmation.pk]).get() == "ready"
    confirmation.refresh_from_db()
    digest = confirmation.sha256
    assert tasks.order_confirmation_render_task.apply(args=[confirmation.pk]).get() == "skipped"
    confirmation.refresh_from_db()
    assert confirmation.sha256 == digest
    assert confirmation.attempts == 1
    files = list((settings.MEDIA_ROOT / "opdrachtbevestigingen").rglob("*.pdf"))
    assert [f.name for f in files] == [f"{confirmation.number}.pdf"]


def test_a_leftover_file_of_a_crashed_attempt_is_replaced_not_duplicated(world, eager, settings):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    folder = settings.MEDIA_ROOT / "opdrachtbevestigingen" / str(confirmation.year)
    folder.mkdir(parents=True)
    (folder / f"{confirmation.number}.pdf").write_bytes(b"half")
    tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    assert [f.name for f in folder.iterdir()] == [f"{confirmation.number}.pdf"]
    assert (folder / f"{confirmation.number}.pdf").read_bytes().startswith(b"%PDF")


def test_transient_errors_are_retried_then_fail_readably(world, eager, monkeypatch):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    calls = []

    def flaky(_confirmation):
        calls.append(1)
        raise OperationalError("database went away")

    monkeypatch.setattr(tasks, "render_pdf", flaky)
    # In-process, Celery runs each retry at once (no countdown) and reports them as RETRY.
    with _celery_conf(task_eager_propagates=False):
        tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    confirmation.refresh_from_db()
    assert len(calls) == documents.MAX_ATTEMPTS
    assert confirmation.status == "failed"
    assert confirmation.attempts == documents.MAX_ATTEMPTS
    assert "pogingen" in confirmation.error and "database went away" in confirmation.error


def test_a_programming_error_fails_at_once(world, eager, monkeypatch):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    monkeypatch.setattr(tasks, "render_pdf", lambda c: 1 / 0)
    assert tasks.order_confirmation_render_task.apply(args=[confirmation.pk]).get() == "failed"
    confirmation.refresh_from_db()
    assert confirmation.status == "failed" and confirmation.attempts == 1
    assert "ZeroDivisionError" in confirmation.error


def test_retry_gives_a_failed_confirmation_new_attempts_with_its_number(
    world, eager, django_capture_on_commit_callbacks
):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    OrderConfirmation.objects.filter(pk=confirmation.pk).update(
        status="failed", attempts=5, error="x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.order_confirmation_retry(actor=world.admin, confirmation=confirmation)
    confirmation.refresh_from_db()
    assert confirmation.status == "ready" and confirmation.sequence == 1


def test_a_row_past_its_attempts_is_failed_when_delivered_again(world, eager):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    OrderConfirmation.objects.filter(pk=confirmation.pk).update(
        status="rendering", attempts=documents.MAX_ATTEMPTS
    )
    tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    confirmation.refresh_from_db()
    assert confirmation.status == "failed"


def test_sweep_enqueues_only_stuck_rows(world, eager):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    assert services.order_confirmation_sweep() == 0  # just queued: not stuck yet
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    OrderConfirmation.objects.filter(pk=confirmation.pk).update(enqueued_at=long_ago)
    ConfirmationCopy.objects.filter(confirmation=confirmation).update(enqueued_at=long_ago)
    assert services.order_confirmation_sweep() == 2  # the confirmation and the parties' copy
    confirmation.refresh_from_db()
    assert confirmation.status == "ready" and confirmation.party_copy.status == "ready"
    assert services.order_confirmation_sweep(older_than=datetime.timedelta(0)) == 0


def test_enqueue_failure_leaves_the_row_queued(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    built = build_agreed_agreement(world)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(tasks.order_confirmation_render_task, "apply_async", broker_down)
    with _celery_conf(task_always_eager=False), django_capture_on_commit_callbacks(execute=True):
        confirmation = _generate(world, built.version)
    confirmation.refresh_from_db()
    assert confirmation.status == "queued"


def test_ready_supersedes_the_earlier_confirmation_and_mails_the_client(
    world, eager, django_capture_on_commit_callbacks
):
    built = build_agreed_agreement(world)
    with django_capture_on_commit_callbacks(execute=True):
        first = _generate(world, built.version)
    with django_capture_on_commit_callbacks(execute=True):
        second = _generate(world, built.version, fee=Decimal("14000"))
    first.refresh_from_db()
    assert first.superseded_by == second and first.status == "ready"
    recipients = sorted(m.to[0] for m in mail.outbox if "Opdrachtbevestiging" in m.subject)
    # The client (in full) and the residents' group (the copy), once per confirmation.
    assert recipients == sorted([world.client_a.email, world.partner.email] * 2)
    assert second.get_download_url() in mail.outbox[-1].body


def test_the_snapshot_is_frozen_against_later_project_edits(world, eager):
    built = build_agreed_agreement(world)
    confirmation = _generate(world, built.version, enqueue=False)
    world.project_a.title = "Nieuwe titel"
    world.project_a.save()
    tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    confirmation.refresh_from_db()
    assert confirmation.snapshot["project"]["title"] == "Vlinderbuurt samen"
