"""Periodic tasks of the co-creation app, for Celery beat. Kept free of Django imports so the
settings can use it: `CELERY_BEAT_SCHEDULE = {**BEAT_SCHEDULE}`."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "cocreation-check-in-reminders": {
        "task": "cocreation.send_check_in_reminders",
        # Every morning; the task itself makes sure each check-in is reminded only once.
        "schedule": crontab(hour=7, minute=30),
    },
    "cocreation-continuation-reminders": {
        "task": "cocreation.send_continuation_reminders",
        # Every morning; each phase's designers are told once (ContinuationReminder).
        "schedule": crontab(hour=7, minute=45),
    },
    "cocreation-send-pulses": {
        "task": "cocreation.send_pulses",
        # Every morning; each contact gets at most one pulse per period (the task checks).
        "schedule": crontab(hour=8, minute=0),
    },
    "cocreation-sweep-order-confirmations": {
        "task": "cocreation.sweep_order_confirmations",
        # Re-enqueues order confirmations stuck in queued/rendering (broker down, worker died).
        "schedule": 60.0,
    },
}
