"""Forms of drafting a version: its text, its parties and their commitments."""

from crispy_forms.layout import Div
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.concurrency import ConcurrentEditForm
from core.dates import on_working_day, planned
from projects.models import Membership, Organisation, User

from ..models import AgreementVersion, Commitment, Party
from ..wording import FIXED_RESULT_HINT, reads_like_fixed_result
from .layout import DATE_WIDGET, form_helper


class VersionForm(ConcurrentEditForm, forms.ModelForm):
    class Meta:
        model = AgreementVersion
        fields = AgreementVersion.CONTENT_FIELDS
        widgets = {
            "ambition": forms.Textarea(attrs={"rows": 3}),
            "question": forms.Textarea(attrs={"rows": 3}),
            "approach": forms.Textarea(attrs={"rows": 6}),
            "principles": forms.Textarea(attrs={"rows": 4}),
            "first_check_in": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            None,
            "ambition",
            "question",
            "approach",
            "principles",
            Div(
                Div("check_in_every_weeks", css_class="col-sm-6"),
                Div("first_check_in", css_class="col-sm-6"),
                css_class="row",
            ),
        )

    def clean_first_check_in(self):
        return on_working_day(planned(self.cleaned_data.get("first_check_in")))

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in AgreementVersion.CONTENT_FIELDS}


def fixed_result_warnings(version: AgreementVersion) -> dict:
    """Which texts of `version` read like a fixed result: {"ambition": hint, commitment_id:
    hint}. A gentle warning shown on the page; it never blocks."""
    warnings = {}
    if reads_like_fixed_result(version.ambition):
        warnings["ambition"] = FIXED_RESULT_HINT
    for party in version.parties.all():
        for commitment in party.commitments.all():
            if reads_like_fixed_result(commitment.description):
                warnings[commitment.pk] = FIXED_RESULT_HINT
    return warnings


class PartyForm(forms.ModelForm):
    """Add a party: its organisation and representative chosen among the project's own
    people and organisations only."""

    class Meta:
        model = Party
        fields = ["organisation", "representative", "role"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, prefix="party", **kwargs)
        members = Membership.objects.filter(
            project=project, role__in=[Membership.Role.CLIENT, Membership.Role.PARTNER]
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(pk=project.client_id)
            | Q(kind=Organisation.Kind.OWN)
            | Q(people__in=members.values("user"))
        ).distinct()
        self.fields["representative"].queryset = User.objects.filter(
            pk__in=members.values("user"), is_active=True
        )
        self.fields["representative"].empty_label = _("Geen (De Buurtontdekkers zelf)")
        self.helper = form_helper(_("Partij toevoegen"), "organisation", "representative", "role")


class CommitmentForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Partij"), queryset=Party.objects.none())
    kind = forms.ChoiceField(label=_("Soort inzet"), choices=Commitment.Kind.choices)
    description = forms.CharField(
        label=_("Wat brengt deze partij in?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: een contactpersoon, vier uur per week, een ruimte, budget."),
    )

    def __init__(self, *args, version: AgreementVersion, **kwargs):
        super().__init__(*args, prefix="commitment", **kwargs)
        self.fields["party"].queryset = version.parties.select_related("organisation")
        self.helper = form_helper(_("Inzet toevoegen"), "party", "kind", "description")
