"""The impact highlights partial, and the CSV export of the impact log."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.csv import safe_cell
from projects.rules import get_project_for_user

from ..forms import (
    TimelineFilterForm,
)
from ..selectors import (
    entries_visible_to,
    highlights_visible_to,
    initiatives_visible_to,
    sees_internal,
    with_substantiation,
    with_timeline_data,
)


@require_safe
@login_required
def highlights(request, slug):
    """The impact block of the client dashboard, as a partial (htmx or include)."""
    project = get_project_for_user(request.user, slug)
    highlights = highlights_visible_to(request.user, project, recent=3, contributions=False)
    context = {
        "project": project,
        "highlights": highlights,
        "initiatives": initiatives_visible_to(request.user, project)[:5],
    }
    return render(request, "impact/_highlights.html", context)


@require_safe
@login_required
def export_csv(request, slug):
    project = get_project_for_user(request.user, slug)
    internal = sees_internal(request.user, project)
    filters = TimelineFilterForm(request.GET or None, sees_internal=internal)
    entries = with_substantiation(
        with_timeline_data(filters.filter(entries_visible_to(request.user, project)))
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"impact-{project.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the BOM makes Excel read UTF-8 (ë, é) correctly
    # Semicolons: Excel with Dutch settings splits on them, not on commas.
    writer = csv.writer(response, delimiter=";")
    header = [
        _("Datum"),
        _("Soort"),
        _("Wat is er veranderd?"),
        _("Beschrijving"),
        _("Voor wie"),
        _("Waar"),
        _("Waarom doet het ertoe?"),
        _("Hoe droeg het project bij?"),
        _("Bijdragende activiteiten"),
        _("Thema's"),
        _("Wie kan het bevestigen?"),
        _("Bevestigd"),
        _("Onafhankelijke bevestiging"),
        _("Meest significant"),
    ]
    if internal:
        header += [_("Zichtbaarheid"), _("Toestemming bewoner")]
    writer.writerow(header)
    for entry in entries:
        writer.writerow([safe_cell(value) for value in _row(entry, internal)])
    return response


def _row(entry, internal: bool) -> list:
    withdrawn = _("(toestemming ingetrokken)")
    words = [entry.title, entry.description, entry.for_whom, entry.location, entry.significance]
    if entry.consent_withdrawn:
        # Even a designer's export leaves the building: it carries no withdrawn words.
        words = [withdrawn, "", "", "", ""]
    title, description, for_whom, location, significance = words
    row = [
        entry.occurred_on.isoformat(),
        entry.get_kind_display(),
        title,
        description,
        for_whom,
        location,
        significance,
        entry.contribution_note,
        " | ".join(c.activity.title for c in entry.contributions.all()),
        ", ".join(theme.name for theme in entry.themes.all()),
        entry.substantiated_by,
        _("ja") if entry.substantiated else _("nee"),
        " | ".join(entry.substantiation_labels),
        " | ".join(
            f"{date_format(s.period_start, 'j-n-Y')} – {date_format(s.period_end, 'j-n-Y')}"
            for s in entry.selections.all()
        ),
    ]
    if internal:
        row += [entry.get_visibility_display(), _consent_text(entry)]
    return row


def _consent_text(entry) -> str:
    if not entry.involves_resident:
        return _("niet nodig")
    if entry.consent_withdrawn:
        return _("ingetrokken op %(date)s") % {
            "date": date_format(timezone.localtime(entry.consent_withdrawn_at), "j-n-Y")
        }
    if not entry.consent_method:
        return _("geen")
    return f"{entry.get_consent_method_display()}, {entry.get_consent_scope_display()}"
