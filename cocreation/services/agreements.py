"""Drafting and proposing versions of an agreement: its text, parties and commitments."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import check_unchanged
from core.emails import AbsoluteUri, send_after_commit, site_uri
from projects import audit
from projects.models import Organisation, Project

from .. import selectors
from ..models import (
    Agreement,
    AgreementVersion,
    Commitment,
    Party,
)
from .first_draft import first_draft_content
from .recipients import external_contacts


def locked_version(version: AgreementVersion) -> AgreementVersion:
    """`version` again, locked until the transaction ends."""
    return (
        AgreementVersion.objects.select_for_update()
        .select_related("agreement__project")
        .get(pk=version.pk)
    )


def require_draft(version: AgreementVersion) -> None:
    """Refuse to change a version that is no longer a draft."""
    if not version.is_draft:
        raise ValidationError(
            _("Deze versie is al voorgesteld en kan niet meer veranderen. Maak een nieuwe versie."),
            code="locked",
        )


def agreement_for(project: Project) -> Agreement:
    """The project's agreement, created on first use."""
    agreement, _created = Agreement.objects.get_or_create(project=project)
    return agreement


@transaction.atomic
def agreement_version_new_draft(
    *, actor, agreement: Agreement, from_version: AgreementVersion | None = None
) -> AgreementVersion:
    """Start a new draft version, pre-filled from `from_version` (default: the active version),
    parties and commitments included; the first one from the project and its service variant
    (see `first_draft_content`). Only one version can be open at a time."""
    agreement = Agreement.objects.select_for_update().select_related("project").get(pk=agreement.pk)
    open_version = agreement.versions.filter(
        status__in=[AgreementVersion.Status.DRAFT, AgreementVersion.Status.PROPOSED]
    ).first()
    if open_version is not None:
        raise ValidationError(
            _("Versie %(number)s is nog in de maak. Werk die eerst af.")
            % {"number": open_version.number},
            code="open_version",
        )
    if from_version is None:
        from_version = selectors.active_version(agreement.project)
    last = agreement.versions.order_by("-number").values_list("number", flat=True).first()
    version = AgreementVersion(agreement=agreement, number=(last or 0) + 1, created_by=actor)
    if from_version is not None:
        for name in AgreementVersion.CONTENT_FIELDS:
            setattr(version, name, getattr(from_version, name))
        version.based_on = from_version
        version.save()
        for party in from_version.parties.prefetch_related("commitments"):
            copy = Party.objects.create(
                version=version,
                organisation_id=party.organisation_id,
                representative_id=party.representative_id,
                role=party.role,
                order=party.order,
            )
            Commitment.objects.bulk_create(
                Commitment(party=copy, kind=c.kind, description=c.description, order=c.order)
                for c in party.commitments.all()
            )
    else:
        fields, parties = first_draft_content(agreement.project)
        for name, value in fields.items():
            setattr(version, name, value)
        version.save()
        for order, draft_party in enumerate(parties):
            party = Party.objects.create(
                version=version,
                organisation=draft_party.organisation,
                representative=draft_party.representative,
                role=draft_party.role,
                order=order,
            )
            Commitment.objects.bulk_create(
                Commitment(party=party, kind=kind, description=description, order=i)
                for i, (kind, description) in enumerate(draft_party.commitments)
            )
    audit.record(
        actor=actor,
        project=agreement.project,
        action="created",
        obj=version,
        changes={"status": [None, version.status]},
    )
    return version


@transaction.atomic
def agreement_version_update(
    *,
    actor,
    version: AgreementVersion,
    unchanged_since: datetime.datetime | None = None,
    **fields,
) -> AgreementVersion:
    """Change the text of a draft version and record what changed. With `unchanged_since`,
    refuse (EditConflict) when someone saved it after that moment."""
    version = locked_version(version)
    require_draft(version)
    check_unchanged(version, unchanged_since, last_editor=audit.last_editor)
    content = AgreementVersion.CONTENT_FIELDS
    before = audit.snapshot(version, content)
    for name, value in fields.items():
        if name in content:
            setattr(version, name, value)
    version.save()
    changes = audit.changes_between(before, audit.snapshot(version, content))
    if changes:
        audit.record(
            actor=actor,
            project=version.agreement.project,
            action="updated",
            obj=version,
            changes=changes,
        )
    return version


@transaction.atomic
def party_add(
    *, actor, version: AgreementVersion, organisation: Organisation, role: str, representative=None
) -> Party:
    """Add a party to a draft version."""
    version = locked_version(version)
    require_draft(version)
    if version.parties.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("Deze organisatie is al een partij in deze afspraak.")},
            code="duplicate_party",
        )
    last = version.parties.order_by("-order").values_list("order", flat=True).first()
    return Party.objects.create(
        version=version,
        organisation=organisation,
        representative=representative,
        role=role,
        order=(last or 0) + 1,
    )


@transaction.atomic
def party_remove(*, actor, party: Party) -> None:
    """Remove a party, with its commitments, from a draft version."""
    require_draft(locked_version(party.version))
    party.commitments.all().delete()
    party.delete()


@transaction.atomic
def commitment_add(*, actor, party: Party, kind: str, description: str) -> Commitment:
    """Add what a party contributes to a draft version."""
    require_draft(locked_version(party.version))
    last = party.commitments.order_by("-order").values_list("order", flat=True).first()
    return Commitment.objects.create(
        party=party, kind=kind, description=description, order=(last or 0) + 1
    )


@transaction.atomic
def commitment_remove(*, actor, commitment: Commitment) -> None:
    """Remove a commitment from a draft version."""
    require_draft(locked_version(commitment.party.version))
    commitment.delete()


@transaction.atomic
def agreement_draft_save(
    *,
    actor,
    version: AgreementVersion,
    unchanged_since: datetime.datetime | None = None,
    text: dict,
    new_party: dict | None = None,
    new_commitment: dict | None = None,
    removed_party: Party | None = None,
    removed_commitment: Commitment | None = None,
) -> AgreementVersion:
    """Save everything the draft editor holds at once: its text, and a party or commitment
    added or removed. One transaction and one check for a save in between (the version's
    `updated_at`, which every save here stamps), so no button of the editor drops what was
    typed elsewhere on the page, and a change by someone else is never overwritten unseen."""
    version = agreement_version_update(
        actor=actor, version=version, unchanged_since=unchanged_since, **text
    )
    if new_party:
        party_add(actor=actor, version=version, **new_party)
    if new_commitment:
        commitment_add(actor=actor, **new_commitment)
    if removed_commitment is not None:
        commitment_remove(actor=actor, commitment=removed_commitment)
    if removed_party is not None:
        party_remove(actor=actor, party=removed_party)
    return version


def _check_complete(version: AgreementVersion) -> None:
    errors = []
    if not version.ambition.strip():
        errors.append(_("Beschrijf de gedeelde ambitie."))
    if not version.approach.strip():
        errors.append(_("Beschrijf de aanpak: het hele traject met zijn fasen."))
    parties = list(version.parties.prefetch_related("commitments"))
    if len(parties) < 2:
        errors.append(_("Co-creatie vraagt minstens twee partijen."))
    for party in parties:
        if not party.commitments.all():
            errors.append(
                _("Leg vast wat %(party)s inbrengt.") % {"party": party.organisation.name}
            )
    if errors:
        raise ValidationError(errors, code="incomplete")


@transaction.atomic
def agreement_version_propose(
    *, actor, version: AgreementVersion, absolute_uri: AbsoluteUri = site_uri
) -> AgreementVersion:
    """Propose a draft to every party: its content is fixed from now on, and the client and
    partner contacts get an e-mail with a link to agree."""
    version = locked_version(version)
    require_draft(version)
    _check_complete(version)
    version.content_hash = version.compute_hash()
    version.status = AgreementVersion.Status.PROPOSED
    version.proposed_at = timezone.now()
    version.save()
    project = version.agreement.project
    audit.record(
        actor=actor,
        project=project,
        action="updated",
        obj=version,
        changes={"status": ["draft", "proposed"]},
    )
    representatives = version.parties.filter(representative__isnull=False).values_list(
        "representative__email", flat=True
    )
    send_after_commit(
        "cocreation/email/proposed",
        {"project": project, "version": version, "url": absolute_uri(version.get_absolute_url())},
        [*external_contacts(project), *representatives],
    )
    return version
