"""Periodic tasks of the trainings app, for Celery beat (free of Django imports, like the
others)."""

BEAT_SCHEDULE = {
    "trainings-sweep-certificates": {
        "task": "trainings.sweep_certificates",
        # Re-enqueues certificates stuck in queued/rendering (broker down, worker died).
        "schedule": 60.0,
    },
}
