"""Progress reports on the dashboard: the panel (polled by htmx while a report is being made),
asking for a report over a period, and downloading it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.documents import download_response
from core.once import shown_at, submit_once
from projects.rules import get_project_for_user

from .. import services
from ..forms import ProgressReportForm
from ..models import ProgressReport
from ..reports import report_of
from ..rules import REQUEST_REPORT
from ..selectors import reports_panel

PANEL = "dashboard/_progress_reports.html"


def _panel(request, project, form=None):
    """The panel again for htmx; without htmx, back to the dashboard."""
    if request.htmx:
        return render(request, PANEL, reports_panel(request.user, project, form))
    return redirect("dashboard:dashboard", slug=project.slug)


@require_safe
@login_required
def report_list(request, slug):
    project = get_project_for_user(request.user, slug, REQUEST_REPORT)
    return render(request, PANEL, reports_panel(request.user, project))


@require_POST
@login_required
@submit_once
def report_request(request, slug):
    project = get_project_for_user(request.user, slug, REQUEST_REPORT)
    form = ProgressReportForm.for_project(project, data=request.POST)
    if form.is_valid():
        try:
            services.progress_report_request(
                actor=request.user,
                project=project,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not request.htmx:
                messages.success(request, _("De voortgangsrapportage wordt gemaakt."))
            return shown_at(_panel(request, project), reverse("dashboard:reports", args=[slug]))
    if not request.htmx:
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, " ".join(errors))
    return _panel(request, project, form)


@require_safe
@login_required
def report_download(request, slug, pk):
    project = get_project_for_user(request.user, slug, REQUEST_REPORT)
    try:
        report = report_of(request.user, project, pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None
    if not report.is_ready:
        raise Http404
    return download_response(report)
