"""What the impact forms share: the date widget and the rule that a date is not in the future
(nor before 2000: core.dates)."""

import datetime

from django import forms

from core.dates import within_bounds

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(value: datetime.date | None) -> datetime.date | None:
    """`value`, refused when it lies after today or before 2000."""
    return within_bounds(value)
