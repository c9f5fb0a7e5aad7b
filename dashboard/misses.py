"""What a dashboard reads only when its page is not kept, in one query beside the project's
own row (which brings only what a warm page needs: projects.rules.get_project_for_user):
the project again with what its header shows and the user's open pulse, and what a missing
shared or personal entry is computed from."""

from __future__ import annotations

import datetime
import functools

from django.utils import timezone

from cocreation import hours as cocreation_hours
from cocreation import pulse as cocreation_pulse
from cocreation import waiting
from core.rows import from_json, json_rows
from projects.models import Project
from projects.rules import with_role_of

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


@functools.lru_cache(maxsize=2)
def _shared_along(today: datetime.date):
    # Built once per process and day (the pulse's answers are those since a day before today):
    # resolving the subqueries costs more than the query itself; only cloned.
    return Project.objects.annotate(
        pulse_rows=cocreation_pulse.answers_along(today),
        awaiting_rows=waiting.awaiting_rows(),
        **cocreation_hours.read_along(),
    )


def read_along(
    user, project: Project, *, shared: bool, own: bool, limit: int
) -> tuple[Project, list | None]:
    """`project` read again in one query, with its header (client, neighbourhood, service),
    `user`'s open pulse and when it closes (cocreation.pulse.open_pulse_closes), and: when
    `shared`, what the shared entry is computed from and the project row does not bring (the
    pulse's answers, the hours, the answers awaited: where their readers look first); when
    `own`, `user`'s progress reports (the newest `limit`, returned beside it)."""
    projects = _shared_along(timezone.localdate()) if shared else Project.objects.all()
    projects = projects.select_related("client", "neighbourhood", "variant__service").annotate(
        **cocreation_pulse.open_pulse_along(user, closes=True)
    )
    if own:
        reports = reports_for(user, project)
        projects = projects.annotate(
            report_rows=json_rows(reports, parent="project", fields=REPORT_FIELDS)
        )
    read = with_role_of(projects.get(pk=project.pk), project)
    if not own:
        return read, None
    found = from_json(ProgressReport, read.report_rows, order_by=("created_at", "id"))[::-1]
    for report in found:
        report.project = read
    return read, found[:limit]
