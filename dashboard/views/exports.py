"""CSV exports of the dashboard (impact's own export is impact:export)."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.csv import safe_cell
from projects import selectors as project_selectors
from projects.rules import get_project_for_user


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
    for activity in project_selectors.activities_for_export(project):
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
        writer.writerow([safe_cell(value) for value in row])
    return response
