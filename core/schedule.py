"""Periodic tasks of the core app, for Celery beat (free of Django imports, like the others)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "core-forget-old-login-failures": {
        "task": "core.forget_old_login_failures",
        # Nightly: failed logins (address, IP, browser) are kept no longer than they serve.
        "schedule": crontab(hour=3, minute=30),
    },
}
