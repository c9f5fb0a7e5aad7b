import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtontdekkers.settings")

app = Celery("buurtontdekkers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="buurtontdekkers.ping")
def ping() -> str:
    """Answer 'pong': lets operations and tests prove a worker round-trip."""
    return "pong"
