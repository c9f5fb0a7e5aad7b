"""Server-side chart data of the dashboard: plain dicts that reach the page through
`json_script` (for Chart.js) and render as a table for whoever does not see the chart."""

import datetime

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Project


def month_label(month: datetime.date) -> str:
    """'jan. 2026': short enough for an axis, clear in a table."""
    return date_format(month, "M Y")


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every first-of-month from `first` to `last`, both included, so empty months show too."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def activities_per_month(
    project: Project, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict:
    """Activities and residents reached per month, from the first activity to the last (or
    every month from `start` to `end` when given); one query whatever the number of
    activities."""
    activities = project.activities.order_by()
    if start and end:
        activities = activities.filter(date__range=(start, end))
    rows = (
        activities.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(activities=Count("id"), residents=Sum("residents_reached"))
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    if start and end:
        months = months_between(start, end)
    else:
        months = months_between(min(by_month), max(by_month)) if by_month else []
    return {
        "labels": [month_label(month) for month in months],
        "datasets": [
            {
                "label": _("Activiteiten"),
                "data": [by_month.get(m, {}).get("activities", 0) for m in months],
            },
            {
                "label": _("Bewoners bereikt"),
                "data": [by_month.get(m, {}).get("residents", 0) or 0 for m in months],
            },
        ],
    }


def as_table(chart: dict) -> dict:
    """The same figures as rows, for the accessible table next to a chart."""
    datasets = chart["datasets"]
    return {
        "columns": [dataset["label"] for dataset in datasets],
        "rows": [
            {"label": label, "values": [dataset["data"][i] for dataset in datasets]}
            for i, label in enumerate(chart["labels"])
        ],
    }
