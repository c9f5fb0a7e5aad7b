"""Writes of the dashboard app: asking for a progress report."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import documents
from projects.models import Project

from .models import ONE_AT_A_TIME, OPEN, ProgressReport


@transaction.atomic
def progress_report_request(
    *,
    actor,
    project: Project,
    period_start: datetime.date,
    period_end: datetime.date,
    enqueue: bool = True,
) -> ProgressReport:
    """Ask for a progress report of `project` over a period, as `actor` may see it, and
    enqueue its PDF once the transaction commits. One at a time per person and project."""
    report = ProgressReport(
        project=project,
        requested_by=actor,
        period_start=period_start,
        period_end=period_end,
        enqueued_at=timezone.now(),
    )
    report.full_clean()  # the period's bounds, and a report of theirs still in the making
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        # A second click that passed full_clean() before the first committed.
        mine = ProgressReport.objects.filter(OPEN, project=project, requested_by=actor)
        if not mine.exists():
            raise
        raise ValidationError(ONE_AT_A_TIME, code="in_progress") from exc
    if enqueue:
        documents.enqueue_on_commit(ProgressReport, report.pk)
    return report


def progress_report_sweep(*, older_than: datetime.timedelta = documents.STUCK_AFTER) -> int:
    """Enqueue again the reports stuck in queued or rendering. Returns how many."""
    return documents.sweep(ProgressReport, older_than=older_than)
