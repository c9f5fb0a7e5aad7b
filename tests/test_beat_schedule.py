from django.conf import settings

from buurtontdekkers.celery import app


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled, "nothing is scheduled"
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)


def test_reminders_digest_and_sweep_are_scheduled():
    names = " ".join(settings.CELERY_BEAT_SCHEDULE)
    assert "check-in-reminders" in names and "weekly-digest" in names
    assert "sweep-order-confirmations" in names and "sweep-progress-reports" in names


def test_continuation_reminders_are_scheduled():
    names = " ".join(settings.CELERY_BEAT_SCHEDULE)
    assert "continuation-reminders" in names


def test_the_pulse_is_sent_by_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cocreation.send_pulses" in tasks


def test_the_evaluation_after_a_session_is_sent_by_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "trainings.send_session_evaluations" in tasks
