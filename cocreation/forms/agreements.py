"""Forms of drafting a version: its text, its parties and their commitments."""

from crispy_forms.layout import HTML, Div
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.concurrency import Change, ConcurrentEditForm
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
            # Below the form's errors, above its fields: the base, and what changed meanwhile.
            HTML('{% include "_edit_base.html" %}'),
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

    def edit_values(self, instance: AgreementVersion) -> dict:
        # The parties and commitments are part of what this draft's editor shows (and what a
        # proposal freezes), so a change to them by someone else is a conflict too.
        return super().edit_values(instance) | {PARTIES: parties_text(instance)}

    def describe_change(self, name: str, before, now) -> Change:
        if name == PARTIES:
            return Change(str(_("Partijen en hun inzet")), before or "—", now or "—")
        return super().describe_change(name, before, now)


PARTIES = "parties"


def parties_text(version: AgreementVersion) -> str:
    """The parties of `version` and their commitments as plain lines, to compare and show."""
    lines = []
    for party in version.parties.select_related("organisation").prefetch_related("commitments"):
        lines.append(f"{party.organisation.name} ({party.role})")
        lines.extend(f"– {c.get_kind_display()}: {c.description}" for c in party.commitments.all())
    return "\n".join(lines)


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
        super().__init__(*args, prefix="party", use_required_attribute=False, **kwargs)
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
        self.helper = form_helper(None, "organisation", "representative", "role")

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class CommitmentForm(forms.Form):
    """A new commitment: which party brings in what."""

    party = forms.ModelChoiceField(label=_("Partij"), queryset=Party.objects.none())
    kind = forms.ChoiceField(
        label=_("Soort inzet"), choices=Commitment.Kind.choices, initial=Commitment.Kind.TIME
    )
    description = forms.CharField(
        label=_("Wat brengt deze partij in?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: een contactpersoon, vier uur per week, een ruimte, budget."),
    )

    def __init__(self, *args, version: AgreementVersion, **kwargs):
        super().__init__(*args, prefix="commitment", use_required_attribute=False, **kwargs)
        self.fields["party"].queryset = version.parties.select_related("organisation")
        self.helper = form_helper(None, "party", "kind", "description")

    def has_changed(self) -> bool:
        # The kind has a default: a row is filled in once it names a party or says something.
        return bool(self["party"].data or (self["description"].data or "").strip())

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
