"""Progress reports (voortgangsrapportages) on the dashboard: the form, the read-side queries of
the panel, and what a report contains. Writes live in services.py, the task in tasks.py.

A report shows what its requester may see on the dashboard, and nothing more: impact is read
through impact's selectors (`entries_visible_to` and those built on it), the agreement through
the active agreed version only. This is the one place where cocreation reads impact, and only
through those selectors.
"""

import datetime

from django import forms
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impact.models import Contribution
from impact.selectors import (
    entries_visible_to,
    initiatives_visible_to,
    sees_internal,
    significant_changes_visible_to,
    with_timeline_data,
)
from projects import charts
from projects import selectors as project_selectors
from projects.models import Activity, Project

from . import selectors
from .models import ProgressReport

REQUEST = "cocreation.request_progress_report"
DOWNLOAD = "cocreation.download_progress_report"
# Enough for a report someone reads to the end; the rest is on the impact timeline.
REPORT_ENTRIES = 40


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["period_start", "period_end"]
        labels = {
            "period_start": gettext_lazy("Van"),
            "period_end": gettext_lazy("Tot en met"),
        }
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date", "class": "form-control"}),
            "period_end": forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        }

    @classmethod
    def for_project(cls, project: Project, data=None) -> "ProgressReportForm":
        """The form, pre-filled with the last three months."""
        today = timezone.localdate()
        start = max(project.start_date or today, today - datetime.timedelta(days=90))
        return cls(
            data=data,
            initial={"period_start": min(start, today), "period_end": today},
            prefix="report",
            instance=ProgressReport(project=project),
        )


def reports_for(user, project: Project) -> QuerySet[ProgressReport]:
    """The reports of `project` that `user` may download: their own, or all for designers."""
    reports = ProgressReport.objects.filter(project=project).select_related("project")
    if user.is_designer_or_admin:
        return reports.select_related("requested_by")
    return reports.filter(requested_by=user)


def report_of(user, project: Project, pk: int) -> ProgressReport:
    """One report `user` may download (DoesNotExist otherwise)."""
    report = reports_for(user, project).get(pk=pk)
    if not user.has_perm(DOWNLOAD, report):
        raise ProgressReport.DoesNotExist
    return report


def panel_context(user, project: Project, form: ProgressReportForm | None = None) -> dict:
    """What the progress reports panel on the dashboard shows `user`."""
    reports = list(reports_for(user, project)[:10])
    return {
        "project": project,
        "visible": user.has_perm(REQUEST, project),
        "reports": reports,
        "polling": any(report.in_progress for report in reports),
        "form": form or ProgressReportForm.for_project(project),
        "shows_requester": user.is_designer_or_admin,
    }


# ---- the content of a report ----


def _highlights(user, project: Project, start, end) -> dict:
    contributions = Prefetch(
        "entry__contributions", queryset=Contribution.objects.select_related("activity")
    )
    selections = list(
        significant_changes_visible_to(user, project)
        .filter(entry__occurred_on__range=(start, end))
        .prefetch_related(contributions)
    )
    chosen = {selection.entry_id for selection in selections}
    entries = (
        entries_visible_to(user, project)
        .filter(occurred_on__range=(start, end))
        .exclude(pk__in=chosen)
        .order_by("-occurred_on", "-id")
    )
    total = entries.count()
    return {
        "selections": selections,
        "entries": list(with_timeline_data(entries)[:REPORT_ENTRIES]),
        "more": max(total - REPORT_ENTRIES, 0),
    }


def _initiatives(user, project: Project, end) -> list:
    """The initiatives started by `end`, each with its ownership steps up to `end`."""
    initiatives = []
    for initiative in initiatives_visible_to(user, project).filter(started_on__lte=end):
        steps = [step for step in initiative.ownership_steps.all() if step.date <= end]
        steps.sort(key=lambda step: (step.date, step.pk))
        initiative.report_steps = steps
        initiatives.append(initiative)
    return initiatives


def _activity_months(project: Project, start, end) -> list[dict]:
    """Per month of the period: how many activities of each kind, and residents reached."""
    rows = (
        project.activities.filter(date__range=(start, end))
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values("month", "kind")
        .annotate(n=Count("id"), residents=Sum("residents_reached"))
    )
    by_month: dict = {}
    for row in rows:
        by_month.setdefault(row["month"], []).append(row)
    months = []
    for month in charts.months_between(start, end):
        found = sorted(by_month.get(month, []), key=lambda row: -row["n"])
        months.append(
            {
                "label": charts.month_label(month),
                "kinds": [(Activity.Kind(row["kind"]).label, row["n"]) for row in found],
                "activities": sum(row["n"] for row in found),
                "residents": sum(row["residents"] or 0 for row in found),
            }
        )
    return months


def _entries_per_month(user, project: Project, start, end) -> dict:
    rows = (
        entries_visible_to(user, project)
        .filter(occurred_on__range=(start, end))
        .order_by()
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(n=Count("id"))
    )
    counts = {row["month"]: row["n"] for row in rows}
    months = charts.months_between(start, end)
    return {
        "labels": [charts.month_label(month) for month in months],
        "datasets": [
            {"label": _("Vastgelegde impact"), "data": [counts.get(m, 0) for m in months]}
        ],
    }


def _chart(title: str, chart: dict) -> dict:
    from .pdf import bar_chart

    return {
        "title": title,
        "svg": bar_chart(chart),
        "table": charts.as_table(chart),
        "empty": not any(value for d in chart["datasets"] for value in d["data"]),
    }


def report_content(report: ProgressReport) -> dict:
    """Everything a progress report shows, as its requester may see it (call in Dutch)."""
    user, start, end = report.requested_by, report.period_start, report.period_end
    project = project_selectors.project_page(report.project)
    version, parties, last_check_in = selectors.commitments_with_last_review(project, until=end)
    phases = project_selectors.trajectory(project)
    return {
        "report": report,
        "project": project,
        "start": start,
        "end": end,
        "made_on": timezone.localdate(),
        "requested_by": user,
        "sees_internal": sees_internal(user, project),
        "version": version,
        "phases": phases,
        "current_phase": next((p for p in phases if p.state == "current"), None),
        "highlights": _highlights(user, project, start, end),
        "initiatives": _initiatives(user, project, end),
        "parties": parties,
        "last_check_in": last_check_in,
        "months": _activity_months(project, start, end),
        "charts": [
            _chart(
                _("Activiteiten en bereikte bewoners per maand"),
                charts.activities_per_month(project, start=start, end=end),
            ),
            _chart(
                _("Vastgelegde impact per maand"), _entries_per_month(user, project, start, end)
            ),
        ],
    }
