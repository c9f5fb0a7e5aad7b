"""Chart data as plain dicts of labels and datasets: they reach a page through `json_script`
(for Chart.js), render as a table for whoever does not see the chart, and as SVG in a PDF,
which runs no JavaScript."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import pgettext


def month_label(month: datetime.date) -> str:
    """'mrt 2026' ('Mar 2026' in English): short enough for an axis, clear in a table; in the
    style of core.dates.short_date."""
    return date_format(month, pgettext("month and year format", "b Y"))


# A chart shows at most ten years, the latest: a stray date long ago (typed before dates were
# bounded, core.dates) must not stretch it over centuries of empty months.
MAX_MONTHS = 120


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every first-of-month from `first` to `last`, both included, so empty months show too;
    the last MAX_MONTHS of them when the range is longer."""
    earliest = last.replace(day=1)
    for _ in range(MAX_MONTHS - 1):
        earliest = (earliest - datetime.timedelta(days=1)).replace(day=1)
    months, month = [], max(first.replace(day=1), earliest)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


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


# Server-rendered bars in a PDF take these colours in turn, one per dataset.
CHART_COLOURS = ("#b4532a", "#3f6f5e", "#d9a441", "#6c635c", "#8a3c1c", "#7a9cc6")


def scale_step(highest: float, *, lines: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) for at most `lines` gridlines up to
    `highest`, so an axis reads 0, 50, 100, 150 rather than 0, 81, 162, 243."""
    step = 1
    while step * lines < highest:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 → …
            step = round(step * factor)
            if step * lines >= highest:
                break
    return step


def bar_chart(
    chart: dict, *, width: int = 460, height: int = 150, colours: tuple = CHART_COLOURS
) -> dict:
    """The geometry of a grouped bar chart of `chart` (a dict of labels and datasets): one group
    of bars per label, one bar per dataset, on a scale of round gridlines up to the highest
    value; the template only draws it. Figures of a different order of size belong in a chart
    of their own, else the smaller ones shrink to slivers."""
    labels, datasets = chart["labels"], chart["datasets"]
    highest = max((value or 0 for d in datasets for value in d["data"]), default=0)
    step = scale_step(highest)
    top = max(int(step * -(-highest // step)), 1)  # an int, also for figures like 3.4
    axis, left, head = 16, 24, 6  # room for the months, the scale and its top label
    plot = height - axis
    group = (width - left) / max(len(labels), 1)
    bar = group * 0.8 / max(len(datasets), 1)

    def y(value: float) -> float:
        return round(head + (plot - head) * (1 - value / top), 1)

    bars = []
    for i, _label in enumerate(labels):
        for j, dataset in enumerate(datasets):
            value = dataset["data"][i] or 0
            bars.append(
                {
                    "x": round(left + i * group + group * 0.1 + j * bar, 1),
                    "y": y(value),
                    "width": round(bar, 1),
                    "height": round(plot - y(value), 1),
                    "colour": colours[j % len(colours)],
                }
            )
    gridlines = [
        {"y": y(value), "label_x": left - 3, "label_y": y(value) + 2.5, "label": value}
        for value in range(step, top + 1, step)
    ]
    # Every label when they fit, else about six of them, so they never overlap.
    step_labels = max(1, -(-len(labels) // 6)) if len(labels) * 40 > width else 1
    ticks = [
        {"x": round(left + i * group + group / 2, 1), "label": label}
        for i, label in enumerate(labels)
        if i % step_labels == 0
    ]
    legend = [
        {"label": d["label"], "colour": colours[j % len(colours)]} for j, d in enumerate(datasets)
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "baseline": plot,
        "bars": bars,
        "gridlines": gridlines,
        "ticks": ticks,
        "legend": legend,
        "top": top,
    }
