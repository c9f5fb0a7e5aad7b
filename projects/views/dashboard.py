"""The shared progress dashboard (DESIGN §2 journey 4) and its CSV export of activities.

The project's own data comes from `projects.selectors` and `projects.charts`; impact and
co-creation blocks are template tags of those apps (`{% load impact cocreation %}`), each
deciding with the same permission layer what this user may read.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import charts, selectors
from ..permissions import get_project_for_user


@require_safe
@login_required
def dashboard(request, slug):
    project = selectors.project_page(get_project_for_user(request.user, slug))
    activity_chart = charts.activities_per_month(project)
    context = {
        "project": project,
        "phases": selectors.trajectory(project),
        "activities": selectors.dashboard_activities(project),
        "totals": selectors.dashboard_totals(project),
        "activity_chart": activity_chart,
        "activity_table": charts.as_table(activity_chart),
    }
    return render(request, "projects/dashboard.html", context)


# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


@require_safe
@login_required
def activities_csv(request, slug):
    project = get_project_for_user(request.user, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"activiteiten-{project.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the BOM makes Excel read UTF-8 (ë, é) correctly
    # Semicolons: Excel with Dutch settings splits on them, not on commas.
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Datum"),
            _("Soort"),
            _("Titel"),
            _("Fase"),
            _("Plek"),
            _("Duur (minuten)"),
            _("Bewoners bereikt"),
            _("Nieuwe contacten"),
            _("Aanwezige partners"),
            _("Thema's"),
        ]
    )
    activities = project.activities.select_related("phase").prefetch_related("themes")
    for activity in activities.iterator(chunk_size=1000):
        row = [
            activity.date.isoformat(),
            activity.get_kind_display(),
            activity.title,
            activity.phase.name if activity.phase else "",
            activity.location,
            activity.duration_minutes,
            activity.residents_reached,
            activity.new_contacts,
            activity.partners_present,
            ", ".join(theme.name for theme in activity.themes.all()),
        ]
        writer.writerow([_cell(value) for value in row])
    return response
