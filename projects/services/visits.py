"""When a client contact last opened a project's dashboard: written by the worker, at most once
per person, project and day, so a dashboard read many times a day costs it no query, and its
first read of the day does not wait for the write either."""

import datetime

from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ..models import Membership, Project

SAVE_TASK = "projects.save_dashboard_visit"
SEEN_TIMEOUT = 60 * 60 * 25  # a little over a day: the key names the day anyway


def _seen_key(user, project: Project, day: datetime.date) -> str:
    return f"projects:seen:{project.pk}:{user.pk}:{day.isoformat()}"


def seen_key(user, project: Project) -> str | None:
    """The key of the cached flag of `user`'s visit to `project` today, for a page that reads
    it with its own cache entries (`dashboard_visit_record(seen=...)`); None when their visits
    are not noted."""
    if not user.is_authenticated or user.is_designer_or_admin:
        return None
    return _seen_key(user, project, timezone.localdate())


def dashboard_visit_record(*, user, project: Project, seen: bool = False) -> None:
    """Note that `user` opened the dashboard of `project` today. The team's visits are not
    noted (the health rule is about clients); a partner's find no client membership. After
    the first visit of the day a cached flag answers (`seen`: the caller found it already,
    reading its own entries); the write itself is the worker's."""
    key = seen_key(user, project)
    if seen or key is None or not cache.add(key, True, SEEN_TIMEOUT):
        return
    today = timezone.localdate()
    user_id, project_id, day = user.pk, project.pk, today.isoformat()
    # By name: projects.tasks imports this module.
    task = current_app.tasks[SAVE_TASK]
    transaction.on_commit(lambda: task.delay(user_id, project_id, day))


def dashboard_visit_save(*, user_id: int, project_id: int, day: datetime.date) -> int:
    """Store `day` as the last day the client `user_id` opened `project_id`'s dashboard,
    unless a later day is stored; returns how many memberships changed (0 or 1)."""
    memberships = Membership.objects.filter(
        user_id=user_id, project_id=project_id, role=Membership.Role.CLIENT
    )
    later = memberships.filter(last_seen_on__gte=day)
    return memberships.exclude(pk__in=later.values("pk")).update(last_seen_on=day)
