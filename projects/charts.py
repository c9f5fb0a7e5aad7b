"""Chart data of a project's activities (see core.charts for the shape)."""

import datetime

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from core.charts import month_label, months_between

from .models import Project


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
