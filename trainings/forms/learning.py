"""Forms of the learning harvest: a participant's practice assignment and reflection, the
evaluation a participant answers by link, and the team's choice of what to evaluate."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import PracticeAssignment, Session

FINAL = "final"
SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


def _helper(button, *fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    helper.add_input(Submit("submit", button, css_class="btn-lg"))
    return helper


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = PracticeAssignment
        fields = ["description", "tried", "happened", "differently", "share_with_client"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "tried": forms.Textarea(attrs={"rows": 3}),
            "happened": forms.Textarea(attrs={"rows": 3}),
            "differently": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _("Wat gaat de deelnemer doen, in het eigen werk of de eigen buurt?"),
            "share_with_client": _(
                "Alleen aanvinken als de deelnemer dat goed vindt. Zonder reflectie wordt "
                "niets gedeeld."
            ),
        }
        error_messages = {"description": {"required": _("Beschrijf de praktijkopdracht.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Opslaan"),
            "description",
            Div("tried", "happened", "differently", css_class="assignment-reflection"),
            "share_with_client",
        )


class EvaluationForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label=_("Hoe bruikbaar was het voor je?"),
        help_text=_("1 = niet bruikbaar, 5 = heel bruikbaar"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een cijfer van 1 tot en met 5."),
            "invalid_choice": _("Kies een cijfer van 1 tot en met 5."),
        },
    )
    will_apply = forms.CharField(
        label=_("Wat ga je toepassen?"),
        help_text=_("In je werk of in je eigen buurt."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort op wat je gaat toepassen.")},
    )
    remark = forms.CharField(
        label=_("Wil je nog iets kwijt? (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    share_remark = forms.BooleanField(
        label=_(
            "De opdrachtgever mag lezen wat ik ga toepassen en mijn opmerking (zonder mijn naam)"
        ),
        help_text=_("Zonder vinkje lezen alleen de trainers je antwoorden."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Versturen"),
            Div(Field("usefulness"), css_class="choice-chips usefulness-scale"),
            "will_apply",
            "remark",
            "share_remark",
        )


class EvaluationSendForm(forms.Form):
    """Which evaluation to send: one of the sessions that have ended, or the final one."""

    what = forms.ChoiceField(
        label=_("Welke evaluatie?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een bijeenkomst of de eindevaluatie."),
            "invalid_choice": _("Kies een bijeenkomst die al is afgelopen, of de eindevaluatie."),
        },
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {
            str(s.pk): s
            for s in Session.objects.filter(project=project, ends_at__lt=timezone.now()).order_by(
                "starts_at", "id"
            )
        }
        self.fields["what"].choices = [
            *(
                (pk, f"{s.title} · {date_format(timezone.localtime(s.starts_at), 'j F')}")
                for pk, s in self.sessions.items()
            ),
            (FINAL, _("Eindevaluatie van het hele traject")),
        ]

    def chosen_session(self) -> Session | None:
        what = self.cleaned_data["what"]
        return None if what == FINAL else self.sessions[what]


class ReflectionForm(forms.ModelForm):
    """The participant's own reflection, by the link in the e-mail."""

    class Meta:
        model = PracticeAssignment
        fields = ["tried", "happened", "differently", "share_with_client"]
        widgets = {
            "tried": forms.Textarea(attrs={"rows": 4}),
            "happened": forms.Textarea(attrs={"rows": 4}),
            "differently": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"share_with_client": _("De opdrachtgever mag mijn reflectie lezen")}
        help_texts = {
            "share_with_client": _("Zonder vinkje lezen alleen de trainers je reflectie.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            _("Versturen"), "tried", "happened", "differently", "share_with_client"
        )
