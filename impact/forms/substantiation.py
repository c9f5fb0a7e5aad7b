"""Asking someone to confirm an entry, and their answer on the page the signed link opens."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SubstantiationRequest, Verdict
from ..models.substantiation import POINTS


class SubstantiationRequestForm(forms.ModelForm):
    """Who to ask: name, e-mail address and whether they are a resident, partner or client."""

    class Meta:
        model = SubstantiationRequest
        fields = ["name", "email", "role"]
        widgets = {"role": forms.RadioSelect}
        error_messages = {
            "name": {"required": _("Vul de naam in van wie u het vraagt.")},
            "email": {
                "required": _("Vul het e-mailadres in."),
                "invalid": _("Dit is geen geldig e-mailadres."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "inputmode": "email"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div("name", css_class="col-12 col-sm-6"),
                Div("email", css_class="col-12 col-sm-6"),
                css_class="row",
            ),
            "role",
        )


class SubstantiationAnswerForm(forms.Form):
    """Per point "klopt / klopt deels / klopt niet" with a remark, then who answers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _question in POINTS:
            self.fields[f"{name}_verdict"] = forms.ChoiceField(
                label=_("Klopt dit?"),
                choices=Verdict.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies: klopt, klopt deels of klopt niet.")},
            )
            self.fields[f"{name}_remark"] = forms.CharField(
                label=_("Toelichting (mag leeg blijven)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["answer_name"] = forms.CharField(
            label=_("Uw naam"),
            max_length=200,
            error_messages={"required": _("Vul uw naam in.")},
        )
        self.fields["answer_role"] = forms.CharField(
            label=_("Uw rol"),
            max_length=200,
            help_text=_("Bijvoorbeeld: bewoner van de Vlinderstraat, voorzitter bewonersgroep."),
            error_messages={"required": _("Vul uw rol in.")},
        )

    def point_fields(self):
        """Per point: (its question, its verdict field, its remark field), for the template."""
        return [
            (question, self[f"{name}_verdict"], self[f"{name}_remark"]) for name, question in POINTS
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "answers": {
                name: (data[f"{name}_verdict"], data[f"{name}_remark"]) for name, _q in POINTS
            },
            "answer_name": data["answer_name"],
            "answer_role": data["answer_role"],
        }
