from celery import shared_task

from core import documents

from . import services
from .models import ConfirmationCopy, OrderConfirmation
from .pdf import render_copy_pdf, render_pdf


@shared_task(name="cocreation.send_check_in_reminders")
def send_check_in_reminders_task() -> int:
    """Send the reminders for check-ins due in a few days; safe to run twice.

    Scheduled by Celery beat through settings.CELERY_BEAT_SCHEDULE (cocreation/schedule.py).
    """
    return services.check_in_send_reminders()


@shared_task(name="cocreation.render_order_confirmation", **documents.TASK_OPTIONS)
def order_confirmation_render_task(self, confirmation_id: int) -> str:
    """Render and store one order confirmation; safe to run twice."""
    # The renderer is looked up when called, so tests can replace it on this module.
    return documents.run(
        self,
        OrderConfirmation,
        confirmation_id,
        lambda confirmation: render_pdf(confirmation),
        after=services.order_confirmation_ready,
    )


@shared_task(name="cocreation.render_confirmation_copy", **documents.TASK_OPTIONS)
def confirmation_copy_render_task(self, copy_id: int) -> str:
    """Render and store one confirmation's copy for the other parties; safe to run twice."""
    return documents.run(
        self,
        ConfirmationCopy,
        copy_id,
        lambda copy: render_copy_pdf(copy),
        after=services.confirmation_copy_ready,
    )


@shared_task(name="cocreation.sweep_order_confirmations")
def order_confirmation_sweep_task() -> int:
    """Enqueue again the order confirmations stuck in queued or rendering (beat, every minute)."""
    return services.order_confirmation_sweep()


@shared_task(name="cocreation.send_continuation_reminders")
def send_continuation_reminders_task() -> int:
    """Tell the designers of phases ending within three weeks without a continuation decision;
    once per phase, so safe to run twice (beat, every morning: cocreation/schedule.py)."""
    return services.continuation_send_reminders()


@shared_task(name="cocreation.send_pulses")
def send_pulses_task() -> int:
    """Send the pulse to every external contact whose period has none yet; safe to run twice
    (beat, every morning: cocreation/schedule.py)."""
    return services.pulse_send_invitations()
