"""Writes of the co-creation app: drafting, proposing and agreeing to versions, check-ins and
concerns. Each runs in one transaction; e-mails leave after it commits."""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import documents
from core.emails import AbsoluteUri, send_after_commit, site_uri
from projects import audit
from projects.models import Membership, Organisation, Project, User

from . import selectors
from .models import (
    Agreement,
    AgreementVersion,
    CheckIn,
    Commitment,
    CommitmentReview,
    Concern,
    ConcernReply,
    ConfirmationCounter,
    Consent,
    Decline,
    OrderConfirmation,
    Party,
)

logger = logging.getLogger(__name__)

REMINDER_DAYS_BEFORE = 3


def _external_contacts(project: Project) -> list[str]:
    return list(
        User.objects.filter(
            memberships__project=project,
            memberships__role__in=[Membership.Role.CLIENT, Membership.Role.PARTNER],
            is_active=True,
        ).values_list("email", flat=True)
    )


def _designer_addresses(project: Project) -> list[str]:
    team = User.objects.filter(
        memberships__project=project, memberships__role=Membership.Role.DESIGNER, is_active=True
    )
    if not team.exists():
        team = User.objects.filter(role=User.Role.DESIGNER, is_active=True)
    return list(team.values_list("email", flat=True))


def _locked_version(version: AgreementVersion) -> AgreementVersion:
    return (
        AgreementVersion.objects.select_for_update()
        .select_related("agreement__project")
        .get(pk=version.pk)
    )


def _require_draft(version: AgreementVersion) -> None:
    if not version.is_draft:
        raise ValidationError(
            _("Deze versie is al voorgesteld en kan niet meer veranderen. Maak een nieuwe versie."),
            code="locked",
        )


def agreement_for(project: Project) -> Agreement:
    """The project's agreement, created on first use."""
    agreement, _created = Agreement.objects.get_or_create(project=project)
    return agreement


def _first_draft_content(
    project: Project,
) -> tuple[dict, list[tuple[Organisation, User | None, str]]]:
    """A first draft from the project: its question, its whole trajectory, and as parties the
    client and De Buurtontdekkers."""
    phases = list(project.phases.order_by("order", "id"))
    approach = "\n".join(
        f"{i}. {phase.name}" + (f": {phase.description}" if phase.description else "")
        for i, phase in enumerate(phases, start=1)
    )
    client_contact = (
        User.objects.filter(
            memberships__project=project,
            memberships__role=Membership.Role.CLIENT,
            organisation=project.client,
        )
        .order_by("pk")
        .first()
    )
    parties = [(project.client, client_contact, str(_("Opdrachtgever")))]
    own = Organisation.objects.filter(kind=Organisation.Kind.OWN).order_by("pk").first()
    if own is not None:
        parties.append((own, None, str(_("Procesbegeleiding"))))
    return {"question": project.question, "approach": approach}, parties


@transaction.atomic
def agreement_version_new_draft(
    *, actor, agreement: Agreement, from_version: AgreementVersion | None = None
) -> AgreementVersion:
    """Start a new draft version, pre-filled from `from_version` (default: the active version),
    parties and commitments included. Only one version can be open at a time."""
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
        fields, parties = _first_draft_content(agreement.project)
        for name, value in fields.items():
            setattr(version, name, value)
        version.save()
        for order, (organisation, representative, role) in enumerate(parties):
            Party.objects.create(
                version=version,
                organisation=organisation,
                representative=representative,
                role=role,
                order=order,
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
def agreement_version_update(*, actor, version: AgreementVersion, **fields) -> AgreementVersion:
    """Change the text of a draft version."""
    version = _locked_version(version)
    _require_draft(version)
    for name, value in fields.items():
        if name in AgreementVersion.CONTENT_FIELDS:
            setattr(version, name, value)
    version.save()
    return version


@transaction.atomic
def party_add(
    *, actor, version: AgreementVersion, organisation: Organisation, role: str, representative=None
) -> Party:
    """Add a party to a draft version."""
    version = _locked_version(version)
    _require_draft(version)
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
    _require_draft(_locked_version(party.version))
    party.commitments.all().delete()
    party.delete()


@transaction.atomic
def commitment_add(*, actor, party: Party, kind: str, description: str) -> Commitment:
    """Add what a party contributes to a draft version."""
    _require_draft(_locked_version(party.version))
    last = party.commitments.order_by("-order").values_list("order", flat=True).first()
    return Commitment.objects.create(
        party=party, kind=kind, description=description, order=(last or 0) + 1
    )


@transaction.atomic
def commitment_remove(*, actor, commitment: Commitment) -> None:
    """Remove a commitment from a draft version."""
    _require_draft(_locked_version(commitment.party.version))
    commitment.delete()


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
    version = _locked_version(version)
    _require_draft(version)
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
        [*_external_contacts(project), *representatives],
    )
    return version


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
    version = _locked_version(version)
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
        [*_external_contacts(project), *_designer_addresses(project)],
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
    version = _locked_version(version)
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
        _designer_addresses(project),
    )
    return decline


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
) -> CheckIn:
    """Record a check-in on the active version: how each commitment went, and what changes.
    `reviews` maps a commitment id to (status, remark)."""
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
                [*_designer_addresses(project), *_external_contacts(project)],
            )
            sent += 1
    return sent


@transaction.atomic
def concern_raise(
    *, actor, project: Project, subject: str, body: str, absolute_uri: AbsoluteUri = site_uri
) -> Concern:
    """A client or partner raises a question or worry; the designers get an e-mail."""
    concern = Concern.objects.create(project=project, raised_by=actor, subject=subject, body=body)
    audit.record(actor=actor, project=project, action="created", obj=concern)
    send_after_commit(
        "cocreation/email/concern_raised",
        {"project": project, "concern": concern, "url": absolute_uri(concern.get_absolute_url())},
        _designer_addresses(project),
    )
    return concern


@transaction.atomic
def concern_reply(
    *, actor, concern: Concern, body: str, absolute_uri: AbsoluteUri = site_uri
) -> ConcernReply:
    """Add a reply to the thread of an open concern; the other side gets an e-mail."""
    concern = (
        Concern.objects.select_for_update()
        .select_related("project", "raised_by")
        .get(pk=concern.pk)
    )
    if not concern.is_open:
        raise ValidationError(_("Deze vraag is al gesloten."), code="closed")
    reply = ConcernReply.objects.create(concern=concern, author=actor, body=body)
    if actor.is_designer_or_admin:
        recipients = [concern.raised_by.email]
    else:
        recipients = _designer_addresses(concern.project)
    send_after_commit(
        "cocreation/email/concern_reply",
        {
            "project": concern.project,
            "concern": concern,
            "reply": reply,
            "url": absolute_uri(concern.get_absolute_url()),
        },
        recipients,
    )
    return reply


@transaction.atomic
def concern_close(*, actor, concern: Concern) -> Concern:
    """A designer closes a concern that has been answered."""
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if concern.is_open:
        concern.closed_at = timezone.now()
        concern.closed_by = actor
        concern.save(update_fields=["closed_at", "closed_by"])
        audit.record(
            actor=actor,
            project=concern.project,
            action="updated",
            obj=concern,
            changes={"closed_at": [None, concern.closed_at.isoformat()]},
        )
    return concern


def _confirmation_snapshot(version: AgreementVersion, on: datetime.date) -> dict:
    """Everything the PDF shows, frozen at the click: later edits of the project change
    nothing in a confirmation once it has a number."""
    from projects.models import Phase

    project = (
        Project.objects.select_related("client", "neighbourhood", "variant__service")
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("order", "id")),
        )
        .get(pk=version.agreement.project_id)
    )
    parties = (
        version.parties.select_related("organisation", "representative")
        .prefetch_related("commitments", "consents__user")
        .order_by("order", "id")
    )
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "date": on.isoformat(),
            "project": {
                "title": project.title,
                "client": project.client.name,
                "neighbourhood": str(project.neighbourhood or ""),
                "variant": str(project.variant or ""),
                "start_date": project.start_date.isoformat() if project.start_date else None,
            },
            "version": {
                "number": version.number,
                "content_hash": version.content_hash,
                "agreed_at": version.agreed_at.isoformat() if version.agreed_at else None,
                "ambition": version.ambition,
                "question": version.question or project.question,
                "approach": version.approach,
                "principles": version.principles,
                "check_in_rhythm": str(version.get_check_in_every_weeks_display()),
                "first_check_in": (
                    version.first_check_in.isoformat() if version.first_check_in else None
                ),
            },
            "phases": [
                {
                    "name": phase.name,
                    "description": phase.description,
                    "start_date": phase.start_date.isoformat() if phase.start_date else None,
                    "end_date": phase.end_date.isoformat() if phase.end_date else None,
                }
                for phase in project.phases.all()
            ],
            "parties": [
                {
                    "organisation": party.organisation.name,
                    "role": party.role,
                    "is_own": party.is_own,
                    "representative": str(party.representative or ""),
                    "commitments": [
                        {"kind": str(c.get_kind_display()), "description": c.description}
                        for c in party.commitments.all()
                    ],
                    "consents": [
                        {
                            "name": str(consent.user),
                            "at": consent.at.isoformat(),
                            "content_hash": consent.content_hash,
                        }
                        for consent in party.consents.all()
                        if consent.content_hash == version.content_hash
                    ],
                }
                for party in parties
            ],
            "terms_url": getattr(settings, "GENERAL_TERMS_URL", ""),
        }


def _next_confirmation_number(year: int) -> int:
    # The counter row is locked until this transaction ends: concurrent generations queue up
    # here, and a rollback hands the number back, so numbers stay consecutive.
    ConfirmationCounter.objects.bulk_create([ConfirmationCounter(year=year)], ignore_conflicts=True)
    counter = ConfirmationCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def order_confirmation_generate(
    *,
    actor,
    version: AgreementVersion,
    fee: Decimal,
    hours: int,
    term: int,
    enqueue: bool = True,
) -> OrderConfirmation:
    """Number and freeze an order confirmation of an agreed version (`term` in weeks) and
    enqueue its PDF once the transaction commits."""
    agreement = (
        Agreement.objects.select_for_update().select_related("project").get(pk=version.agreement_id)
    )
    project = agreement.project
    if not actor.has_perm("cocreation.generate_confirmation", project):
        raise ValidationError(_("U mag geen opdrachtbevestigingen maken."), code="forbidden")
    version = AgreementVersion.objects.get(pk=version.pk)
    if version.status != AgreementVersion.Status.AGREED:
        raise ValidationError(
            _(
                "Een opdrachtbevestiging kan alleen over een afspraak waar alle partijen mee "
                "instemden."
            ),
            code="not_agreed",
        )
    if project.order_confirmations.filter(status__in=OrderConfirmation.IN_PROGRESS).exists():
        raise ValidationError(
            _("Er wordt al een opdrachtbevestiging gemaakt. Wacht tot die klaar is."),
            code="in_progress",
        )
    if fee is None or fee < 0 or not hours or hours < 1 or not term or term < 1:
        raise ValidationError(
            _("Vul een honorarium, een aantal uren en een looptijd in."), code="terms"
        )
    today = timezone.localdate()
    sequence = _next_confirmation_number(today.year)
    confirmation = OrderConfirmation.objects.create(
        project=project,
        version=version,
        year=today.year,
        sequence=sequence,
        number=OrderConfirmation.format_number(today.year, sequence),
        snapshot=_confirmation_snapshot(version, today),
        fee=fee,
        hours=hours,
        term_weeks=term,
        generated_by=actor,
        enqueued_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        project=project,
        action="created",
        obj=confirmation,
        changes={"number": [None, confirmation.number], "version": [None, version.number]},
    )
    if enqueue:
        documents.enqueue_on_commit(OrderConfirmation, confirmation.pk)
    return confirmation


@transaction.atomic
def order_confirmation_retry(*, actor, confirmation: OrderConfirmation) -> OrderConfirmation:
    """Give a failed confirmation a fresh set of attempts, keeping its number."""
    confirmation = OrderConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    if not actor.has_perm("cocreation.generate_confirmation", confirmation.project):
        raise ValidationError(_("U mag geen opdrachtbevestigingen maken."), code="forbidden")
    if confirmation.status != OrderConfirmation.Status.FAILED:
        raise ValidationError(
            _("Alleen een mislukte opdrachtbevestiging kan opnieuw."), code="state"
        )
    confirmation.status = OrderConfirmation.Status.QUEUED
    confirmation.attempts = 0
    confirmation.error = ""
    confirmation.enqueued_at = timezone.now()
    confirmation.save()
    documents.enqueue_on_commit(OrderConfirmation, confirmation.pk)
    return confirmation


def order_confirmation_ready(confirmation: OrderConfirmation) -> None:
    """What follows when a confirmation's PDF is stored (in the same transaction): it
    supersedes the project's earlier confirmations, and the client's contacts get an e-mail
    once committed."""
    OrderConfirmation.objects.filter(
        project_id=confirmation.project_id,
        status=OrderConfirmation.Status.READY,
        superseded_by__isnull=True,
        pk__lt=confirmation.pk,
    ).update(superseded_by=confirmation, superseded_at=confirmation.ready_at)
    project = confirmation.project
    send_after_commit(
        "cocreation/email/confirmation_ready",
        {
            "project": project,
            "confirmation": confirmation,
            "url": site_uri(confirmation.get_download_url()),
        },
        User.objects.filter(
            memberships__project=project,
            memberships__role=Membership.Role.CLIENT,
            is_active=True,
        ).values_list("email", flat=True),
    )


def order_confirmation_sweep(*, older_than: datetime.timedelta = documents.STUCK_AFTER) -> int:
    """Enqueue again the confirmations stuck in queued or rendering. Returns how many."""
    return documents.sweep(OrderConfirmation, older_than=older_than)
