"""Every party's answer to a proposed version: consent (the version becomes active once all
agreed) or a decline with the reason (it goes back to draft)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import AbsoluteUri, send_after_commit, site_uri
from projects import audit

from ..models import (
    AgreementVersion,
    Consent,
    Decline,
    Party,
)
from .agreements import locked_version
from .recipients import designer_addresses, external_contacts


def _check_may_answer(actor, version: AgreementVersion, party: Party, content_hash: str) -> None:
    if party.version_id != version.pk or not actor.has_perm("cocreation.consent", party):
        raise ValidationError(_("U kunt niet namens deze partij reageren."), code="not_your_party")
    if version.status != AgreementVersion.Status.PROPOSED or content_hash != version.content_hash:
        raise ValidationError(
            _(
                "Deze versie is inmiddels veranderd of niet meer voorgesteld. Bekijk de "
                "actuele versie en reageer opnieuw."
            ),
            code="stale",
        )


@transaction.atomic
def consent_to(
    *,
    actor,
    version: AgreementVersion,
    party: Party,
    content_hash: str,
    absolute_uri: AbsoluteUri = site_uri,
) -> Consent:
    """Record that `actor` agrees, for `party`, to exactly the content with `content_hash`.
    When every party has agreed, the version becomes the active agreement."""
    version = locked_version(version)
    _check_may_answer(actor, version, party, content_hash)
    consent, created = Consent.objects.get_or_create(
        version=version,
        party=party,
        content_hash=content_hash,
        defaults={"user": actor},
    )
    project = version.agreement.project
    if created:
        audit.record(
            actor=actor,
            project=project,
            action="created",
            obj=consent,
            changes={"party": [None, str(party)], "content_hash": [None, content_hash]},
        )
    agreed = set(
        version.consents.filter(content_hash=version.content_hash).values_list(
            "party_id", flat=True
        )
    )
    if agreed >= set(version.parties.values_list("pk", flat=True)):
        _activate(actor=actor, version=version, absolute_uri=absolute_uri)
    return consent


def _activate(*, actor, version: AgreementVersion, absolute_uri: AbsoluteUri) -> None:
    project = version.agreement.project
    previous = version.agreement.versions.filter(status=AgreementVersion.Status.AGREED)
    for old in previous:
        old.status = AgreementVersion.Status.SUPERSEDED
        old.save()
        audit.record(
            actor=actor,
            project=project,
            action="updated",
            obj=old,
            changes={"status": ["agreed", "superseded"]},
        )
    version.status = AgreementVersion.Status.AGREED
    version.agreed_at = timezone.now()
    version.save()
    audit.record(
        actor=actor,
        project=project,
        action="updated",
        obj=version,
        changes={"status": ["proposed", "agreed"]},
    )
    send_after_commit(
        "cocreation/email/agreed",
        {"project": project, "version": version, "url": absolute_uri(version.get_absolute_url())},
        [*external_contacts(project), *designer_addresses(project)],
    )


@transaction.atomic
def consent_decline(
    *,
    actor,
    version: AgreementVersion,
    party: Party,
    reason: str,
    content_hash: str | None = None,
    absolute_uri: AbsoluteUri = site_uri,
) -> Decline:
    """Record that `party` does not agree, and why; the version goes back to draft."""
    version = locked_version(version)
    _check_may_answer(actor, version, party, content_hash or version.content_hash)
    if not reason.strip():
        raise ValidationError({"reason": _("Laat weten waarom u niet instemt.")}, code="reason")
    decline = Decline.objects.create(
        version=version, party=party, user=actor, reason=reason, content_hash=version.content_hash
    )
    version.status = AgreementVersion.Status.DRAFT
    version.save()
    project = version.agreement.project
    audit.record(
        actor=actor,
        project=project,
        action="updated",
        obj=version,
        changes={"status": ["proposed", "draft"], "reason": [None, reason]},
    )
    send_after_commit(
        "cocreation/email/declined",
        {
            "project": project,
            "version": version,
            "decline": decline,
            "url": absolute_uri(version.get_absolute_url()),
        },
        designer_addresses(project),
    )
    return decline
