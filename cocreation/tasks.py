import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .pdf import render_pdf, render_report_pdf

logger = logging.getLogger(__name__)


@shared_task(name="cocreation.send_check_in_reminders")
def send_check_in_reminders_task() -> int:
    """Send the reminders for check-ins due in a few days; safe to run twice.

    Scheduled by Celery beat through settings.CELERY_BEAT_SCHEDULE (cocreation/schedule.py).
    """
    return services.check_in_send_reminders()


# Errors worth another try: the database or the file storage hiccupped, or the render ran
# past its soft time limit. Anything else (a template bug) fails at once with its message.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError, SoftTimeLimitExceeded)


RENDER_TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": services.MAX_RENDER_ATTEMPTS,
    "time_limit": 120,
    "soft_time_limit": 90,
}


@dataclass(frozen=True)
class Pipeline:
    """The steps of one kind of PDF row: claim an attempt, render, store, note an error."""

    label: str
    claim: Callable
    render: Callable
    store: Callable
    note_error: Callable


def _run(task, pipeline: Pipeline, pk: int) -> str:
    """One attempt at a PDF row; safe to run twice (a ready row is left alone).

    The attempts are counted on the row, so a worker that dies mid-render or a sweep that
    delivers the row again still ends in `failed` after MAX_RENDER_ATTEMPTS.
    """
    row = pipeline.claim(pk)
    if row is None:
        return "skipped"
    try:
        pdf, sha256 = pipeline.render(row)
        stored = pipeline.store(pk, pdf, sha256)
    except TRANSIENT_ERRORS as exc:
        final = row.attempts >= services.MAX_RENDER_ATTEMPTS
        message = _readable(exc)
        pipeline.note_error(
            pk, services._give_up_message(message) if final else message, final=final
        )
        if final:
            return "failed"
        countdown = min(5 * 2 ** (row.attempts - 1), 300) + random.uniform(0, 2)  # noqa: S311 (jitter)
        raise task.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        logger.exception("%s %s failed", pipeline.label, pk)
        pipeline.note_error(pk, _readable(exc), final=True)
        return "failed"
    return "ready" if stored else "skipped"


# The renderers are looked up when called, so tests can replace them on this module.
CONFIRMATIONS = Pipeline(
    label="Order confirmation",
    claim=services.order_confirmation_claim,
    render=lambda confirmation: render_pdf(confirmation),
    store=services.order_confirmation_store,
    note_error=services.order_confirmation_note_error,
)
REPORTS = Pipeline(
    label="Progress report",
    claim=services.progress_report_claim,
    render=lambda report: render_report_pdf(report),
    store=services.progress_report_store,
    note_error=services.progress_report_note_error,
)


@shared_task(name="cocreation.render_order_confirmation", **RENDER_TASK_OPTIONS)
def order_confirmation_render_task(self, confirmation_id: int) -> str:
    """Render and store one order confirmation; safe to run twice."""
    return _run(self, CONFIRMATIONS, confirmation_id)


@shared_task(name="cocreation.render_progress_report", **RENDER_TASK_OPTIONS)
def progress_report_render_task(self, report_id: int) -> str:
    """Render and store one progress report; safe to run twice."""
    return _run(self, REPORTS, report_id)


def _readable(exc: BaseException) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(
            _("De pdf kon niet worden gemaakt (%(kind)s: %(detail)s).")
            % {"kind": type(exc).__name__, "detail": str(exc)[:500] or "-"}
        )


@shared_task(name="cocreation.sweep_order_confirmations")
def order_confirmation_sweep_task() -> int:
    """Enqueue again the confirmations and progress reports stuck in queued or rendering
    (beat, every minute)."""
    return services.order_confirmation_sweep() + services.progress_report_sweep()
