"""The demo's participation ladder (issue 16): who initiated and led each demo activity and the
rung residents reached, drawn from the activity's date so that, over the demo year, residents
lead more and reach higher rungs — the ownership curve rises. Called from demo.seed_demo."""

import random
from datetime import date

from .models import Activity, Lead, ParticipationLevel, Project

LEVELS = list(ParticipationLevel)
# Early on, who else than the designers leads: the partner more often than the client.
OTHERS = [Lead.DESIGNERS] * 6 + [Lead.PARTNER] * 3 + [Lead.CLIENT]


def fill_ladder(project: Project, today: date) -> int:
    """Fill the ladder of `project`'s activities, once: a project where any activity already
    has one (a second seed_demo, or a designer's own entry) is left alone. Returns how many
    activities were filled."""
    activities = list(project.activities.order_by("date", "id"))
    ladder = ["level_planned", "level_reached", "initiated_by", "led_by"]
    if not activities or any(getattr(a, name) for a in activities for name in ladder):
        return 0
    first = activities[0].date
    span = max((today - first).days, 1)
    for activity in activities:
        _fill(activity, min(max((activity.date - first).days / span, 0.0), 1.0))
    Activity.objects.bulk_update(activities, ladder, batch_size=1000)
    return len(activities)


def _fill(activity: Activity, progress: float) -> None:
    """The ladder of one activity, `progress` (0 to 1) through the year; the same activity
    (its date and title) always draws the same values."""
    rng = random.Random(f"{activity.date.isoformat()}:{activity.title}")  # noqa: S311 - demo
    if rng.random() < 0.1:
        return  # the optional tap, not always tapped
    resident = 0.1 + 0.65 * progress
    activity.led_by = Lead.RESIDENTS if rng.random() < resident else rng.choice(OTHERS)
    rung = 1 + 3.2 * progress + rng.uniform(-1.0, 1.0)
    if activity.led_by == Lead.RESIDENTS:
        rung += 0.8
    reached = min(max(round(rung), 1), len(LEVELS))
    activity.level_reached = LEVELS[reached - 1]
    if rng.random() < 0.7:
        planned = min(reached + rng.choice((0, 0, 1)), len(LEVELS))
        activity.level_planned = LEVELS[planned - 1]
        initiator = resident * 0.8
        activity.initiated_by = Lead.RESIDENTS if rng.random() < initiator else rng.choice(OTHERS)
