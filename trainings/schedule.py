"""Periodic tasks of the trainings app, for Celery beat (free of Django imports)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "trainings-forget-participants-past-retention": {
        "task": "trainings.forget_participants_past_retention",
        # Nightly: the privacy note promises participants' data goes N months after the end.
        "schedule": crontab(hour=3, minute=45),
    },
}
