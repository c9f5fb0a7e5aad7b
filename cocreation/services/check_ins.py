"""Check-ins: recording how every party's commitments went, and the reminders before one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import send_after_commit, site_uri
from projects import audit

from .. import selectors
from ..models import (
    Agreement,
    AgreementVersion,
    CheckIn,
    Commitment,
    CommitmentReview,
)
from .agreements import agreement_version_new_draft
from .recipients import designer_addresses, external_contacts

REMINDER_DAYS_BEFORE = 3


@transaction.atomic
def check_in_record(
    *,
    actor,
    agreement: Agreement,
    date: datetime.date,
    attendees: str,
    notes: str = "",
    adjustments: str = "",
    reviews: dict[int, tuple[str, str]] | None = None,
    start_new_version: bool = False,
) -> CheckIn:
    """Record a check-in on the active version: how each commitment went, and what changes.
    `reviews` maps a commitment id to (status, remark). With `start_new_version` a new draft
    starts from the active version (as `check_in.new_version`); when that is refused, nothing
    is stored at all, so the form can be sent again."""
    # Locked first: two posts of the same form queue up here instead of racing.
    agreement = Agreement.objects.select_for_update().select_related("project").get(pk=agreement.pk)
    version = selectors.active_version(agreement.project)
    if version is None:
        raise ValidationError(
            _("Er is nog geen afspraak waar alle partijen mee instemden."), code="no_agreement"
        )
    check_in = CheckIn.objects.create(
        agreement=agreement,
        version=version,
        date=date,
        attendees=attendees,
        notes=notes,
        adjustments=adjustments,
        recorded_by=actor,
    )
    own = set(Commitment.objects.filter(party__version=version).values_list("pk", flat=True))
    CommitmentReview.objects.bulk_create(
        CommitmentReview(check_in=check_in, commitment_id=pk, status=status, remark=remark)
        for pk, (status, remark) in (reviews or {}).items()
        if pk in own and status
    )
    audit.record(actor=actor, project=agreement.project, action="created", obj=check_in)
    check_in.new_version = None
    if start_new_version:
        check_in.new_version = agreement_version_new_draft(
            actor=actor, agreement=agreement, from_version=version
        )
    return check_in


def check_in_send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the team and the contacts of each check-in due within a few days; once per
    check-in date, so running this twice sends nothing new. Returns how many were reminded."""
    today = today or timezone.localdate()
    sent = 0
    agreements = Agreement.objects.filter(versions__status=AgreementVersion.Status.AGREED)
    for agreement in agreements.select_related("project"):
        due = selectors.next_check_in(agreement.project)
        if due is None or not today <= due <= today + datetime.timedelta(REMINDER_DAYS_BEFORE):
            continue
        with transaction.atomic():
            locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
            if locked.reminded_for == due:
                continue
            locked.reminded_for = due
            locked.save(update_fields=["reminded_for"])
            project = agreement.project
            send_after_commit(
                "cocreation/email/check_in_reminder",
                {"project": project, "date": due, "url": site_uri(agreement.get_absolute_url())},
                [*designer_addresses(project), *external_contacts(project)],
            )
            sent += 1
    return sent
