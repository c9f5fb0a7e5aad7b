from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Membership, Organisation, User

from .models import AgreementVersion, Commitment, CommitmentReview, Concern, Party
from .wording import FIXED_RESULT_HINT, reads_like_fixed_result

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(button: str | None = None, *fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if fields:
        helper.layout = Layout(*fields)
    if button:
        helper.add_input(Submit("submit", button))
    return helper


class VersionForm(forms.ModelForm):
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
        self.helper = _helper(
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
        self.helper = _helper(_("Partij toevoegen"), "organisation", "representative", "role")


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
        self.helper = _helper(_("Inzet toevoegen"), "party", "kind", "description")


class ConsentForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Namens"), queryset=Party.objects.none())
    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, version: AgreementVersion, **kwargs):
        super().__init__(*args, **kwargs)
        # Every party of the version: whether the user may speak for it is the service's call,
        # so that trying another party's name gives a clear refusal.
        self.fields["party"].queryset = version.parties.select_related("organisation")


class DeclineForm(ConsentForm):
    reason = forms.CharField(
        label=_("Waarom stemt u (nog) niet in?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De buurtdesigners passen de afspraak aan en stellen haar opnieuw voor."),
    )


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
        self.helper = _helper(
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


class ConcernForm(forms.ModelForm):
    class Meta:
        model = Concern
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Versturen"), "subject", "body")


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Reageren"), "body")
