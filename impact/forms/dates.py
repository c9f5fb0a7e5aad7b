"""What the impact forms share: the date widget and the rule that a date is not in the future."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def not_in_future(value: datetime.date | None) -> datetime.date | None:
    """`value`, refused when it lies after today."""
    if value and value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."), code="future")
    return value
