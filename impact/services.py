"""State-changing actions on impact: entries, consent, significant changes, initiatives.

Each runs in one transaction and writes its audit entry (projects.audit).
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreation.selectors import commitments_of_project
from core.concurrency import check_unchanged
from core.photos import delete_files_on_commit, store_photos
from projects import audit
from projects.models import Activity, Project

from .models import (
    Contribution,
    ImpactEntry,
    ImpactPhoto,
    Initiative,
    OwnershipStep,
    SignificantChange,
    Visibility,
)

AUDITED_FIELDS = [
    "kind",
    "title",
    "description",
    "for_whom",
    "occurred_on",
    "location",
    "significance",
    "contribution_note",
    "substantiated_by",
    "substantiated",
    "themes",
    "visibility",
    "involves_resident",
    "consent_method",
    "consent_date",
    "consent_scope",
]
# Kept out of a client's reach and changed only by consent_withdraw.
PROTECTED_FIELDS = {"project", "consent_withdrawn_at", "consent_withdrawal_note", "recorded_by"}


def _snapshot(entry: ImpactEntry) -> dict:
    data = audit.snapshot(entry, AUDITED_FIELDS)
    data["activities"] = sorted(
        str(pk)
        for pk in Contribution.objects.filter(entry=entry).values_list("activity_id", flat=True)
    )
    data["commitments"] = sorted(str(pk) for pk in entry.commitments.values_list("pk", flat=True))
    data["photos"] = sorted(
        str(pk) for pk in ImpactPhoto.objects.filter(entry=entry).values_list("pk", flat=True)
    )
    return data


def _check_activities(project: Project, activities: Iterable[Activity]) -> list[Activity]:
    activities = list(activities)
    if any(activity.project_id != project.pk for activity in activities):
        raise ValidationError(
            {"activities": _("Kies alleen activiteiten van dit project.")}, code="activity"
        )
    return activities


def _check_commitments(project: Project, commitments: Iterable) -> list:
    """`commitments` as a list, refused when one of them is not of `project`'s agreement."""
    commitments = list(commitments)
    pks = {commitment.pk for commitment in commitments}
    own = commitments_of_project(project).filter(pk__in=pks)
    if pks and own.count() != len(pks):
        raise ValidationError(
            {"commitments": _("Kies alleen inzet uit de afspraak van dit project.")},
            code="commitment",
        )
    return commitments


def _set_activities(entry: ImpactEntry, activities: list[Activity]) -> None:
    wanted = {activity.pk for activity in activities}
    entry.contributions.exclude(activity_id__in=wanted).delete()
    present = set(entry.contributions.values_list("activity_id", flat=True))
    Contribution.objects.bulk_create(
        Contribution(entry=entry, activity_id=pk) for pk in sorted(wanted - present)
    )


@transaction.atomic
def entry_create(
    *,
    actor,
    project: Project,
    activities: Iterable[Activity] = (),
    commitments: Iterable = (),
    themes: Iterable = (),
    photos: Iterable = (),
    **fields,
) -> ImpactEntry:
    """Record an impact entry in `project`, linked to the activities and the co-creation
    commitments that contributed."""
    for name in PROTECTED_FIELDS & fields.keys():
        fields.pop(name)
    activities = _check_activities(project, activities)
    commitments = _check_commitments(project, commitments)
    entry = ImpactEntry(project=project, recorded_by=actor, **fields)
    entry.full_clean()
    entry.save()
    entry.themes.set(themes)
    entry.commitments.set(commitments)
    _set_activities(entry, activities)
    store_photos(ImpactPhoto, photos, entry=entry)
    audit.record(
        actor=actor,
        project=project,
        action="created",
        obj=entry,
        changes=audit.changes_between({}, _snapshot(entry)),
    )
    return entry


@transaction.atomic
def entry_update(
    *,
    actor,
    entry: ImpactEntry,
    activities: Iterable[Activity] | None = None,
    commitments: Iterable | None = None,
    themes: Iterable | None = None,
    photos: Iterable = (),
    remove_photos: Iterable[ImpactPhoto] = (),
    unchanged_since: datetime.datetime | None = None,
    **fields,
) -> ImpactEntry:
    """Change an entry and record what changed. Project and withdrawn consent stay as they are.
    With `unchanged_since`, refuse (EditConflict) when someone saved it after that moment."""
    # Read the stored row: the caller's object may already carry the new values (a ModelForm).
    entry = ImpactEntry.objects.select_for_update().get(pk=entry.pk)
    check_unchanged(entry, unchanged_since, last_editor=audit.last_editor)
    before = _snapshot(entry)
    for name, value in fields.items():
        if name not in PROTECTED_FIELDS:
            setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    if themes is not None:
        entry.themes.set(themes)
    if activities is not None:
        _set_activities(entry, _check_activities(entry.project, activities))
    if commitments is not None:
        entry.commitments.set(_check_commitments(entry.project, commitments))
    removed = entry.photos.filter(pk__in=[photo.pk for photo in remove_photos])
    delete_files_on_commit(ImpactPhoto, [photo.image.name for photo in removed])
    removed.delete()
    store_photos(ImpactPhoto, photos, entry=entry)
    changes = audit.changes_between(before, _snapshot(entry))
    if changes:
        audit.record(
            actor=actor, project=entry.project, action="updated", obj=entry, changes=changes
        )
    return entry


@transaction.atomic
def consent_withdraw(*, actor, entry: ImpactEntry, note: str = "") -> ImpactEntry:
    """Record that the resident withdrew consent: from now on no client sees the entry's words
    or images (the selectors hide it), it stays internal, and the audit trail keeps who and why."""
    entry = ImpactEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.involves_resident or not entry.consent_method:
        raise ValidationError(_("Voor dit item is geen toestemming van een bewoner vastgelegd."))
    if entry.consent_withdrawn:
        raise ValidationError(_("De toestemming is al ingetrokken."))
    before = {"visibility": entry.visibility, "consent_withdrawn_at": None}
    entry.consent_withdrawn_at = timezone.now()
    entry.consent_withdrawal_note = note.strip()
    entry.visibility = Visibility.INTERNAL
    entry.save(
        update_fields=[
            "consent_withdrawn_at",
            "consent_withdrawal_note",
            "visibility",
            "updated_at",
        ]
    )
    after = {
        "visibility": entry.visibility,
        "consent_withdrawn_at": entry.consent_withdrawn_at.isoformat(),
    }
    changes = audit.changes_between(before, after)
    changes["consent_withdrawal_note"] = ["", entry.consent_withdrawal_note]
    audit.record(actor=actor, project=entry.project, action="updated", obj=entry, changes=changes)
    return entry


@transaction.atomic
def significance_mark(
    *,
    actor,
    entry: ImpactEntry,
    period_start: datetime.date,
    period_end: datetime.date,
    reason: str,
) -> SignificantChange:
    """Mark `entry` as a most significant change for the period, with the team's reason."""
    selection = SignificantChange(
        entry=entry,
        period_start=period_start,
        period_end=period_end,
        reason=reason,
        selected_by=actor,
    )
    selection.full_clean(exclude=["entry"])
    if SignificantChange.objects.filter(
        entry=entry, period_start=period_start, period_end=period_end
    ).exists():
        raise ValidationError(_("Dit item is voor deze periode al gekozen."), code="duplicate")
    selection.save()
    audit.record(
        actor=actor,
        project=entry.project,
        action="created",
        obj=selection,
        changes={
            "period": [None, f"{period_start.isoformat()}/{period_end.isoformat()}"],
            "reason": [None, reason],
        },
    )
    return selection


@transaction.atomic
def initiative_create(
    *, actor, project: Project, level: int, remark: str = "", **fields
) -> Initiative:
    """Record a resident initiative with its ownership level at the start."""
    initiative = Initiative(project=project, created_by=actor, **fields)
    initiative.full_clean()
    initiative.save()
    step = OwnershipStep(
        initiative=initiative,
        level=level,
        date=initiative.started_on,
        remark=remark,
        recorded_by=actor,
    )
    step.full_clean()
    step.save()
    audit.record(
        actor=actor,
        project=project,
        action="created",
        obj=initiative,
        changes=audit.changes_between(
            {}, {**audit.snapshot(initiative, ["title", "visibility"]), "level": level}
        ),
    )
    return initiative


@transaction.atomic
def ownership_record(
    *, actor, initiative: Initiative, level: int, date: datetime.date, remark: str = ""
) -> OwnershipStep:
    """Record who leads the initiative from `date` on, with a remark."""
    step = OwnershipStep(
        initiative=initiative, level=level, date=date, remark=remark, recorded_by=actor
    )
    step.full_clean()
    step.save()
    audit.record(
        actor=actor,
        project=initiative.project,
        action="updated",
        obj=initiative,
        changes={"level": [None, level], "date": [None, date.isoformat()]},
    )
    return step
