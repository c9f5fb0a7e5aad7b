"""Forms for the participants of a training: one added by the team, a pasted list, and the
self-registration through the invitation link."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from projects.models import Organisation, Project

from ..models import Participant
from ..pasted import Pasted, read_pasted

NAME_ERRORS = {"required": _("Vul de naam in.")}
EMAIL_ERRORS = {
    "required": _("Vul het e-mailadres in."),
    "invalid": _("Dit is geen geldig e-mailadres. Controleer het op typefouten."),
}


def _helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


VISIBLE_TO = _(
    "De contactpersonen van deze organisatie zien de deelnemer; kies ‘Geen organisatie’ voor "
    "een bewoner."
)


def _organisation_field(**kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.OWN).order_by("name"),
        required=False,
        empty_label=_("Geen organisatie"),
        **kwargs,
    )


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Rol"),
        choices=Participant.Role.choices,
        initial=Participant.Role.PROFESSIONAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een rol.")},
    )


class ParticipantForm(forms.Form):
    """One participant, added by the team."""

    name = forms.CharField(label=_("Naam"), max_length=150, error_messages=NAME_ERRORS)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254, error_messages=EMAIL_ERRORS)
    organisation = _organisation_field(help_text=VISIBLE_TO)
    role = _role_field()

    def __init__(self, *args, project: Project, **kwargs):
        # No organisation chosen beforehand (not even the client's): its contacts see the
        # participant, so the team chooses it for each one.
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "name", "email", "organisation", Field("role", wrapper_class="choice-chips")
        )


class PasteForm(forms.Form):
    """A list pasted from an e-mail or a spreadsheet, one person a line; the organisation and
    role hold for the whole list."""

    lines = forms.CharField(
        label=_("Deelnemers, één per regel"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "Bijvoorbeeld ‘Anna de Vries, anna@example.nl’ of ‘Anna de Vries "
            "&lt;anna@example.nl&gt;’, of kopieer de kolommen naam en e-mail uit een "
            "spreadsheet."
        ),
        error_messages={"required": _("Plak of typ minstens één deelnemer.")},
    )
    organisation = _organisation_field(
        help_text=_(
            "Voor iedereen in de lijst. De contactpersonen van deze organisatie zien de "
            "deelnemers; kies ‘Geen organisatie’ voor bewoners."
        )
    )
    role = _role_field()

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("lines", "organisation", Field("role", wrapper_class="choice-chips"))
        self.pasted = Pasted()

    @property
    def line_errors(self) -> list[str]:
        """What is wrong on each line that could not be read (shown above the form)."""
        return self.pasted.errors

    def clean_lines(self):
        text = self.cleaned_data["lines"]
        self.pasted = read_pasted(text)
        if self.pasted.errors:
            raise forms.ValidationError(
                ngettext(
                    "Eén regel kon niet worden gelezen (zie hierboven). Er is nog niemand "
                    "toegevoegd: verbeter de regel en voeg de lijst opnieuw toe.",
                    "%(n)s regels konden niet worden gelezen (zie hierboven). Er is nog niemand "
                    "toegevoegd: verbeter de regels en voeg de lijst opnieuw toe.",
                    len(self.pasted.errors),
                )
                % {"n": len(self.pasted.errors)}
            )
        if not self.pasted.people:
            raise forms.ValidationError(_("Plak of typ minstens één deelnemer."))
        return text


class RegisterForm(forms.Form):
    """A participant registers themselves through the invitation link."""

    name = forms.CharField(
        label=_("Uw naam"),
        max_length=150,
        error_messages=NAME_ERRORS,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Anders, of geen organisatie"),
        widget=forms.RadioSelect,
        blank=True,
    )
    role = _role_field()
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met wat hierboven staat over mijn gegevens."),
        error_messages={
            "required": _("Zonder uw akkoord kunnen we u niet aanmelden. Vink het vakje aan.")
        },
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.helper = _helper(
            "name",
            "email",
            Field("organisation", wrapper_class="choice-chips"),
            Field("role", wrapper_class="choice-chips"),
            "consent",
        )
