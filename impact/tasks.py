from celery import shared_task

from . import digest


@shared_task(name="impact.send_weekly_digest")
def send_weekly_digest_task() -> int:
    """Send this week's digest to client contacts; safe to run twice (one per week at most).

    Scheduled by Celery beat through settings.CELERY_BEAT_SCHEDULE (impact/schedule.py).
    """
    return digest.send_weekly_digests()
