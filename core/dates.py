"""The one rule for every date a person types: not before 2000, and not further ahead than the
field allows (today for what already happened). A year typed as 0001 or 20266 becomes a Dutch
form error instead of a row that stretches every chart over centuries."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
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
