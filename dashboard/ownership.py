"""The ownership curve (issue 16): per month, the share of the activities that residents led and
the rung of the participation ladder they reached, beside the steps in ownership of the resident
initiatives — the story of a neighbourhood taking over. A plain function of what the other
apps' selectors return, like the figures in `figures`; tested in tests/dashboard/test_ownership.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.charts import CHART_COLOURS, bar_chart, month_label, months_between
from projects.models import Lead, ParticipationLevel

from .figures import Chart, Period

RUNGS = {level.value: level.rung for level in ParticipationLevel}


@dataclass(frozen=True)
class OwnershipMonth:
    month: datetime.date
    label: str
    activities: int
    led_known: int  # activities whose leader was recorded
    resident_led: int
    share: int | None  # % of `led_known` led by residents; None when nobody recorded a leader
    level: float | None  # the average rung reached (1–5), of the activities that recorded one
    level_label: str  # the rung nearest that average
    steps: list  # [(initiative, step)]: the initiatives' ownership steps in this month


@dataclass(frozen=True)
class OwnershipCurve:
    months: list[OwnershipMonth]
    chart: Chart  # the resident share (%) and the average rung per month
    share: int | None  # over all months
    level: float | None
    scale: list[dict]  # the ladder, for the legend (ParticipationLevel.scale)

    @property
    def steps(self) -> list:
        """Every ownership step of the curve's months, oldest first: [(initiative, step)]."""
        return [pair for month in self.months for pair in month.steps]

    @property
    def empty(self) -> bool:
        """Whether nothing was recorded: no leader, no rung, no ownership step."""
        return not any(m.led_known or m.level is not None or m.steps for m in self.months)


def _share(resident_led: int, known: int) -> int | None:
    return round(100 * resident_led / known) if known else None


def _level(rungs: list[int]) -> tuple[float | None, str]:
    if not rungs:
        return None, ""
    average = round(sum(rungs) / len(rungs), 1)
    nearest = list(ParticipationLevel)[min(max(int(average + 0.5), 1), 5) - 1]  # 1.5 → 2
    return average, str(nearest.label)


def ownership_curve(
    rows: list[dict], initiatives: list, *, period: Period | None = None
) -> OwnershipCurve:
    """The curve from the rows of projects.selectors.activity_months and `initiatives`
    (with their `steps` read along): every month of `period`, or from the first activity or
    step to the last. A month's share counts only the activities whose leader was recorded."""
    per_month: dict[datetime.date, dict] = {}
    for row in rows:
        found = per_month.setdefault(
            row["month"], {"n": 0, "known": 0, "residents": 0, "rungs": []}
        )
        found["n"] += row["activities"]
        if row["led_by"]:
            found["known"] += row["activities"]
            if row["led_by"] == Lead.RESIDENTS:
                found["residents"] += row["activities"]
        if row["level_reached"] in RUNGS:
            found["rungs"] += [RUNGS[row["level_reached"]]] * row["activities"]
    steps: dict[datetime.date, list] = {}
    for initiative in initiatives:
        for step in initiative.steps:
            if period is None or period[0] <= step.date <= period[1]:
                steps.setdefault(step.date.replace(day=1), []).append((initiative, step))
    found_months = [*per_month, *steps]
    if period is not None:
        labels = months_between(*period)
    else:
        labels = months_between(min(found_months), max(found_months)) if found_months else []
    empty = {"n": 0, "known": 0, "residents": 0, "rungs": []}
    months = []
    for month in labels:
        data = per_month.get(month, empty)
        level, level_label = _level(data["rungs"])
        months.append(
            OwnershipMonth(
                month=month,
                label=month_label(month),
                activities=data["n"],
                led_known=data["known"],
                resident_led=data["residents"],
                share=_share(data["residents"], data["known"]),
                level=level,
                level_label=level_label,
                steps=sorted(steps.get(month, []), key=lambda pair: (pair[1].date, pair[1].pk)),
            )
        )
    every = per_month.values()
    overall_level, _label = _level([rung for data in every for rung in data["rungs"]])
    chart = Chart(
        {
            "labels": [m.label for m in months],
            "datasets": [
                {"label": _("Geleid door bewoners (%)"), "data": [m.share for m in months]},
                {"label": _("Bereikte trede (gemiddeld, 1–5)"), "data": [m.level for m in months]},
            ],
        }
    )
    return OwnershipCurve(
        months=months,
        chart=chart,
        share=_share(sum(d["residents"] for d in every), sum(d["known"] for d in every)),
        level=overall_level,
        scale=ParticipationLevel.scale(),
    )


def curve_charts(curve: OwnershipCurve) -> list[dict]:
    """The two lines of the curve as bar charts for the PDF (which runs no JavaScript), each on
    its own scale: a share in percent beside a rung from 1 to 5."""
    titles = (_("Geleid door bewoners, % per maand"), _("Bereikte trede per maand (1–5)"))
    return [
        {
            "title": title,
            "svg": bar_chart(
                {"labels": curve.chart.data["labels"], "datasets": [dataset]},
                width=300,
                height=120,
                colours=(colour,),
            ),
        }
        for title, colour, dataset in zip(
            titles, CHART_COLOURS[1:], curve.chart.data["datasets"], strict=False
        )
    ]
