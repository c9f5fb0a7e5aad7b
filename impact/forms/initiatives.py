"""Resident initiatives and the steps of their ownership."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    Initiative,
    OwnershipStep,
    Visibility,
)
from .dates import DATE_WIDGET, not_in_future


class InitiativeForm(forms.ModelForm):
    level = forms.TypedChoiceField(
        label=_("Wie heeft nu de leiding?"),
        choices=OwnershipStep.Level.choices,
        coerce=int,
        initial=OwnershipStep.Level.DESIGNER_LED,
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Initiative
        fields = ["title", "description", "started_on", "visibility"]
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "started_on": DATE_WIDGET,
            "visibility": forms.RadioSelect,
        }
        error_messages = {"title": {"required": _("Geef het initiatief een naam.")}}

    def __init__(self, *args, project, **kwargs):
        kwargs.setdefault("instance", Initiative(project=project))
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = Visibility.choices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            "description",
            "started_on",
            Field("level", wrapper_class="choice-chips"),
            "remark",
            Field("visibility", wrapper_class="choice-chips"),
        )

    def clean_started_on(self):
        return not_in_future(self.cleaned_data["started_on"])

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self._meta.fields, "level", "remark"]}


class OwnershipStepForm(forms.ModelForm):
    class Meta:
        model = OwnershipStep
        fields = ["level", "date", "remark"]
        widgets = {
            "level": forms.RadioSelect,
            "date": DATE_WIDGET,
            "remark": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"level": _("Wie heeft nu de leiding?")}
        help_texts = {"remark": _("Wat veranderde er, en hoe merkte u dat?")}
        error_messages = {"level": {"required": _("Kies wie nu de leiding heeft.")}}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        kwargs.setdefault("instance", OwnershipStep(initiative=initiative))
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = OwnershipStep.Level.choices
        current = initiative.current_step
        if current is not None:
            self.initial["level"] = min(current.level + 1, OwnershipStep.Level.INDEPENDENT)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("level", wrapper_class="choice-chips"),
            "date",
            "remark",
        )

    def clean_date(self):
        return not_in_future(self.cleaned_data["date"])
