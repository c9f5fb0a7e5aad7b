"""Which activities an impact entry offers to link: a project logs a hundred and more, so the
form shows the most recent ones, those already chosen and those a search finds, and accepts
any activity of the project."""

from dataclasses import dataclass

from django import forms
from django.db.models import Case, Q, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from projects.models import Activity

RECENT = 12  # the most recent activities, always shown
FOUND = 20  # at most this many found by a search


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.title} · {date_format(obj.date, 'j b Y')}"


def activities_field() -> ActivityChoiceField:
    return ActivityChoiceField(
        label=_("Welke activiteiten droegen bij?"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen activiteiten van dit project."),
            "invalid_pk_value": _("Kies alleen activiteiten van dit project."),
        },
    )


@dataclass(frozen=True)
class ActivityOffer:
    """What the activity chips show: `shown` of the project's `total`, `found` of them
    matching `query` (listed first)."""

    shown: list
    total: int
    query: str
    found: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


def offer_activities(field, project, *, chosen=(), query: str = "") -> ActivityOffer:
    """Let `field` accept every activity of `project` and show only the most recent ones,
    those in `chosen` and those whose title or place holds `query`: two queries, however
    many activities the project has."""
    activities = project.activities.all()
    field.queryset = activities.order_by("-date", "-id")
    query = query.strip()[:100]
    recent = activities.order_by("-date", "-id").values("pk")[:RECENT]
    shown = Q(pk__in=recent) | Q(pk__in=_ids(chosen))
    is_match = Value(0)
    if query:
        matches = Q(title__icontains=query) | Q(location__icontains=query)
        found = activities.filter(matches).order_by("-date", "-id").values("pk")[:FOUND]
        shown |= Q(pk__in=found)
        is_match = Case(When(matches, then=Value(1)), default=Value(0))
    listed = list(
        activities.filter(shown).annotate(is_match=is_match).order_by("-is_match", "-date", "-id")
    )
    # Set after the queryset, which would otherwise offer every activity again.
    field.widget.choices = [
        (activity.pk, field.label_from_instance(activity)) for activity in listed
    ]
    return ActivityOffer(
        shown=listed,
        total=activities.count(),
        query=query,
        found=sum(activity.is_match for activity in listed),
    )


class ActivityPickForm(forms.Form):
    """The activity chips on their own, as a search redraws them (impact:activity_choices)."""

    activities = activities_field()

    def __init__(self, *args, project, chosen=(), query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["activities"] = _ids(chosen)
        self.activity_offer = offer_activities(
            self.fields["activities"], project, chosen=chosen, query=query
        )
