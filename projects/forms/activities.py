import datetime
import functools

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.concurrency import ConcurrentEditForm
from core.dates import within_bounds
from core.forms import ListedModelChoiceField, ListedModelMultipleChoiceField
from core.photos import ACCEPT, max_photo_bytes, validate_photo

from ..models import Activity, ActivityPhoto, ParticipationLevel
from ..models.activities import MAX_ACTIVITY_HOURS
from ..selectors import log_choices

# Planning ahead a few days is fine (an activity logged the evening before); far out is a typo.
MAX_DAYS_AHEAD = 7
MAX_PHOTOS_PER_UPLOAD = 10

COUNT_ERRORS = {
    "min_value": _("Een aantal kan niet negatief zijn."),
    "invalid": _("Vul een heel getal in, bijvoorbeeld 12."),
}


COUNT_FIELDS = ["residents_reached", "new_contacts"]
# The participation ladder: the quick log asks only who led it and how far residents took part
# (one optional tap each); editing offers all four.
LADDER_FIELDS = ["initiated_by", "led_by", "level_planned", "level_reached"]
QUICK_LADDER_FIELDS = ["led_by", "level_reached"]
SCALE_LEGEND = '{% include "projects/_participation_scale.html" with scale=form.scale %}'
LADDER_LABELS = {
    "initiated_by": _("Wie nam het initiatief?"),
    "led_by": _("Wie had de leiding?"),
    "level_planned": _("Welke trede van de participatieladder was het doel?"),
    "level_reached": _("Welke trede bereikten de bewoners?"),
}
COUNT_ATTRS = {"inputmode": "numeric", "min": 0, "placeholder": "0"}


def usual_kinds_first(usual: list[str]) -> list[tuple[str, str]]:
    """The activity kinds to choose from: `usual` ones (a service variant's) first, in their
    order, then the others; unknown values are left out."""
    labels = dict(Activity.Kind.choices)
    first = [kind for kind in dict.fromkeys(usual) if kind in labels]
    return [(kind, labels[kind]) for kind in first + [k for k in labels if k not in first]]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; each is checked on its content (see projects.photos)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        if not uploads:
            super().clean(None, initial)  # raises "required" when required
            return []
        if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
            raise ValidationError(
                _("U kunt hoogstens %(max)s foto's tegelijk toevoegen."),
                code="too_many",
                params={"max": MAX_PHOTOS_PER_UPLOAD},
            )
        cleaned, errors = [], []
        for upload in uploads:
            try:
                upload = super().clean(upload, initial)
                validate_photo(upload)
            except ValidationError as exc:
                errors.extend(exc.error_list)
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ActivityForm(ConcurrentEditForm, forms.ModelForm):
    """The quick-log form, also used to edit. The project comes from the view, never the data."""

    photos = PhotosField(
        label=_("Foto's"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "Een of meer foto's (JPEG, PNG of WebP). Locatiegegevens halen we eruit voordat we "
            "ze opslaan."
        ),
    )
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("Foto's verwijderen"),
        queryset=ActivityPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": _("Die foto hoort niet bij deze activiteit.")},
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "date",
            "hours",
            "residents_reached",
            "new_contacts",
            "location",
            "partners_present",
            "notes",
            "phase",
            "themes",
            *LADDER_FIELDS,
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "title": forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "next"}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hours": forms.NumberInput(
                {
                    "inputmode": "decimal",
                    "min": 0,
                    "max": int(MAX_ACTIVITY_HOURS),
                    "step": "0.5",
                    "placeholder": "0",
                }
            ),
            "residents_reached": forms.NumberInput(COUNT_ATTRS),
            "new_contacts": forms.NumberInput(COUNT_ATTRS),
            "location": forms.TextInput(attrs={"autocomplete": "off"}),
            "partners_present": forms.TextInput(attrs={"autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }
        # Choices read with the project (selectors.log_projects): offering and checking them
        # asks no query.
        field_classes = {
            "phase": ListedModelChoiceField,
            "themes": ListedModelMultipleChoiceField,
        }
        help_texts = {
            "location": _("Een straat, plein of gebouw; geen huisadres van een bewoner."),
            "partners_present": _("Bijvoorbeeld: bewonersgroep, wijkagent, woningcorporatie."),
        }
        error_messages = {
            "residents_reached": COUNT_ERRORS,
            "new_contacts": COUNT_ERRORS,
            "kind": {"required": _("Kies wat voor activiteit het was.")},
            "title": {"required": _("Geef de activiteit een korte titel.")},
            "date": {"invalid": _("Vul een geldige datum in.")},
            "hours": {
                "invalid": _("Vul een aantal uren in, bijvoorbeeld 1,5."),
                "max_decimal_places": _(
                    "Vul de uren in stappen van een half uur in, bijvoorbeeld 1,5."
                ),
                "max_digits": _(
                    "Vul hoogstens 24 uur in; verdeel langer werk over meer activiteiten."
                ),
                "max_whole_digits": _(
                    "Vul hoogstens 24 uur in; verdeel langer werk over meer activiteiten."
                ),
            },
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        choices = log_choices(project)
        # No empty radio button; the kinds the project's service variant usually has first.
        self.fields["kind"].choices = usual_kinds_first(choices.usual_kinds)
        phase = self.fields["phase"]
        phase.queryset = project.phases.all()
        phase.set_rows(choices.phases)
        phase.error_messages["invalid_choice"] = _("Kies een fase van dit project.")
        phase.required = bool(choices.phases)
        if phase.required:
            phase.empty_label = None
        self.fields["themes"].set_rows(choices.themes)
        # Lets the browser warn before a large photo is sent over a slow connection.
        self.fields["photos"].widget.attrs["data-max-bytes"] = max_photo_bytes()
        for name in COUNT_FIELDS:
            # Left empty on a phone means none; typing over a pre-filled 0 is one step too many.
            self.fields[name].required = False
        if self.instance.pk is None:
            phase.initial = next((p for p in choices.phases if p.is_current), None)
            self.fields["themes"].initial = [
                theme for theme in choices.themes if theme.pk in choices.project_theme_ids
            ]
            for name in COUNT_FIELDS:
                self.fields[name].initial = None
            if len(choices.usual_kinds) == 1:
                # Only a variant with one usual kind (a training) picks it; else the designer
                # chooses, so nothing is logged as a kind nobody chose.
                self.fields["kind"].initial = choices.usual_kinds[0]
            del self.fields["remove_photos"]
        else:
            self.fields["remove_photos"].queryset = self.instance.photos.all()
        self._adjust_ladder_fields()

    @functools.cached_property
    def helper(self) -> FormHelper:
        # Built when the form is shown: a form sent correctly never needs its layout.
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template's <form> carries the token
        helper.layout = Layout(
            Field("kind", wrapper_class="choice-chips"),
            "title",
            "date",
            "hours",
            Div(
                Div("residents_reached", css_class="col-12 col-sm-6"),
                Div("new_contacts", css_class="col-12 col-sm-6"),
                css_class="row",
            ),
            "location",
            "partners_present",
            "notes",
            "phase",
            Field("themes", wrapper_class="choice-chips"),
            "photos",
            Fieldset(
                _("Participatie (optioneel)"),
                *(Field(name, wrapper_class="choice-chips") for name in self._ladder_shown()),
                HTML(SCALE_LEGEND),
                css_class="activity-ladder",
            ),
        )
        return helper

    @functools.cached_property
    def scale(self) -> list[dict]:
        """The participation ladder, for the legend under the ladder's fields."""
        return ParticipationLevel.scale()

    def _ladder_shown(self) -> list[str]:
        return QUICK_LADDER_FIELDS if self.instance.pk is None else LADDER_FIELDS

    def _adjust_ladder_fields(self) -> None:
        """The participation ladder, optional, in a fieldset of its own: on the quick log who
        led the activity and the rung reached; when editing, also who initiated it and the rung
        planned. Radio chips; editing offers "niet vastgelegd" to clear a choice."""
        shown = self._ladder_shown()
        for name in LADDER_FIELDS:
            if name not in shown:
                del self.fields[name]
                continue
            field = self.fields[name]
            field.required = False
            field.label = LADDER_LABELS[name]
            choices = [choice for choice in field.choices if choice[0]]
            if self.instance.pk is not None:
                choices.insert(0, ("", _("Niet vastgelegd")))
            field.choices = choices
            field.widget = forms.RadioSelect(choices=choices)

    def _get_validation_exclusions(self):
        # Checked by this form's own fields, without the model asking the database again: the
        # phase is one of the project's (read with it), the counts are at least 0 (min_value,
        # which is all the check constraint asks). The database still enforces both.
        return super()._get_validation_exclusions() | {"phase", *COUNT_FIELDS}

    def clean_date(self):
        return within_bounds(
            self.cleaned_data["date"], ahead=datetime.timedelta(days=MAX_DAYS_AHEAD)
        )

    def clean_residents_reached(self):
        return self.cleaned_data["residents_reached"] or 0

    def clean_new_contacts(self):
        return self.cleaned_data["new_contacts"] or 0

    def service_kwargs(self) -> dict:
        """The cleaned data as keyword arguments for activity_create / activity_update."""
        kwargs = {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields
        }
        kwargs["photos"] = self.cleaned_data.get("photos") or []
        if "remove_photos" in self.fields:
            kwargs["remove_photos"] = self.cleaned_data["remove_photos"]
        return kwargs
