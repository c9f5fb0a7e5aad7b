"""Periodic tasks of the dashboard app, for Celery beat. Kept free of Django imports so the
settings can use it: `CELERY_BEAT_SCHEDULE = {**cocreation.schedule.BEAT_SCHEDULE,
**dashboard.schedule.BEAT_SCHEDULE}`."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "dashboard-weekly-digest": {
        "task": "dashboard.send_weekly_digest",
        # Monday morning, before the week's work starts; sent once per week per person.
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "dashboard-weekly-signals": {
        "task": "dashboard.send_weekly_signals",
        # Monday morning, with the client digest: the designers' projects on amber or red, the
        # concerns waiting and the decisions due. Once per week per person.
        "schedule": crontab(day_of_week="mon", hour=7, minute=15),
    },
    "dashboard-sweep-progress-reports": {
        "task": "dashboard.sweep_progress_reports",
        # Re-enqueues progress reports stuck in queued/rendering (broker down, worker died).
        "schedule": 60.0,
    },
}
