"""The filters above an impact timeline."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Theme

from ..models import (
    ImpactEntry,
    Visibility,
)
from .dates import DATE_WIDGET


class TimelineFilterForm(forms.Form):
    """The filters above an impact timeline, read from the query string."""

    kind = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *ImpactEntry.Kind.choices],
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        required=False,
        queryset=Theme.objects.all(),
        empty_label=_("Alle thema's"),
    )
    date_from = forms.DateField(label=_("Van"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DATE_WIDGET)
    visibility = forms.ChoiceField(
        label=_("Zichtbaarheid"),
        required=False,
        choices=[("", _("Intern en gedeeld")), *Visibility.choices],
    )
    significant = forms.BooleanField(label=_("Alleen meest significante"), required=False)

    def __init__(self, *args, sees_internal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_internal:
            del self.fields["visibility"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                *[Div(name, css_class="col-12 col-sm-6 col-lg-4") for name in self.fields],
                css_class="row",
            )
        )

    def filter(self, entries):
        """`entries` narrowed to what the valid filters ask for (invalid ones are ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("kind"):
            entries = entries.filter(kind=data["kind"])
        if data.get("theme"):
            entries = entries.filter(themes=data["theme"])
        if data.get("date_from"):
            entries = entries.filter(occurred_on__gte=data["date_from"])
        if data.get("date_to"):
            entries = entries.filter(occurred_on__lte=data["date_to"])
        if data.get("visibility"):
            entries = entries.filter(visibility=data["visibility"])
        if data.get("significant"):
            entries = entries.filter(selections__isnull=False).distinct()
        return entries

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.values()) if hasattr(self, "cleaned_data") else False
