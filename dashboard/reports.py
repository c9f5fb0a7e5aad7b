"""Progress reports (voortgangsrapportages): the dashboard of a project over a chosen period, as
a PDF. What a report shows is `dashboard_for(requester, project, period=...)`: what its
requester may see on the dashboard, and nothing more. The panel on the dashboard is
`selectors.reports_panel`; asking for a report is `services.progress_report_request`."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import pdf
from core.charts import CHART_COLOURS, bar_chart
from core.emails import site_uri
from projects.models import Project

from . import figures
from .figures import Chart
from .models import ProgressReport
from .ownership import curve_charts
from .rules import DOWNLOAD_REPORT, reports_for
from .selectors import dashboard_for

TEMPLATE = "dashboard/pdf/progress_report.html"


def report_of(user, project: Project, pk: int) -> ProgressReport:
    """One report of `project` that `user` may download (DoesNotExist otherwise)."""
    report = reports_for(user, project).get(pk=pk)
    if not user.has_perm(DOWNLOAD_REPORT, report):
        raise ProgressReport.DoesNotExist
    return report


def activity_charts(chart: Chart) -> list[dict]:
    """The activities and the residents reached per month (the datasets of the dashboard's
    activity chart), each as a chart of its own for the PDF, which runs no JavaScript: on one
    axis a month's 8 activities are a sliver next to the 200 residents they reached."""
    titles = (_("Activiteiten per maand"), _("Bewoners bereikt per maand"))
    return [
        {
            "title": title,
            "svg": bar_chart(
                {"labels": chart.data["labels"], "datasets": [dataset]},
                width=300,
                height=120,
                colours=(colour,),
            ),
        }
        for title, colour, dataset in zip(
            titles, CHART_COLOURS, chart.data["datasets"], strict=False
        )
    ]


def agreed_on_link(report: ProgressReport) -> str:
    """The full address of the agreement page as it stood on the last day of the report's
    period ("Wat spraken we af op …?", cocreation/agreed_on.py): the PDF is read elsewhere."""
    path = reverse("cocreation:agreement", args=[report.project.slug])
    return site_uri(f"{path}?datum={report.period_end.isoformat()}#op-datum")


def report_content(report: ProgressReport) -> dict:
    """Everything a progress report shows, as its requester may see it (call in Dutch):
    impact first, as on the dashboard, and the activity figures last."""
    user, period = report.requested_by, (report.period_start, report.period_end)
    dashboard = dashboard_for(user, report.project, period=period)
    return {
        "report": report,
        "dashboard": dashboard,
        "project": dashboard.project,
        "start": report.period_start,
        "end": report.period_end,
        "made_on": timezone.localdate(),
        "requested_by": user,
        "totals": dashboard.totals,
        "months": figures.activity_kinds_per_month(dashboard.activity_months, period),
        "charts": activity_charts(dashboard.activity_chart),
        "curve": dashboard.ownership_curve,
        "curve_charts": curve_charts(dashboard.ownership_curve),
        "agreed_on_url": agreed_on_link(report),
    }


def render_report_pdf(report: ProgressReport) -> tuple[bytes, str]:
    """The PDF of a progress report and its SHA-256, built from what its requester may see."""
    with translation.override(settings.LANGUAGE_CODE):
        # Again here, for a row that came another way than the form: the period bounds the work.
        report.clean()
        context = report_content(report)
        footer = _("Voortgangsrapportage %(start)s – %(end)s") % {
            "start": date_format(report.period_start, "j F Y"),
            "end": date_format(report.period_end, "j F Y"),
        }
    return pdf.render_document(pdf.render_template(TEMPLATE, context), footer=footer)
