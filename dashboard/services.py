"""Writes of the dashboard app: asking for a progress report."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import documents
from projects.models import Project

from .models import ProgressReport


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
    enqueue its PDF once the transaction commits."""
    report = ProgressReport(
        project=project,
        requested_by=actor,
        period_start=period_start,
        period_end=period_end,
        enqueued_at=timezone.now(),
    )
    report.full_clean()
    # One at a time per person: a double click does not make two.
    busy = ProgressReport.objects.select_for_update().filter(
        project=project, requested_by=actor, status__in=ProgressReport.IN_PROGRESS
    )
    if busy.exists():
        raise ValidationError(
            _("Er wordt al een voortgangsrapportage voor u gemaakt. Wacht tot die klaar is."),
            code="in_progress",
        )
    report.save()
    if enqueue:
        documents.enqueue_on_commit(ProgressReport, report.pk)
    return report


def progress_report_sweep(*, older_than: datetime.timedelta = documents.STUCK_AFTER) -> int:
    """Enqueue again the reports stuck in queued or rendering. Returns how many."""
    return documents.sweep(ProgressReport, older_than=older_than)
