"""What makes a cached project health (dashboard.health) stale: a write to what its rules
read. Each such write counts up a stamp in the cache (dashboard.cache.health_changed), so the
next page computes the health anew.

Concerns, memberships, phases, pulse answers and the project itself name their project;
agreements, check-ins, their reviews and continuation decisions do not without a query, and
are rare, so they renew every project's health. A client's visit (`Membership.last_seen_on`, a
bulk update) sends no signal: a client who comes back after weeks clears their reason the next
day (the key names the day)."""

from django.db.models import signals

from cocreation.models import (
    AgreementVersion,
    CheckIn,
    CommitmentReview,
    Concern,
    ContinuationDecision,
    PartyDecision,
    PulseInvitation,
)
from projects.models import Membership, Phase, Project

from .cache import health_changed

OF_PROJECT = {
    Concern: "project_id",
    Membership: "project_id",
    Phase: "project_id",
    Project: "pk",
    PulseInvitation: "project_id",
}
OF_EVERY_PROJECT = [
    AgreementVersion,
    CheckIn,
    CommitmentReview,
    ContinuationDecision,
    PartyDecision,
]


def _changed(project_id: int | None) -> None:
    # At the write, not on commit (services count their on-commit work): a page computed
    # before the commit keeps the old colour until the next write or the next day.
    health_changed(project_id)


def _project_changed(sender, instance, **kwargs):
    _changed(getattr(instance, OF_PROJECT[sender]))


def _any_changed(sender, instance, **kwargs):
    _changed(None)


def connect() -> None:
    """Listen to the writes the health reads (called once, at start)."""
    for model in OF_PROJECT:
        uid = f"dashboard.health_stamps.{model._meta.label}"
        signals.post_save.connect(_project_changed, sender=model, dispatch_uid=uid + ".save")
        signals.post_delete.connect(_project_changed, sender=model, dispatch_uid=uid + ".delete")
    for model in OF_EVERY_PROJECT:
        uid = f"dashboard.health_stamps.{model._meta.label}"
        signals.post_save.connect(_any_changed, sender=model, dispatch_uid=uid + ".save")
        signals.post_delete.connect(_any_changed, sender=model, dispatch_uid=uid + ".delete")
