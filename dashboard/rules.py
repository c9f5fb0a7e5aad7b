"""Permissions of the dashboard app: project health (the team's only) and progress reports.
Whoever may see the dashboard asks for a report; a report shows what its requester may see,
so only they (and the firm's staff) may download it — `reports_for` (the list) and
`can_download_report` (one report) say the same."""

import rules
from django.db.models import QuerySet

from projects.models import Project
from projects.rules import is_designer, is_member

from .models import ProgressReport

REQUEST_REPORT = "dashboard.request_progress_report"
DOWNLOAD_REPORT = "dashboard.download_progress_report"
# Project health and its reasons (dashboard.health) are the team's: clients and partners never
# see a colour or a reason, in no page, list or e-mail.
SEE_HEALTH = "dashboard.see_health"


def reports_for(user, project: Project) -> QuerySet[ProgressReport]:
    """The reports of `project` that `user` may download: their own, or all for the staff."""
    reports = ProgressReport.objects.filter(project=project).select_related("project")
    if user.is_authenticated and user.is_designer_or_admin:
        return reports.select_related("requested_by")
    return reports.filter(requested_by_id=user.pk)


@rules.predicate
def can_download_report(user, report) -> bool:
    """Whether `user` may download `report`: they asked for it, or they are staff."""
    if report is None or not user.is_authenticated:
        return False
    return user.is_designer_or_admin or report.requested_by_id == user.pk


def sees_health(user) -> bool:
    """Whether `user` sees project health: the team. Asked of the predicate, not of
    `has_perm`, which for anyone else would ask the database for model permissions."""
    return is_designer(user)


rules.add_perm(SEE_HEALTH, is_designer)
rules.add_perm(REQUEST_REPORT, is_designer | is_member)
rules.add_perm(DOWNLOAD_REPORT, can_download_report)
