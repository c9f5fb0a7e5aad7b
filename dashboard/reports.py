"""Progress reports (voortgangsrapportages): the dashboard of a project over a chosen period, as
a PDF. What a report shows is `dashboard_for(requester, project, period=...)`: what its
requester may see on the dashboard, and nothing more. The panel on the dashboard is
`selectors.reports_panel`; asking for a report is `services.progress_report_request`."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import pdf
from core.charts import as_table, bar_chart
from impact import selectors as impact_selectors
from projects.models import Project

from . import figures
from .models import ProgressReport
from .rules import DOWNLOAD_REPORT, reports_for
from .selectors import dashboard_for

TEMPLATE = "dashboard/pdf/progress_report.html"


def report_of(user, project: Project, pk: int) -> ProgressReport:
    """One report of `project` that `user` may download (DoesNotExist otherwise)."""
    report = reports_for(user, project).get(pk=pk)
    if not user.has_perm(DOWNLOAD_REPORT, report):
        raise ProgressReport.DoesNotExist
    return report


def _chart(title: str, chart: dict) -> dict:
    """A chart for the PDF, which runs no JavaScript: its bars as SVG geometry, and its table."""
    return {
        "title": title,
        "svg": bar_chart(chart),
        "table": as_table(chart),
        "empty": not any(value for d in chart["datasets"] for value in d["data"]),
    }


def report_content(report: ProgressReport) -> dict:
    """Everything a progress report shows, as its requester may see it (call in Dutch)."""
    user, period = report.requested_by, (report.period_start, report.period_end)
    dashboard = dashboard_for(user, report.project, period=period)
    entries = impact_selectors.entries_per_month(user, report.project, period=period)
    return {
        "report": report,
        "dashboard": dashboard,
        "project": dashboard.project,
        "start": report.period_start,
        "end": report.period_end,
        "made_on": timezone.localdate(),
        "requested_by": user,
        "months": figures.activity_kinds_per_month(dashboard.activity_months, period),
        "charts": [
            _chart(_("Activiteiten en bereikte bewoners per maand"), dashboard.activity_chart.data),
            _chart(_("Vastgelegde impact per maand"), figures.entries_chart(entries, period).data),
        ],
    }


def render_report_pdf(report: ProgressReport) -> tuple[bytes, str]:
    """The PDF of a progress report and its SHA-256, built from what its requester may see."""
    with translation.override(settings.LANGUAGE_CODE):
        # Again here, for a row that came another way than the form: the period bounds the work.
        report.clean()
        context = report_content(report)
        footer = _("Voortgangsrapportage %(start)s – %(end)s") % {
            "start": report.period_start.strftime("%d-%m-%Y"),
            "end": report.period_end.strftime("%d-%m-%Y"),
        }
    return pdf.render_document(pdf.render_template(TEMPLATE, context), footer=footer)
