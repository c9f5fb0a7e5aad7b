from celery import shared_task

from core import documents

from . import digest, services, signals_digest
from .models import ProgressReport
from .reports import render_report_pdf


@shared_task(name="dashboard.render_progress_report", **documents.TASK_OPTIONS)
def progress_report_render_task(self, report_id: int) -> str:
    """Render and store one progress report; safe to run twice."""
    # The renderer is looked up when called, so tests can replace it on this module.
    return documents.run(self, ProgressReport, report_id, lambda report: render_report_pdf(report))


@shared_task(name="dashboard.sweep_progress_reports")
def progress_report_sweep_task() -> int:
    """Enqueue again the progress reports stuck in queued or rendering (beat, every minute)."""
    return services.progress_report_sweep()


@shared_task(name="dashboard.send_weekly_digest")
def send_weekly_digest_task() -> int:
    """Send this week's digest to client contacts; safe to run twice (one per week at most).

    Scheduled by Celery beat through settings.CELERY_BEAT_SCHEDULE (dashboard/schedule.py).
    """
    return digest.send_weekly_digests()


@shared_task(name="dashboard.send_weekly_signals")
def send_weekly_signals_task() -> int:
    """Send this week's signals digest to designers; safe to run twice (one per week at most).

    Scheduled by Celery beat through settings.CELERY_BEAT_SCHEDULE (dashboard/schedule.py).
    """
    return signals_digest.send_weekly_signals()
