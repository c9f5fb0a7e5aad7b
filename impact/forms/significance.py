"""Choosing an entry as most significant for a period."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import planned

from ..models import (
    ImpactEntry,
    SignificantChange,
)
from .dates import DATE_WIDGET


def current_quarter(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """First and last day of the quarter `today` falls in."""
    today = today or timezone.localdate()
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = today.replace(month=first_month, day=1)
    next_start = (
        start.replace(year=start.year + 1, month=1)
        if first_month == 10
        else start.replace(month=first_month + 3)
    )
    return start, next_start - datetime.timedelta(days=1)


class SignificantForm(forms.ModelForm):
    """Mark an entry as most significant for a period, with the reason for the choice."""

    class Meta:
        model = SignificantChange
        fields = ["period_start", "period_end", "reason"]
        widgets = {
            "period_start": DATE_WIDGET,
            "period_end": DATE_WIDGET,
            "reason": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "reason": _(
                "Wat maakt deze verandering voor het team de belangrijkste van deze periode?"
            )
        }
        error_messages = {
            "reason": {"required": _("Schrijf op waarom het team dit koos.")},
            "period_start": {"required": _("Vul het begin van de periode in.")},
            "period_end": {"required": _("Vul het einde van de periode in.")},
        }

    def clean_period_start(self):
        return planned(self.cleaned_data["period_start"])

    def clean_period_end(self):
        return planned(self.cleaned_data["period_end"])

    def __init__(self, *args, entry: ImpactEntry, **kwargs):
        kwargs.setdefault("instance", SignificantChange(entry=entry))
        super().__init__(*args, **kwargs)
        start, end = current_quarter()
        self.fields["period_start"].initial = start
        self.fields["period_end"].initial = end
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div("period_start", css_class="col-12 col-sm-6"),
                Div("period_end", css_class="col-12 col-sm-6"),
                css_class="row",
            ),
            "reason",
        )
