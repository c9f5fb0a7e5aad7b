"""Continuation decisions: recording how the parties go on after a phase, and reminding the
designers when a phase ends without one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import send_after_commit, site_uri
from projects import audit
from projects.models import Phase

from ..continuation import phase_decisions_due, phases_to_remind
from ..models import ContinuationDecision, ContinuationReminder, PartyDecision
from .agreements import agreement_for, agreement_version_new_draft
from .recipients import designer_addresses


@transaction.atomic
def continuation_decision_record(
    *,
    actor,
    phase: Phase,
    outcome: str,
    reason: str,
    decided_on: datetime.date,
    parties: list[dict],
) -> ContinuationDecision:
    """Record how the parties go on after `phase`: `parties` holds, per party, `organisation`,
    `agreed` and `decided_by` (who spoke for it). Continuing or adjusting needs every party's
    agreement; adjusting starts a new draft of the agreement, pre-filled from the version in
    force (refused, and nothing stored, while another version is still open)."""
    # Locked first: two posts for the same phase queue up here instead of racing.
    phase = Phase.objects.select_for_update().select_related("project").get(pk=phase.pk)
    if ContinuationDecision.objects.filter(phase=phase).exists():
        raise ValidationError(
            _("Over het vervolg na deze fase is al besloten."), code="already_decided"
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarom.")}, code="no_reason")
    if not parties:
        raise ValidationError(_("Een besluit neemt u met de partijen samen."), code="no_parties")
    if outcome != ContinuationDecision.Outcome.STOP and not all(p["agreed"] for p in parties):
        raise ValidationError(
            _("Doorgaan of bijstellen vraagt de instemming van elke partij."),
            code="not_agreed",
        )
    decision = ContinuationDecision(
        phase=phase, outcome=outcome, reason=reason, decided_on=decided_on, recorded_by=actor
    )
    decision.full_clean(exclude=["phase", "new_version", "recorded_by"])
    if outcome == ContinuationDecision.Outcome.ADJUST:
        decision.new_version = agreement_version_new_draft(
            actor=actor, agreement=agreement_for(phase.project)
        )
    decision.save()
    PartyDecision.objects.bulk_create(
        PartyDecision(
            decision=decision,
            organisation=p["organisation"],
            agreed=p["agreed"],
            decided_by=p.get("decided_by", ""),
            order=order,
        )
        for order, p in enumerate(parties)
    )
    audit.record(
        actor=actor,
        project=phase.project,
        action="created",
        obj=decision,
        changes={
            "outcome": [None, outcome],
            "reason": [None, reason],
            "decided_on": [None, decided_on.isoformat()],
            "parties": [
                None,
                [
                    f"{p['organisation'].name}: {'ja' if p['agreed'] else 'nee'}"
                    + (f" ({p['decided_by']})" if p.get("decided_by") else "")
                    for p in parties
                ],
            ],
        },
    )
    return decision


def continuation_send_reminders(*, today: datetime.date | None = None) -> int:
    """Tell a project's designers, once per phase, that a phase ends within three weeks (or has
    ended) without a continuation decision; running this twice sends nothing new. Returns how
    many phases were reminded."""
    today = today or timezone.localdate()
    sent = 0
    due_by_project = {}
    for phase in phases_to_remind(today):
        project = phase.project
        if project.pk not in due_by_project:
            due_by_project[project.pk] = {
                p.pk: (state, days) for p, state, days in phase_decisions_due(project, today)
            }
        guard = due_by_project[project.pk].get(phase.pk)
        if guard is None:
            continue
        with transaction.atomic():
            _reminder, created = ContinuationReminder.objects.get_or_create(phase=phase)
            if not created:
                continue
            url = reverse(
                "cocreation:decision_create", kwargs={"slug": project.slug, "phase": phase.pk}
            )
            send_after_commit(
                "cocreation/email/decision_due",
                {
                    "project": project,
                    "phase": phase,
                    "overdue": guard[0] == "overdue",
                    "url": site_uri(url),
                },
                designer_addresses(project),
            )
            sent += 1
    return sent
