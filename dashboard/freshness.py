"""What the dashboard caches is never older than the data: every write to something the
dashboard of a project shows bumps `Project.generation` in the same transaction, and the cache
keys carry the generation (dashboard/cache.py).

Why a counter column and not a number in the cache bumped on commit: the column commits or rolls
back with the write itself, so no crash between the two can leave a stale page behind; and it
comes with the project row every page reads anyway, so knowing it costs no query.

The receivers live here, at the top layer, so the apps below need not know that a dashboard
exists. Bulk updates (`QuerySet.update`, `bulk_create`) send no signals; the services that use
them also save a row of the same transaction that is listed here (tests/dashboard/
test_freshness.py runs every such service).
"""

from django.db import connection
from django.db.models import F, signals

from cocreation.models import (
    AgreementVersion,
    CheckIn,
    Commitment,
    CommitmentReview,
    Concern,
    ConcernReply,
    ConfirmationCopy,
    Consent,
    ContinuationDecision,
    Decline,
    OrderConfirmation,
    Party,
    PartyDecision,
    PulseInvitation,
)
from impact.models import (
    Contribution,
    ImpactEntry,
    ImpactPhoto,
    Initiative,
    OwnershipStep,
    SignificantChange,
    SubstantiationRequest,
)
from projects.models import Activity, ActivityPhoto, Organisation, Phase, Project, Theme, User
from trainings.models import (
    Attendance,
    Certificate,
    Evaluation,
    Participant,
    PracticeAssignment,
    Registration,
    Session,
)

from .models import ProgressReport

# Model -> (lookup from Project, attribute of the instance): the projects whose dashboard shows
# a row are those with `Project.objects.filter(**{lookup: getattr(row, attribute)})`.
SHOWN = {
    Project: ("pk", "pk"),
    Activity: ("pk", "project_id"),
    ActivityPhoto: ("activities", "activity_id"),
    Phase: ("pk", "project_id"),
    AgreementVersion: ("agreement", "agreement_id"),
    Party: ("agreement__versions", "version_id"),
    Commitment: ("agreement__versions__parties", "party_id"),
    Consent: ("agreement__versions", "version_id"),
    Decline: ("agreement__versions", "version_id"),
    CheckIn: ("agreement", "agreement_id"),
    ContinuationDecision: ("phases", "phase_id"),
    PartyDecision: ("phases__continuation_decision", "decision_id"),
    CommitmentReview: ("agreement__check_ins", "check_in_id"),
    Concern: ("pk", "project_id"),
    ConcernReply: ("concerns", "concern_id"),
    OrderConfirmation: ("pk", "project_id"),
    ConfirmationCopy: ("order_confirmations", "confirmation_id"),
    ProgressReport: ("pk", "project_id"),
    PulseInvitation: ("pk", "project_id"),
    ImpactEntry: ("pk", "project_id"),
    ImpactPhoto: ("impact_entries", "entry_id"),
    Contribution: ("impact_entries", "entry_id"),
    SignificantChange: ("impact_entries", "entry_id"),
    SubstantiationRequest: ("impact_entries", "entry_id"),
    Initiative: ("pk", "project_id"),
    OwnershipStep: ("initiatives", "initiative_id"),
    # A training's blocks on the project page and the client's dashboard.
    Session: ("pk", "project_id"),
    Attendance: ("sessions", "session_id"),
    Participant: ("pk", "project_id"),
    Registration: ("pk", "project_id"),
    PracticeAssignment: ("participants", "participant_id"),
    Evaluation: ("participants", "participant_id"),
    Certificate: ("participants", "participant_id"),
}
# Rows whose names many dashboards show (a client's name, a theme, who logged an activity):
# renaming one is rare, so it bumps every project. Saving only these fields changes nothing
# shown (a login stores last_login).
SHOWN_EVERYWHERE = {Organisation, Theme, User}
NOT_SHOWN = {"last_login", "password"}
# Many-to-many links shown on the dashboard or the project page: the through model and the
# side that is a row above.
LINKS = [
    (Project.themes.through, Project),  # the project page's facts
    (Activity.themes.through, Activity),
    (ImpactEntry.themes.through, ImpactEntry),
    (ImpactEntry.commitments.through, ImpactEntry),
]


# Most writes name their project: this UPDATE, written out once, is what a quick-log waits for
# (Django takes longer to build it than PostgreSQL takes to run it).
_BUMP_ONE = f"UPDATE {Project._meta.db_table} SET generation = generation + 1 WHERE id = %s"  # noqa: S608


def touch(lookup: str, value) -> None:
    """Bump the generation of the projects matching `lookup` (one UPDATE, in the transaction
    of the write that called it)."""
    if value is None:
        return
    if lookup == "pk":
        with connection.cursor() as cursor:
            cursor.execute(_BUMP_ONE, [value])
        return
    Project.objects.filter(**{lookup: value}).update(generation=F("generation") + 1)


def _row_changed(sender, instance, **kwargs):
    lookup, attribute = SHOWN[sender]
    touch(lookup, getattr(instance, attribute))


def _name_changed(sender, instance, update_fields=None, **kwargs):
    # Saved or deleted (a deleted theme leaves the charts, a deleted user's name the timeline).
    if update_fields and set(update_fields) <= NOT_SHOWN:
        return
    Project.objects.update(generation=F("generation") + 1)


def _link_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    owner = dict(LINKS)[sender]
    if not reverse:
        lookup, attribute = SHOWN[owner]
        touch(lookup, getattr(instance, attribute))
        return
    # From the other side (a theme's activities): every row named in pk_set.
    for pk in pk_set or []:
        touch({Project: "pk", Activity: "activities", ImpactEntry: "impact_entries"}[owner], pk)


def connect() -> None:
    """Listen to every write that changes what a dashboard shows (called once, at start)."""
    for model in SHOWN:
        uid = f"dashboard.freshness.{model._meta.label}"
        signals.post_save.connect(_row_changed, sender=model, dispatch_uid=uid + ".save")
        signals.post_delete.connect(_row_changed, sender=model, dispatch_uid=uid + ".delete")
    for model in SHOWN_EVERYWHERE:
        uid = f"dashboard.freshness.{model._meta.label}"
        signals.post_save.connect(_name_changed, sender=model, dispatch_uid=uid + ".save")
        signals.post_delete.connect(_name_changed, sender=model, dispatch_uid=uid + ".delete")
    for through, _owner in LINKS:
        signals.m2m_changed.connect(
            _link_changed, sender=through, dispatch_uid=f"dashboard.freshness.{through._meta.label}"
        )
