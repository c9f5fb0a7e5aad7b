"""When a client contact last opened a project's dashboard: one write per person, project and
day at most, so a dashboard read many times a day costs no query for it."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from ..models import Membership, Project

SEEN_TIMEOUT = 60 * 60 * 25  # a little over a day: the key names the day anyway


def _seen_key(user, project: Project, day: datetime.date) -> str:
    return f"projects:seen:{project.pk}:{user.pk}:{day.isoformat()}"


def dashboard_visit_record(*, user, project: Project) -> None:
    """Note that `user` opened the dashboard of `project` today, when they are its client
    contact. The team's visits are not recorded (the health rule is about clients); after the
    first visit of the day a cached flag answers, without a query."""
    if not user.is_authenticated or user.is_designer_or_admin:
        return
    today = timezone.localdate()
    key = _seen_key(user, project, today)
    if cache.get(key):
        return
    (
        Membership.objects.filter(user=user, project=project, role=Membership.Role.CLIENT)
        .exclude(last_seen_on=today)
        .update(last_seen_on=today)
    )
    cache.set(key, True, SEEN_TIMEOUT)
