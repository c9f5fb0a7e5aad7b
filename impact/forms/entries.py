"""Recording an impact entry (with its contributions and the resident's consent), and
withdrawing that consent."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreation.selectors import agreed_commitments
from core.concurrency import ConcurrentEditForm
from core.photos import ACCEPT, max_photo_bytes
from projects.forms.activities import MultipleFileInput, PhotosField
from projects.models import Activity, ServiceVariant, Theme

from ..models import (
    ConsentMethod,
    ConsentScope,
    ImpactEntry,
    ImpactPhoto,
    Visibility,
)
from .activities import activities_field, offer_activities
from .dates import DATE_WIDGET, not_in_future

CONSENT_FIELDS = ["consent_method", "consent_date", "consent_scope"]
# Fixed once the resident withdrew consent (see ImpactEntry.clean).
WITHDRAWN_LOCKED = ["visibility", "involves_resident", *CONSENT_FIELDS]
# Shown behind "Meer vastleggen"; the rest fits a phone screen and a minute.
DETAIL_FIELDS = [
    "description",
    "significance",
    "contribution_note",
    "for_whom",
    "location",
    "substantiated_by",
    "substantiated",
    "themes",
    "photos",
    "remove_photos",
]


class CommitmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.party.organisation}: {obj.description}"


def commitment_choices(project, entry: ImpactEntry | None = None):
    """The commitments of `project`'s agreed version, plus those `entry` already links to
    (an older agreement's commitments stay linked when the agreement is renewed)."""
    linked = entry.commitments.values("pk") if entry is not None and entry.pk is not None else ()
    return agreed_commitments(project, also=linked)


class EntryForm(ConcurrentEditForm, forms.ModelForm):
    """Record or edit an impact entry. The project comes from the view, never from the data."""

    activities = activities_field()
    commitments = CommitmentChoiceField(
        label=_("Welke inzet droeg bij?"),
        queryset=None,  # set in __init__: the commitments of the project's agreed version
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De inzet van de partijen uit de afgesproken samenwerkingsafspraak."),
        error_messages={
            "invalid_choice": _("Kies alleen inzet uit de afspraak van dit project."),
            "invalid_pk_value": _("Kies alleen inzet uit de afspraak van dit project."),
        },
    )
    photos = PhotosField(
        label=_("Foto's"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "Een of meer foto's (JPEG, PNG of WebP). Locatiegegevens halen we eruit voordat we "
            "ze opslaan. Staat er een bewoner herkenbaar op, leg dan hieronder de toestemming vast."
        ),
    )
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("Foto's verwijderen"),
        queryset=ImpactPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Die foto hoort niet bij dit item.")},
    )

    class Meta:
        model = ImpactEntry
        fields = [
            "kind",
            "title",
            "occurred_on",
            "description",
            "significance",
            "contribution_note",
            "for_whom",
            "location",
            "substantiated_by",
            "substantiated",
            "themes",
            "visibility",
            "involves_resident",
            "consent_method",
            "consent_date",
            "consent_scope",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "title": forms.TextInput(attrs={"autocomplete": "off", "enterkeyhint": "next"}),
            "occurred_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
            "significance": forms.Textarea(attrs={"rows": 2}),
            "contribution_note": forms.Textarea(attrs={"rows": 2}),
            "for_whom": forms.TextInput(attrs={"autocomplete": "off"}),
            "location": forms.TextInput(attrs={"autocomplete": "off"}),
            "substantiated_by": forms.TextInput(attrs={"autocomplete": "off"}),
            "themes": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "consent_method": forms.RadioSelect,
            "consent_date": DATE_WIDGET,
            "consent_scope": forms.RadioSelect,
        }
        labels = {"substantiated": _("Heeft diegene het bevestigd?")}
        error_messages = {
            "kind": {"required": _("Kies wat voor impact het is.")},
            "title": {"required": _("Beschrijf in één zin wat er veranderde.")},
            "occurred_on": {"invalid": _("Vul een geldige datum in.")},
            "consent_date": {"invalid": _("Vul een geldige datum in.")},
        }

    def __init__(
        self, *args, project, activity: Activity | None = None, activity_query: str = "", **kwargs
    ):
        kwargs.setdefault("instance", ImpactEntry(project=project))
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["kind"].choices = kind_choices(project, self.instance)
        self.fields["visibility"].choices = Visibility.choices
        self.fields["consent_method"].choices = ConsentMethod.choices
        self.fields["consent_scope"].choices = [c for c in ConsentScope.choices if c[0]]
        self.fields["themes"].queryset = Theme.objects.all()
        commitments = commitment_choices(project, self.instance)
        if commitments.exists():
            self.fields["commitments"].queryset = commitments
        else:
            del self.fields["commitments"]
        self.fields["photos"].widget.attrs["data-max-bytes"] = max_photo_bytes()
        entry = self.instance
        if entry.pk is None:
            del self.fields["remove_photos"]
            # Model fields take their initial value from the (empty) instance, hence self.initial.
            self.initial["consent_date"] = timezone.localdate()
            if activity is not None:
                self.fields["activities"].initial = [activity.pk]
                self.initial["themes"] = list(activity.themes.all())
        else:
            self.fields["activities"].initial = list(
                entry.contributions.values_list("activity_id", flat=True)
            )
            self.fields["remove_photos"].queryset = entry.photos.all()
            if "commitments" in self.fields:
                self.fields["commitments"].initial = list(
                    entry.commitments.values_list("pk", flat=True)
                )
        chosen = self.fields["activities"].initial or ()
        if self.is_bound:
            name = self.add_prefix("activities")
            getlist = getattr(self.data, "getlist", None)
            chosen = getlist(name) if getlist else self.data.get(name, ())
        self.activity_offer = offer_activities(
            self.fields["activities"], project, chosen=chosen, query=activity_query
        )
        if entry.consent_withdrawn:
            for name in WITHDRAWN_LOCKED:
                self.fields[name].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def edit_values(self, instance: ImpactEntry) -> dict:
        values = super().edit_values(instance)
        values["activities"] = sorted(
            str(pk) for pk in instance.contributions.values_list("activity_id", flat=True)
        )
        return values

    @property
    def details_open(self) -> bool:
        """Open "Meer vastleggen" when it holds an error or an edited entry's details."""
        if any(self.has_error(name) for name in DETAIL_FIELDS if name in self.fields):
            return True
        return self.instance.pk is not None

    @property
    def consent_open(self) -> bool:
        return any(
            self.has_error(name) for name in ["visibility", "involves_resident", *CONSENT_FIELDS]
        )

    def clean_occurred_on(self):
        return not_in_future(self.cleaned_data["occurred_on"])

    def clean_consent_date(self):
        return not_in_future(self.cleaned_data["consent_date"])

    def clean(self):
        data = super().clean()
        if not self.instance.consent_withdrawn:
            # Consent is recorded for a resident's words or images only, and only when given.
            if not data.get("involves_resident"):
                data.update(consent_method="", consent_date=None, consent_scope="")
            elif not data.get("consent_method"):
                data.update(consent_date=None, consent_scope="")
        return data

    def service_kwargs(self) -> dict:
        """The cleaned data as keyword arguments for entry_create / entry_update."""
        kwargs = {name: self.cleaned_data[name] for name in self._meta.fields}
        kwargs["activities"] = list(self.cleaned_data["activities"])
        if "commitments" in self.fields:
            kwargs["commitments"] = list(self.cleaned_data["commitments"])
        kwargs["photos"] = self.cleaned_data.get("photos") or []
        if "remove_photos" in self.fields:
            kwargs["remove_photos"] = self.cleaned_data["remove_photos"]
        return kwargs


class ConsentWithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wanneer en hoe liet de bewoner dit weten?"),
        error_messages={"required": _("Schrijf kort op hoe de bewoner dit liet weten.")},
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


def kind_choices(project, entry: ImpactEntry) -> list[tuple[str, str]]:
    """Every kind; a learning outcome ("Leeropbrengst") only in a training trajectory (or on an
    entry that already is one)."""
    learning = ImpactEntry.Kind.LEARNING
    offered = entry.kind == learning or (
        project.variant_id is not None
        and ServiceVariant.objects.filter(pk=project.variant_id, service__is_training=True).exists()
    )
    return [choice for choice in ImpactEntry.Kind.choices if offered or choice[0] != learning]
