"""The continuation decision form: the outcome, why, and per party whether it agreed."""

from crispy_forms.layout import Div, Fieldset
from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import within_bounds

from ..models import ContinuationDecision
from .layout import DATE_WIDGET, form_helper


class ContinuationDecisionForm(forms.Form):
    """A continuation decision, with for each deciding party whether it agreed and who spoke."""

    outcome = forms.ChoiceField(
        label=_("Hoe gaan we verder?"),
        choices=ContinuationDecision.Outcome.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Bijstellen begint een nieuwe versie van de afspraak, ingevuld met de huidige."
        ),
    )
    decided_on = forms.DateField(label=_("Besloten op"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Waarom"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = list(parties)  # (organisation, role, who speaks for it)
        rows = []
        for i, (organisation, role, speaker) in enumerate(self.parties):
            agreed, by = f"agreed_{i}", f"by_{i}"
            name = f"{organisation.name} ({role})" if role else organisation.name
            self.fields[agreed] = forms.BooleanField(
                label=_("%(party)s stemt in") % {"party": name}, required=False, initial=True
            )
            self.fields[by] = forms.CharField(
                label=_("Namens %(party)s besloten door") % {"party": organisation.name},
                required=False,
                max_length=150,
                initial=speaker,
            )
            rows.append(
                Div(
                    Div(agreed, css_class="col-md-5"),
                    Div(by, css_class="col-md-7"),
                    css_class="row decision-party-row",
                )
            )
        self.helper = form_helper(
            _("Besluit vastleggen"),
            "outcome",
            "decided_on",
            "reason",
            Fieldset(_("Wie besloot er mee?"), *rows),
        )

    def clean_decided_on(self):
        # A decision is recorded once it was taken.
        return within_bounds(self.cleaned_data["decided_on"])

    def party_answers(self) -> list[dict]:
        """Per party: its organisation, whether it agreed and who spoke for it."""
        return [
            {
                "organisation": organisation,
                "agreed": self.cleaned_data[f"agreed_{i}"],
                "decided_by": self.cleaned_data[f"by_{i}"],
            }
            for i, (organisation, _role, _speaker) in enumerate(self.parties)
        ]
