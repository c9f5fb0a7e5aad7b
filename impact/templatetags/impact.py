"""Impact components for the pages of other apps (the dashboard, the client home), so that
projects never imports impact: `{% load impact %}{% impact_highlights project %}`.

Every tag reads through `entries_visible_to` / `initiatives_visible_to`: what a client sees
here, in a chart's data or its table, is what they may see on the impact timeline.
"""

import datetime

from django import template
from django.db.models import Count, Prefetch, Q
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.charts import as_table, month_label, months_between

from ..models import Contribution, ImpactEntry, OwnershipStep
from ..selectors import (
    entries_visible_to,
    initiatives_visible_to,
    sees_internal,
    significant_changes_visible_to,
    with_timeline_data,
)

register = template.Library()

HIGHLIGHTS_SIGNIFICANT = 3
HIGHLIGHTS_RECENT = 4
DASHBOARD_INITIATIVES = 6


def _user(context):
    return context["request"].user


@register.inclusion_tag("impact/_dashboard_highlights.html", takes_context=True)
def impact_highlights(context, project):
    """Impact first: the team's most significant changes, then the latest entries, each with
    the activities that contributed."""
    user = _user(context)
    contributions = Prefetch(
        "entry__contributions", queryset=Contribution.objects.select_related("activity")
    )
    selections = list(
        significant_changes_visible_to(user, project).prefetch_related(contributions)[
            :HIGHLIGHTS_SIGNIFICANT
        ]
    )
    chosen = {selection.entry_id for selection in selections}
    recent = with_timeline_data(entries_visible_to(user, project).exclude(pk__in=chosen))
    return {
        "project": project,
        "selections": selections,
        "recent": list(recent[:HIGHLIGHTS_RECENT]),
        "sees_internal": sees_internal(user, project),
    }


@register.inclusion_tag("impact/_dashboard_initiatives.html", takes_context=True)
def initiatives_over_time(context, project):
    """Resident initiatives, each with its steps of ownership from the start to now."""
    user = _user(context)
    initiatives = list(initiatives_visible_to(user, project)[:DASHBOARD_INITIATIVES])
    return {
        "project": project,
        "initiatives": initiatives,
        "levels": OwnershipStep.Level.choices,
        "sees_internal": sees_internal(user, project),
    }


def impact_per_theme(user, project) -> dict:
    """Entries `user` may read per theme per month (an entry counts once for each theme)."""
    entries = entries_visible_to(user, project)
    through = ImpactEntry.themes.through.objects.filter(impactentry__in=entries.values("pk"))
    rows = list(
        through.annotate(month=TruncMonth("impactentry__occurred_on"))
        .values("month", "theme__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    unthemed = (
        entries.filter(themes=None)
        .order_by()
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(n=Count("id"))
    )
    rows += [{**row, "theme__name": _("Zonder thema")} for row in unthemed]
    if not rows:
        return {"labels": [], "datasets": []}
    months = months_between(min(r["month"] for r in rows), max(r["month"] for r in rows))
    counts: dict[str, dict] = {}
    for row in rows:
        counts.setdefault(row["theme__name"], {})[row["month"]] = row["n"]
    return {
        "labels": [month_label(month) for month in months],
        "datasets": [
            {"label": theme, "data": [counts[theme].get(month, 0) for month in months]}
            for theme in sorted(counts)
        ],
    }


def _month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def initiatives_per_level(user, project) -> dict:
    """For each month, how many initiatives stood at each level of ownership at its end."""
    steps = list(
        OwnershipStep.objects.filter(
            initiative__in=initiatives_visible_to(user, project).values("pk")
        )
        .order_by("date", "id")
        .values_list("initiative_id", "date", "level")
    )
    if not steps:
        return {"labels": [], "datasets": []}
    months = months_between(steps[0][1], max(steps[-1][1], timezone.localdate()))
    counts = {level: [] for level, _label in OwnershipStep.Level.choices}
    current: dict[int, int] = {}
    i = 0
    for month in months:
        end = _month_end(month)
        while i < len(steps) and steps[i][1] <= end:
            current[steps[i][0]] = steps[i][2]
            i += 1
        for level in counts:
            counts[level].append(sum(1 for value in current.values() if value == level))
    return {
        "labels": [month_label(month) for month in months],
        "datasets": [
            {"label": str(label), "data": counts[level]}
            for level, label in OwnershipStep.Level.choices
        ],
    }


@register.inclusion_tag("impact/_dashboard_charts.html", takes_context=True)
def impact_charts(context, project):
    """The two impact charts of the dashboard, each with its table."""
    user = _user(context)
    themes = impact_per_theme(user, project)
    levels = initiatives_per_level(user, project)
    return {
        "themes": themes,
        "themes_table": as_table(themes),
        "levels": levels,
        "levels_table": as_table(levels),
    }


@register.simple_tag(takes_context=True)
def projects_with_highlight(context, projects):
    """Pairs (project, latest impact entry the user may read, or None), in one query for all
    projects: the client home shows each project with what changed last."""
    user = _user(context)
    projects = list(projects)
    if not projects:
        return []
    visible = Q(pk__in=[])
    for project in projects:
        visible |= Q(pk__in=entries_visible_to(user, project).values("pk"))
    ranked = (
        ImpactEntry.objects.filter(visible)
        .annotate(
            rank=Window(RowNumber(), partition_by="project", order_by=["-occurred_on", "-id"])
        )
        .filter(rank=1)
    )
    latest = {entry.project_id: entry for entry in ranked}
    return [(project, latest.get(project.pk)) for project in projects]
