"""Periodic tasks of the impact app, for Celery beat. Kept free of Django imports so the
settings can use it: `CELERY_BEAT_SCHEDULE = {**cocreation.schedule.BEAT_SCHEDULE,
**impact.schedule.BEAT_SCHEDULE}`."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "impact-weekly-digest": {
        "task": "impact.send_weekly_digest",
        # Monday morning, before the week's work starts; sent once per week per person.
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
}
