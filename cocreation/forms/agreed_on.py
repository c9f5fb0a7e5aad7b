"""Picking the day for "what did we agree on this date?" on the agreement page."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import EARLIEST, within_bounds


class AgreedOnForm(forms.Form):
    """A GET form: `?datum=2026-03-06`, an ISO date from 2000 up to today."""

    datum = forms.DateField(
        label=_("Wat spraken we af op"),
        # Only ISO: the date picker sends it, and "06-03-2026" must not mean 3 June.
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Kies een datum."),
            "invalid": _("Dit is geen geldige datum. Kies een dag met de datumkiezer."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].widget = forms.DateInput(
            attrs={
                "type": "date",
                "class": "form-control",
                "min": EARLIEST.isoformat(),
                "max": timezone.localdate().isoformat(),
            },
            format="%Y-%m-%d",
        )

    def clean_datum(self) -> datetime.date:
        return within_bounds(self.cleaned_data["datum"])
