"""Periodic tasks of the trainings app, for Celery beat. Kept free of Django imports so the
settings can use it: `CELERY_BEAT_SCHEDULE = {**BEAT_SCHEDULE}`."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "trainings-sweep-certificates": {
        "task": "trainings.sweep_certificates",
        # Re-enqueues certificates stuck in queued/rendering (broker down, worker died).
        "schedule": 60.0,
    },
    "trainings-session-evaluations": {
        "task": "trainings.send_session_evaluations",
        # Every morning, the evaluation of the sessions that ended yesterday (asked once each).
        "schedule": crontab(hour=9, minute=0),
    },
    "trainings-forget-participants-past-retention": {
        "task": "trainings.forget_participants_past_retention",
        # Nightly: the privacy note promises participants' data goes N months after the end.
        "schedule": crontab(hour=3, minute=45),
    },
}
