"""Logging, editing and deleting Buurtexpeditie activities, each with its audit entry."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.concurrency import check_unchanged
from core.photos import delete_files_on_commit, store_photos

from .. import audit
from ..models import Activity, ActivityPhoto, Project

AUDITED_FIELDS = [
    "date",
    "hours",
    "kind",
    "title",
    "notes",
    "location",
    "residents_reached",
    "new_contacts",
    "partners_present",
    "phase",
    "themes",
    "level_planned",
    "level_reached",
    "initiated_by",
    "led_by",
]


def _snapshot(activity: Activity) -> dict:
    data = audit.snapshot(activity, AUDITED_FIELDS)
    # Read fresh: a prefetched list would miss the photos added in this transaction.
    data["photos"] = sorted(
        str(pk)
        for pk in ActivityPhoto.objects.filter(activity=activity).values_list("pk", flat=True)
    )
    return data


def _check_phase(activity: Activity) -> None:
    # The form offers only this project's phases; this holds for every other caller too.
    if activity.phase_id is not None and activity.phase.project_id != activity.project_id:
        raise ValidationError({"phase": _("Kies een fase van dit project.")}, code="phase")


def activity_create(
    *, actor, project: Project, themes: Iterable = (), photos: Iterable = (), **fields
) -> Activity:
    """Log an activity in `project` with its themes and photos (stored without EXIF)."""
    activity = Activity(project=project, logged_by=actor, **fields)
    theme_ids = sorted({getattr(theme, "pk", theme) for theme in themes})
    _check_phase(activity)  # before the transaction: a refusal leaves the caller's untouched
    photos = list(photos)
    # A savepoint (two statements more) only when a photo could still be refused: the caller's
    # transaction (a form sent once, core/once.py) must then stay usable to show the error.
    # Without photos nothing below is refused, and an error undoes the caller's transaction.
    with transaction.atomic(savepoint=bool(photos)):
        activity.save()
        # The links in one INSERT, without signals: the save above already told the dashboard
        # (dashboard/freshness.py) in this transaction.
        Activity.themes.through.objects.bulk_create(
            Activity.themes.through(activity=activity, theme_id=pk) for pk in theme_ids
        )
        stored = store_photos(ActivityPhoto, photos, activity=activity)
        # Everything the entry records is known here: no query to read it back.
        after = audit.snapshot(activity, [name for name in AUDITED_FIELDS if name != "themes"])
        after["themes"] = sorted(str(pk) for pk in theme_ids)
        after["photos"] = sorted(str(photo.pk) for photo in stored)
        audit.record(
            actor=actor,
            project=project,
            action="created",
            obj=activity,
            changes=audit.changes_between({}, after),
        )
    return activity


@transaction.atomic
def activity_update(
    *,
    actor,
    activity: Activity,
    themes: Iterable | None = None,
    photos: Iterable = (),
    remove_photos: Iterable[ActivityPhoto] = (),
    unchanged_since: datetime.datetime | None = None,
    **fields,
) -> Activity:
    """Change an activity, add and remove photos, and record what changed. The project stays.
    With `unchanged_since`, refuse (EditConflict) when someone saved it after that moment."""
    fields.pop("project", None)
    # Compare with the row as stored: a ModelForm has already written its data onto `activity`.
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    check_unchanged(activity, unchanged_since, last_editor=audit.last_editor)
    before = _snapshot(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    _check_phase(activity)
    activity.save()
    if themes is not None:
        activity.themes.set(themes)
    removed = activity.photos.filter(pk__in=[photo.pk for photo in remove_photos])
    delete_files_on_commit(ActivityPhoto, [photo.image.name for photo in removed])
    removed.delete()
    store_photos(ActivityPhoto, photos, activity=activity)
    changes = audit.changes_between(before, _snapshot(activity))
    if changes:
        audit.record(
            actor=actor, project=activity.project, action="updated", obj=activity, changes=changes
        )
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    """Delete an activity and its photos; the audit entry keeps what it was."""
    before = _snapshot(activity)
    audit.record(
        actor=actor,
        project=activity.project,
        action="deleted",
        obj=activity,
        changes=audit.changes_between(before, dict.fromkeys(before)),
    )
    delete_files_on_commit(ActivityPhoto, [photo.image.name for photo in activity.photos.all()])
    activity.delete()
