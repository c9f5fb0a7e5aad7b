"""Demo hours for `seed_demo` (issue 16 §4, effort not output): the designers' hours on the
demo activities, so that the Vlinderbuurt has used just over 80 % of the hours of its order
confirmation (the team sees the warning) and the Parkkwartier a little over half.

Noted through the activity service, as a designer would after the fact. Running it twice
changes nothing: a project with any hours noted is left alone.
"""

from decimal import ROUND_HALF_UP, Decimal

from projects.models import Activity, Project
from projects.models.activities import MAX_ACTIVITY_HOURS
from projects.services.activities import activity_update

from .demo_follow_up import PARKKWARTIER, VLINDERBUURT
from .selectors import current_confirmation

# The share of the confirmation's hours each project has used, in %.
USED = {VLINDERBUURT: 81, PARKKWARTIER: 55}
# How long an activity of each kind takes, relative to the others (preparation included).
WEIGHT = {
    Activity.Kind.STREET_CONVERSATION: Decimal(2),
    Activity.Kind.MEETING: Decimal(3),
    Activity.Kind.WORKSHOP: Decimal(4),
    Activity.Kind.INTERVENTION: Decimal(4),
    Activity.Kind.TRAINING: Decimal(3),
    Activity.Kind.COACHING: Decimal("1.5"),
}
HALF = Decimal("0.5")
MAX_HOURS = MAX_ACTIVITY_HOURS


def _half_hours(value: Decimal) -> Decimal:
    return max(HALF, (value * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2)


def spread_hours(weights: list[Decimal], total: Decimal) -> list[Decimal]:
    """Half hours in proportion to `weights` adding up to exactly `total` (a whole number of
    half hours, at least half an hour each)."""
    # Half an hour each is the least an activity gets: never aim below that (nor above a day).
    total = min(max(total, HALF * len(weights)), MAX_HOURS * len(weights))
    scale = total / sum(weights)
    hours = [min(_half_hours(weight * scale), MAX_HOURS) for weight in weights]
    step = HALF if sum(hours) < total else -HALF
    i = 0
    while sum(hours) != total:
        if HALF <= hours[i % len(hours)] + step <= MAX_HOURS:
            hours[i % len(hours)] += step
        i += 1
    return hours


def seed_hours() -> None:
    """Note the hours of each demo project's activities, once."""
    for slug, percent in USED.items():
        project = Project.objects.filter(slug=slug).first()
        confirmation = project and current_confirmation(project)
        if confirmation is None or project.activities.filter(hours__isnull=False).exists():
            continue
        activities = list(project.activities.select_related("logged_by").order_by("date", "id"))
        if not activities:
            continue
        total = Decimal(confirmation.hours * percent) / 100
        total = (total * 2).quantize(Decimal(1)) / 2
        weights = [WEIGHT.get(activity.kind, Decimal(2)) for activity in activities]
        for activity, hours in zip(activities, spread_hours(weights, total), strict=True):
            activity_update(actor=activity.logged_by, activity=activity, hours=hours)
