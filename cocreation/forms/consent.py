"""Forms of answering a proposed version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AgreementVersion, Party


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
