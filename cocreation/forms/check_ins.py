"""The check-in form, with a status and remark per commitment."""

from crispy_forms.layout import Div
from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import within_bounds

from ..models import CommitmentReview
from .layout import DATE_WIDGET, form_helper


class CheckInForm(forms.Form):
    """A check-in record, with for each commitment of the active version how it went."""

    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    attendees = forms.CharField(label=_("Aanwezigen"), widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(
        label=_("Aantekeningen"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    adjustments = forms.CharField(
        label=_("Afgesproken aanpassingen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_new_version = forms.BooleanField(
        label=_("Begin met deze aanpassingen een nieuwe versie van de afspraak"), required=False
    )

    def clean_date(self):
        # A check-in is recorded once it took place.
        return within_bounds(self.cleaned_data["date"])

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        rows = []
        for commitment in self.commitments:
            status, remark = f"status_{commitment.pk}", f"remark_{commitment.pk}"
            self.fields[status] = forms.ChoiceField(
                label=f"{commitment.party.organisation.name}: {commitment.description}",
                choices=[("", _("Niet besproken")), *CommitmentReview.Status.choices],
                required=False,
            )
            self.fields[remark] = forms.CharField(
                label=_("Toelichting"), required=False, max_length=500
            )
            rows.append(
                Div(
                    Div(status, css_class="col-md-6"),
                    Div(remark, css_class="col-md-6"),
                    css_class="row review-row",
                )
            )
        self.helper = form_helper(
            _("Reflectiemoment vastleggen"),
            "date",
            "attendees",
            *rows,
            "notes",
            "adjustments",
            "start_new_version",
        )

    def reviews(self) -> dict[int, tuple[str, str]]:
        return {
            c.pk: (self.cleaned_data[f"status_{c.pk}"], self.cleaned_data[f"remark_{c.pk}"])
            for c in self.commitments
        }
