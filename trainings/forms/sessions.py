"""The team's form for a session of a training trajectory."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import planned
from projects.models import Project, User

from ..models import Session
from ..services.sessions import DEFAULT_END, DEFAULT_START, at, phase_on


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class SessionForm(forms.ModelForm):
    """Date and times as three fields (a phone's own pickers); the project comes from the
    view. `service_kwargs()` gives the service the session's fields."""

    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum van de bijeenkomst in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    start_time = forms.TimeField(
        label=_("Begint om"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Vul in hoe laat de bijeenkomst begint."),
            "invalid": _("Vul een tijd in, bijvoorbeeld 13:30."),
        },
    )
    end_time = forms.TimeField(
        label=_("Eindigt om"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Vul in hoe laat de bijeenkomst eindigt."),
            "invalid": _("Vul een tijd in, bijvoorbeeld 17:00."),
        },
    )
    trainers = TrainerChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies trainers uit het team.")},
    )

    class Meta:
        model = Session
        fields = ["title", "location", "programme", "phase"]
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "location": forms.TextInput(attrs={"autocomplete": "off"}),
            "programme": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "location": _("Een gebouw en zaal, of een adres van een organisatie."),
            "programme": _("Wat er aan bod komt; de deelnemers lezen het niet."),
        }
        error_messages = {"title": {"required": _("Geef de bijeenkomst een titel.")}}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        phases = list(project.phases.order_by("order", "id"))
        phase = self.fields["phase"]
        phase.queryset = project.phases.all()
        phase.error_messages["invalid_choice"] = _("Kies een fase van dit traject.")
        self.fields["trainers"].queryset = User.objects.filter(
            is_active=True, role__in=[User.Role.DESIGNER, User.Role.ADMIN]
        ).order_by("name", "email")
        session = self.instance
        if session.pk is None:
            day = timezone.localdate()
            self.initial.setdefault("date", day)
            self.initial.setdefault("start_time", DEFAULT_START)
            self.initial.setdefault("end_time", DEFAULT_END)
            self.initial.setdefault("phase", getattr(phase_on(phases, day), "pk", None))
            self.initial.setdefault(
                "title", _("Bijeenkomst %(n)s") % {"n": project.sessions.count() + 1}
            )
        else:
            starts, ends = (
                timezone.localtime(session.starts_at),
                timezone.localtime(session.ends_at),
            )
            self.initial.update(
                date=starts.date(),
                start_time=starts.time(),
                end_time=ends.time(),
                trainers=list(session.trainers.all()),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template's <form> carries the token
        self.helper.layout = Layout(
            "title",
            "date",
            Div(
                Div("start_time", css_class="col-6"),
                Div("end_time", css_class="col-6"),
                css_class="row",
            ),
            "location",
            "programme",
            "phase",
            Field("trainers", wrapper_class="choice-chips"),
        )

    def clean_date(self):
        return planned(self.cleaned_data["date"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error(
                "end_time",
                ValidationError(
                    _("De bijeenkomst eindigt na het begin: kies een latere eindtijd."),
                    code="ends_before_start",
                ),
            )
        return cleaned

    def service_kwargs(self) -> dict:
        """The cleaned data as keyword arguments for session_create / session_update."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": at(data["date"], data["start_time"]),
            "ends_at": at(data["date"], data["end_time"]),
            "location": data["location"],
            "programme": data["programme"],
            "phase": data["phase"],
            "trainers": data["trainers"],
        }
