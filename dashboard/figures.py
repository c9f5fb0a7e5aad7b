"""The figures of the dashboard, each a plain function of what the other apps' selectors
return, tested on its own (tests/dashboard/test_figures.py). A chart is a `Chart`: the data
Chart.js draws (labels and datasets, through `json_script`) and the same figures as a table."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from cocreation import selectors as cocreation_selectors
from core.charts import as_table, month_label, months_between
from impact.models import OwnershipStep
from projects.models import Activity

if TYPE_CHECKING:
    from cocreation.models import AgreementVersion, CheckIn

Period = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class Chart:
    data: dict  # {"labels": [...], "datasets": [{"label": ..., "data": [...]}, ...]}
    table: dict = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "table", as_table(self.data))

    @property
    def empty(self) -> bool:
        """Whether there is nothing to draw: no months, or only zeros."""
        return not any(value for dataset in self.data["datasets"] for value in dataset["data"])


def _months(found: list[datetime.date], period: Period | None) -> list[datetime.date]:
    """Every month of `period`, or from the first to the last month found."""
    if period is not None:
        return months_between(*period)
    return months_between(min(found), max(found)) if found else []


# ---- activities (rows of projects.selectors.activity_months) ----


@dataclass(frozen=True)
class Totals:
    activities: int
    residents: int
    contacts: int


def totals(months: list[dict]) -> Totals:
    """How many activities, residents reached and new contacts, over all rows."""
    return Totals(
        activities=sum(row["activities"] for row in months),
        residents=sum(row["residents"] for row in months),
        contacts=sum(row["contacts"] for row in months),
    )


def activity_chart(months: list[dict], *, period: Period | None = None) -> Chart:
    """Activities and residents reached per month: every month of `period`, or from the first
    activity to the last."""
    per_month: dict = {}
    for row in months:
        found = per_month.setdefault(row["month"], {"activities": 0, "residents": 0})
        found["activities"] += row["activities"]
        found["residents"] += row["residents"]
    labels = _months(list(per_month), period)
    return Chart(
        {
            "labels": [month_label(month) for month in labels],
            "datasets": [
                {
                    "label": _("Activiteiten"),
                    "data": [per_month.get(m, {}).get("activities", 0) for m in labels],
                },
                {
                    "label": _("Bewoners bereikt"),
                    "data": [per_month.get(m, {}).get("residents", 0) for m in labels],
                },
            ],
        }
    )


def activity_kinds_per_month(months: list[dict], period: Period) -> list[dict]:
    """Per month of `period`: the kinds of activity (most frequent first) with their number,
    and the number of activities and residents reached."""
    per_month: dict = {}
    for row in months:
        found = per_month.setdefault(row["month"], {"kinds": {}, "activities": 0, "residents": 0})
        found["kinds"][row["kind"]] = found["kinds"].get(row["kind"], 0) + row["activities"]
        found["activities"] += row["activities"]
        found["residents"] += row["residents"]
    result = []
    for month in months_between(*period):
        found = per_month.get(month, {"kinds": {}, "activities": 0, "residents": 0})
        kinds = sorted(found["kinds"].items(), key=lambda item: -item[1])
        result.append(
            {
                "month": month,
                "label": month_label(month),
                "kinds": [(Activity.Kind(kind).label, n) for kind, n in kinds],
                "activities": found["activities"],
                "residents": found["residents"],
            }
        )
    return result


# ---- impact ----


def impact_per_theme(rows: list[dict], *, period: Period | None = None) -> Chart:
    """Entries per theme per month, from impact.selectors.entries_per_theme_and_month. The
    bars are stacked, so each entry counts once: an entry of several themes under those themes
    together ("Leefbaarheid + Sociale samenhang"), one without a theme under "Zonder thema"."""
    counts: dict[str, dict] = {}
    for row in rows:
        theme = " + ".join(row["themes"]) or _("Zonder thema")
        month = counts.setdefault(theme, {})
        month[row["month"]] = month.get(row["month"], 0) + row["n"]
    labels = _months([row["month"] for row in rows], period) if rows else []
    return Chart(
        {
            "labels": [month_label(month) for month in labels],
            "datasets": [
                {"label": theme, "data": [counts[theme].get(month, 0) for month in labels]}
                for theme in sorted(counts)
            ],
        }
    )


def _month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def initiatives_per_level(initiatives: list, *, today: datetime.date | None = None) -> Chart:
    """For each month from the first ownership step to now, how many of `initiatives` (with
    their `steps` read along) stood at each level of ownership at its end."""
    steps = sorted(
        (step.date, step.pk, initiative.pk, step.level)
        for initiative in initiatives
        for step in initiative.steps
    )
    if not steps:
        return Chart({"labels": [], "datasets": []})
    today = today or timezone.localdate()
    months = months_between(steps[0][0], max(steps[-1][0], today))
    levels = OwnershipStep.Level.choices
    counts: dict[int, list[int]] = {level: [] for level, _label in levels}
    current: dict[int, int] = {}
    i = 0
    for month in months:
        end = _month_end(month)
        while i < len(steps) and steps[i][0] <= end:
            current[steps[i][2]] = steps[i][3]
            i += 1
        for level in counts:
            counts[level].append(sum(1 for value in current.values() if value == level))
    return Chart(
        {
            "labels": [month_label(month) for month in months],
            "datasets": [{"label": str(label), "data": counts[level]} for level, label in levels],
        }
    )


# ---- the agreement ----


@dataclass(frozen=True)
class Agreement:
    """The agreement in force (never a draft or a proposal) as the dashboard shows it."""

    version: AgreementVersion | None  # the active version
    parties: list  # [(party, [commitment with `last_review`, ...]), ...]
    last_check_in: CheckIn | None  # the check-in the reviews come from
    next_check_in: datetime.date | None


def agreement(project, *, until: datetime.date | None = None) -> Agreement:
    """The active version, every party's commitments with how each went at the last check-in
    (on or before `until`), and the date of the next check-in (only without `until`)."""
    version, parties, last = cocreation_selectors.commitments_with_last_review(project, until=until)
    if version is None:
        return Agreement(version=None, parties=[], last_check_in=None, next_check_in=None)
    due = None
    if until is None:
        due = cocreation_selectors.check_in_due(version, last.date if last else None)
    return Agreement(version=version, parties=parties, last_check_in=last, next_check_in=due)
