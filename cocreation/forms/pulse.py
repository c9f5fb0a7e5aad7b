"""The pulse: the two questions with an optional remark, and the interval designers choose."""

from crispy_forms.bootstrap import InlineRadios
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Agreement
from ..models.pulse import SCORES
from .layout import form_helper


class PulseAnswerForm(forms.Form):
    ambition = forms.TypedChoiceField(
        label=_("Herkent u zich nog in de gedeelde ambitie?"),
        help_text=_("1 = helemaal niet, 5 = helemaal wel"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    collaboration = forms.TypedChoiceField(
        label=_("Hoe loopt de samenwerking?"),
        help_text=_("1 = slecht, 5 = heel goed"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Wilt u er iets bij zeggen? (niet verplicht)"),
        help_text=_("Alleen de buurtdesigners en uzelf lezen dit."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            _("Versturen"), InlineRadios("ambition"), InlineRadios("collaboration"), "remark"
        )

    @classmethod
    def from_link(cls, score: str | None) -> "PulseAnswerForm":
        """The unbound form, with the collaboration score the mail's button carried (?score=N)
        already chosen."""
        initial = {}
        if score in {str(n) for n, _label in SCORES}:
            initial["collaboration"] = int(score)
        return cls(initial=initial)


class PulseIntervalForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["pulse_weeks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Opslaan"), "pulse_weeks")
