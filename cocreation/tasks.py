from celery import shared_task

from . import services


@shared_task(name="cocreation.send_check_in_reminders")
def send_check_in_reminders_task() -> int:
    """Send the reminders for check-ins due in a few days; safe to run twice.

    Scheduled by Celery beat through settings.CELERY_BEAT_SCHEDULE (cocreation/schedule.py).
    """
    return services.check_in_send_reminders()
