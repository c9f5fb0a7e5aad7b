"""What a dashboard reads only on a cache miss, in one query beside the project's own row (which
brings only what a warm page needs: dashboard.selectors.dashboard_projects)."""

from __future__ import annotations

import datetime
import functools

from django.utils import timezone

from cocreation import hours as cocreation_hours
from cocreation import pulse as cocreation_pulse
from cocreation import waiting
from core.rows import from_json, json_rows
from projects.models import Project

from .models import ProgressReport
from .rules import reports_for

# The fields of a progress report the panel shows (not its snapshot, which may be large).
REPORT_FIELDS = [
    "id",
    "project",
    "requested_by",
    "requested_by__name",
    "requested_by__email",
    "period_start",
    "period_end",
    "status",
    "error",
    "pdf",
    "sha256",
    "created_at",
]


SHARED_ALONG = ("pulse_rows", "awaiting_rows", *cocreation_hours.READ_ALONG)


@functools.lru_cache(maxsize=2)
def _shared_along(today: datetime.date):
    # Built once per process and day (the pulse's answers are those since a day before today):
    # resolving the subqueries costs more than the query itself; only cloned.
    return Project.objects.annotate(
        pulse_rows=cocreation_pulse.answers_along(today),
        awaiting_rows=waiting.awaiting_rows(),
        **cocreation_hours.read_along(),
    )


def read_along(user, project: Project, *, shared: bool, own: bool, limit: int) -> list | None:
    """On a cache miss, in one query: what the shared entry is computed from and the project
    row does not bring (the pulse's answers, the hours, the answers awaited: set on `project`,
    where their readers look first) when `shared`, and `user`'s progress reports (the newest
    `limit`, returned) when `own`."""
    projects, names = Project.objects.all(), []
    if shared:
        projects, names = _shared_along(timezone.localdate()), list(SHARED_ALONG)
    if own:
        reports = reports_for(user, project)
        projects = projects.annotate(
            report_rows=json_rows(reports, parent="project", fields=REPORT_FIELDS)
        )
        names.append("report_rows")
    row = projects.filter(pk=project.pk).values(*names).get()
    for name, value in row.items():
        if name != "report_rows":
            setattr(project, name, value)
    if not own:
        return None
    found = from_json(ProgressReport, row["report_rows"], order_by=("created_at", "id"))[::-1]
    for report in found:
        report.project = project
    return found[:limit]
