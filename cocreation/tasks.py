import logging
import random

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .pdf import render_pdf

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


@shared_task(
    bind=True,
    name="cocreation.render_order_confirmation",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=services.MAX_RENDER_ATTEMPTS,
    time_limit=120,
    soft_time_limit=90,
)
def order_confirmation_render_task(self, confirmation_id: int) -> str:
    """Render and store one order confirmation; safe to run twice (a ready row is left alone).

    The attempts are counted on the row, so a worker that dies mid-render or a sweep that
    delivers the row again still ends in `failed` after MAX_RENDER_ATTEMPTS.
    """
    confirmation = services.order_confirmation_claim(confirmation_id)
    if confirmation is None:
        return "skipped"
    try:
        pdf, sha256 = render_pdf(confirmation)
        stored = services.order_confirmation_store(confirmation_id, pdf, sha256)
    except TRANSIENT_ERRORS as exc:
        final = confirmation.attempts >= services.MAX_RENDER_ATTEMPTS
        message = _readable(exc)
        services.order_confirmation_note_error(
            confirmation_id,
            services._give_up_message(message) if final else message,
            final=final,
        )
        if final:
            return "failed"
        countdown = min(5 * 2 ** (confirmation.attempts - 1), 300) + random.uniform(0, 2)  # noqa: S311 (jitter)
        raise self.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        logger.exception("Order confirmation %s failed", confirmation_id)
        services.order_confirmation_note_error(confirmation_id, _readable(exc), final=True)
        return "failed"
    return "ready" if stored else "skipped"


def _readable(exc: BaseException) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(
            _("De pdf kon niet worden gemaakt (%(kind)s: %(detail)s).")
            % {"kind": type(exc).__name__, "detail": str(exc)[:500] or "-"}
        )


@shared_task(name="cocreation.sweep_order_confirmations")
def order_confirmation_sweep_task() -> int:
    """Enqueue again the confirmations stuck in queued or rendering (beat, every minute)."""
    return services.order_confirmation_sweep()
