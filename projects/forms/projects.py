from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.concurrency import ConcurrentEditForm
from core.dates import planned

from .. import selectors
from ..models import Organisation, Phase, Project, Theme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectFilterForm(forms.Form):
    """Search and filters of the project list (GET). Its choices come from the projects the
    user may see, so a client never reads another client's name here."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("Titel, vraagstuk of buurt"), "type": "search"}
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *Project.Status.choices],
    )
    client = forms.ModelChoiceField(
        label=_("Opdrachtgever"), required=False, queryset=None, empty_label=_("Alle")
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"), required=False, queryset=None, empty_label=_("Alle thema's")
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"), required=False, queryset=None, empty_label=_("Alle buurten")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in selectors.filter_choices(user).items():
            self.fields[name].queryset = queryset
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div("q", css_class="col-12 col-lg-4"),
                Div("status", css_class="col-6 col-lg-2"),
                Div("client", css_class="col-6 col-lg-2"),
                Div("theme", css_class="col-6 col-lg-2"),
                Div("neighbourhood", css_class="col-6 col-lg-2"),
                css_class="row g-2",
            ),
        )

    def search_kwargs(self) -> dict:
        """The valid filters as keyword arguments for selectors.project_search; a value that
        is not among the choices is left out rather than shown as an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", "").strip(),
            "status": data.get("status", ""),
            "client": data.get("client"),
            "theme": data.get("theme"),
            "neighbourhood": data.get("neighbourhood"),
        }


class ProjectForm(ConcurrentEditForm, forms.ModelForm):
    """Create or edit a project's details. Phases and members have pages of their own."""

    class Meta:
        model = Project
        fields = [
            "title",
            "client",
            "neighbourhood",
            "variant",
            "themes",
            "question",
            "start_date",
            "expected_end_date",
            "status",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "question": forms.Textarea(attrs={"rows": 4}),
            "start_date": DATE_WIDGET,
            "expected_end_date": DATE_WIDGET,
        }
        error_messages = {
            "title": {"required": _("Geef het project een titel.")},
            "client": {"required": _("Kies de opdrachtgever.")},
            "start_date": {"invalid": _("Vul een geldige datum in.")},
            "expected_end_date": {"invalid": _("Vul een geldige datum in.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Clients only (not the firm itself, nor a residents' group or partner); a project's
        # present client stays a choice, so editing never loses it.
        self.fields["client"].queryset = Organisation.objects.filter(
            Q(kind__in=Organisation.CLIENT_KINDS) | Q(pk=self.instance.client_id)
        )
        if self.instance.pk is None:
            self.fields["expected_end_date"].help_text = _(
                "Leeg? Dan geldt de gebruikelijke duur van de gekozen dienst; de fasen worden "
                "over de looptijd verdeeld."
            )
        self.fields["variant"].queryset = self.fields["variant"].queryset.select_related("service")
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["client"].empty_label = _("Kies de opdrachtgever")
        self.fields["neighbourhood"].empty_label = _("Nog niet bekend")
        self.fields["variant"].empty_label = _("Nog niet bekend")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            Div(
                Div("client", css_class="col-12 col-md-6"),
                Div("neighbourhood", css_class="col-12 col-md-6"),
                css_class="row",
            ),
            "variant",
            Field("themes", wrapper_class="choice-chips"),
            "question",
            Div(
                Div("start_date", css_class="col-12 col-sm-6"),
                Div("expected_end_date", css_class="col-12 col-sm-6"),
                css_class="row",
            ),
            "status",
        )

    def clean_start_date(self):
        return planned(self.cleaned_data["start_date"])

    def clean_expected_end_date(self):
        return planned(self.cleaned_data["expected_end_date"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("expected_end_date")
        if start and end and end < start:
            self.add_error(
                "expected_end_date",
                ValidationError(
                    _("De verwachte einddatum ligt vóór de startdatum. Kies een latere datum."),
                    code="end_before_start",
                ),
            )
        return data

    def service_kwargs(self) -> dict:
        """The cleaned data as keyword arguments for project_create / project_update."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PhaseForm(forms.ModelForm):
    """Name and describe a phase: to add one, or to rename one on the phases page."""

    class Meta:
        model = Phase
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": _("Geef de fase een naam.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class PhaseActionForm(forms.Form):
    """Which phase a button on the phases page acts on, and what it does to it."""

    ACTIONS = ["add", "rename", "up", "down", "current", "delete"]

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    phase = forms.ModelChoiceField(
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Die fase hoort niet bij dit project.")},
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = project.phases.all()

    def clean(self):
        data = super().clean()
        if data.get("action") not in (None, "add") and data.get("phase") is None:
            self.add_error("phase", _("Kies een fase."))
        return data
