"""Dates: the one rule for every date a person types, the one way a short date reads, and the
little arithmetic of planning (working days, spreading a term over phases).

A typed date lies not before 2000, and not further ahead than the field allows (today for what
already happened): a year typed as 0001 or 20266 becomes a Dutch form error instead of a row
that stretches every chart over centuries."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(2000, 1, 1)
# Plans (project and phase ends, check-ins) reach at most this far ahead.
PLAN_AHEAD = datetime.timedelta(days=10 * 366)


def within_bounds(
    value: datetime.date | None, *, ahead: datetime.timedelta = datetime.timedelta(0)
) -> datetime.date | None:
    """`value`, refused when it lies before 2000 or more than `ahead` after today."""
    if value is None:
        return value
    if value < EARLIEST:
        raise ValidationError(
            _("Een datum vóór 2000 kan niet kloppen; controleer het jaar."), code="too_early"
        )
    latest = timezone.localdate() + ahead
    if value > latest:
        if not ahead:
            raise ValidationError(_("Deze datum ligt in de toekomst."), code="future")
        raise ValidationError(
            _("Deze datum ligt te ver in de toekomst. Kies een datum tot en met %(latest)s."),
            code="too_late",
            params={"latest": date_format(latest, "j F Y")},
        )
    return value


def planned(value: datetime.date | None) -> datetime.date | None:
    """A planned date: from 2000 up to ten years ahead."""
    return within_bounds(value, ahead=PLAN_AHEAD)


# ---- how a date reads -------------------------------------------------------------------------
# One style wherever a date is short (lists, ranges, chart axes, PDFs): "6 mrt 2026" in Dutch,
# where month abbreviations are lower-case, and "6 Mar 2026" in English, where they are not.
# Django's "M" capitalises in every language ("6 Mrt"), so the format itself is translated.


def short_date(value: datetime.date) -> str:
    """`value` with its month abbreviated: '6 mrt 2026'."""
    return date_format(value, pgettext("short date format", "j b Y"))


def date_range(start: datetime.date | None, end: datetime.date | None, *, long=False) -> str:
    """From `start` to `end`, each year named once: '6 – 20 mrt 2026' within a month,
    '6 dec – 6 mrt 2026' within a year, '6 dec 2025 – 6 mrt 2026' across a year's end; with
    `long`, the months in full ('6 december 2025 – 6 maart 2026'), as a document prints them."""
    if long:
        full, day_month = "j F Y", "j F"
    else:
        full = pgettext("short date format", "j b Y")
        day_month = pgettext("day and month format", "j b")
    if start is None and end is None:
        return ""
    if end is None or start == end:
        return date_format(start or end, full)
    if start is None:
        return gettext("tot en met %(end)s") % {"end": date_format(end, full)}
    if start.year != end.year:
        first = date_format(start, full)
    elif start.month != end.month:
        first = date_format(start, day_month)
    else:
        first = date_format(start, "j")
    return f"{first} – {date_format(end, full)}"


# ---- planning ---------------------------------------------------------------------------------


def next_working_day(value: datetime.date) -> datetime.date:
    """`value`, or the Monday after when it falls on a Saturday or Sunday."""
    weekday = value.weekday()
    return value + datetime.timedelta(days=7 - weekday) if weekday >= 5 else value


def on_working_day(value: datetime.date | None) -> datetime.date | None:
    """`value`, refused when it falls in a weekend (the error names the Monday after)."""
    if value is not None and value.weekday() >= 5:
        raise ValidationError(
            _("%(date)s valt in het weekend. Kies een werkdag, bijvoorbeeld %(monday)s."),
            code="weekend",
            params={
                "date": date_format(value, "l j F Y"),
                "monday": date_format(next_working_day(value), "l j F Y"),
            },
        )
    return value


def spread(
    start: datetime.date,
    end: datetime.date,
    parts: int,
    *,
    weights: Sequence[int] | None = None,
) -> list[tuple[datetime.date, datetime.date]]:
    """`parts` consecutive spans, together exactly `start` to `end` (both included): whole
    weeks when every span can have one, else whole days; what does not divide evenly goes to
    the first spans, a last odd few days to the last one. With `weights` (one per span, such
    as indicative weeks), each span's share of the term is in proportion to its weight."""
    days = (end - start).days + 1
    unit = 7 if days >= 7 * parts else 1
    shares = _shares(days // unit, list(weights) if weights else [1] * parts)
    spans, day = [], start
    for i in range(parts):
        size = max(1, shares[i] * unit)
        last = end if i == parts - 1 else min(day + datetime.timedelta(days=size - 1), end)
        spans.append((day, last))
        day = min(last + datetime.timedelta(days=1), end)
    return spans


def _shares(units: int, weights: list[int]) -> list[int]:
    """`units` divided in proportion to `weights` (largest remainder; ties to the first)."""
    total = sum(weights) or len(weights)
    weights = weights if sum(weights) else [1] * len(weights)
    shares = [units * w // total for w in weights]
    rest = units - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(units * weights[i] % total), i))
    for i in by_remainder[:rest]:
        shares[i] += 1
    return shares
