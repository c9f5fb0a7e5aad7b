"""Order confirmations: numbered and frozen at the click, rendered by core.documents."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import documents
from core.emails import send_after_commit, site_uri
from projects import audit
from projects.models import Membership, Organisation, Project, User
from trainings.confirmation import sessions_for_confirmation

from .. import selectors
from ..models import (
    Agreement,
    AgreementVersion,
    ConfirmationCopy,
    ConfirmationCounter,
    GeneralTerms,
    OrderConfirmation,
)
from ..selectors import confirmation_term
from .recipients import party_contacts


def _term_weeks(start: datetime.date, end: datetime.date) -> int:
    return -(-((end - start).days + 1) // 7)  # whole weeks, rounded up


def _firm_details() -> dict:
    """The firm's details from settings.FIRM; refused while one a purchasing department needs
    is missing (only possible in production, where there are no example values)."""
    firm = dict(settings.FIRM)
    required = {
        "legal_name": _("statutaire naam"),
        "address": _("adres"),
        "kvk": _("KvK-nummer"),
        "vat": _("btw-nummer"),
        "contact_name": _("contactpersoon"),
    }
    missing = [str(label) for key, label in required.items() if not firm.get(key)]
    if missing:
        raise ValidationError(
            _(
                "De bedrijfsgegevens voor de opdrachtbevestiging zijn niet compleet: "
                "%(missing)s ontbreekt. Stel ze in de omgeving in (FIRM_…)."
            )
            % {"missing": ", ".join(missing)},
            code="firm_details",
        )
    return firm


def _confirmation_snapshot(
    version: AgreementVersion,
    on: datetime.date,
    terms: GeneralTerms,
    firm: dict,
    site_url: str = "",
) -> dict:
    """Everything the PDF shows, frozen at the click: later edits of the project, the firm's
    details or the general terms change nothing in a confirmation once it has a number."""
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
            "firm": firm,
            "project": {
                "title": project.title,
                "client": project.client.name,
                "client_address": project.client.address,
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
                    "is_client": party.organisation_id == project.client_id,
                    "representative": (
                        party.representative.get_full_name() if party.representative else ""
                    ),
                    "commitments": [
                        {"kind": str(c.get_kind_display()), "description": c.description}
                        for c in party.commitments.all()
                    ],
                    "consents": [
                        {
                            "name": consent.user.get_full_name() if consent.user else "",
                            "at": consent.at.isoformat(),
                            "content_hash": consent.content_hash,
                        }
                        for consent in party.consents.all()
                        if consent.content_hash == version.content_hash
                    ],
                }
                for party in parties
            ],
            "terms": {"version": terms.version, "text": terms.text},
            # A training's confirmation covers all its sessions (issue 17 §6).
            "sessions": sessions_for_confirmation(project),
            # The address the admin worked on: the base of the "ready" e-mails' links when
            # SITE_URL is not set (development); see core.emails.site_uri.
            "site_url": site_url,
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
    client_reference: str = "",
    reason: str = "",
    site_url: str = "",
    enqueue: bool = True,
) -> OrderConfirmation:
    """Number and freeze an order confirmation of an agreed version, its term derived from the
    project's phases and the active general terms as its annex, and enqueue its PDF once the
    transaction commits. `client_reference`: the client's PO number or reference, if any.
    Replacing a confirmation of the same version and terms takes a `reason`; `site_url` is the
    address e-mail links start with when SITE_URL is not set (development: the request's own)."""
    agreement = (
        Agreement.objects.select_for_update().select_related("project").get(pk=version.agreement_id)
    )
    project = agreement.project
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
    if fee is None or fee < 0 or not hours or hours < 1:
        raise ValidationError(_("Vul een honorarium en een aantal uren in."), code="terms")
    term_start, term_end = confirmation_term(project)
    terms = GeneralTerms.current()
    if terms is None:
        raise ValidationError(
            _(
                "Er zijn geen actieve algemene voorwaarden. Zet in het beheer een versie op "
                "actief; die gaat als bijlage mee met de opdrachtbevestiging."
            ),
            code="no_general_terms",
        )
    firm = _firm_details()
    reason = (reason or "").strip()
    client_reference = client_reference.strip()
    _require_reason_for_the_same_terms(
        project,
        version,
        reason,
        fee=Decimal(fee),
        hours=hours,
        term_start=term_start,
        term_end=term_end,
        client_reference=client_reference,
        general_terms_id=terms.pk,
    )
    today = timezone.localdate()
    sequence = _next_confirmation_number(today.year)
    confirmation = OrderConfirmation.objects.create(
        project=project,
        version=version,
        year=today.year,
        sequence=sequence,
        number=OrderConfirmation.format_number(today.year, sequence),
        snapshot=_confirmation_snapshot(version, today, terms, firm, site_url),
        fee=fee,
        hours=hours,
        term_weeks=_term_weeks(term_start, term_end),
        term_start=term_start,
        term_end=term_end,
        client_reference=client_reference,
        general_terms=terms,
        replace_reason=reason,
        generated_by=actor,
        enqueued_at=timezone.now(),
    )
    changes = {"number": [None, confirmation.number], "version": [None, version.number]}
    if reason:
        changes["replace_reason"] = [None, reason]
    audit.record(actor=actor, project=project, action="created", obj=confirmation, changes=changes)
    copy = None
    if _has_other_parties(version, project):
        copy = ConfirmationCopy.objects.create(
            confirmation=confirmation, enqueued_at=timezone.now()
        )
    if enqueue:
        documents.enqueue_on_commit(OrderConfirmation, confirmation.pk)
        if copy is not None:
            documents.enqueue_on_commit(ConfirmationCopy, copy.pk)
    return confirmation


def _require_reason_for_the_same_terms(project, version, reason, **terms) -> None:
    # A second confirmation of the same version and terms would burn a number and mail every
    # party again for nothing: it is made only when the admin says why (recorded on it).
    current = selectors.current_confirmation(project)
    if current is None or reason:
        return
    same = current.version_id == version.pk and all(
        getattr(current, field) == value for field, value in terms.items()
    )
    if same:
        raise ValidationError(
            _(
                "Opdrachtbevestiging %(number)s geldt al voor deze versie van de afspraak, met "
                "hetzelfde honorarium, dezelfde uren en dezelfde looptijd. Er is niets gemaakt. "
                "Wilt u haar toch vervangen, geef dan een reden; die komt bij de nieuwe "
                "bevestiging te staan."
            ),
            code="unchanged",
            params={"number": current.number},
        )


def _has_other_parties(version: AgreementVersion, project: Project) -> bool:
    # Parties besides the client and the firm read a copy without the money.
    return (
        version.parties.exclude(organisation_id=project.client_id)
        .exclude(organisation__kind=Organisation.Kind.OWN)
        .exists()
    )


@transaction.atomic
def order_confirmation_retry(*, actor, confirmation: OrderConfirmation) -> OrderConfirmation:
    """Give a failed confirmation (or its failed copy for the other parties) a fresh set of
    attempts, keeping its number."""
    confirmation = OrderConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    copy = ConfirmationCopy.objects.select_for_update().filter(confirmation=confirmation).first()
    failed = [row for row in (confirmation, copy) if row is not None and row.status == "failed"]
    if not failed:
        raise ValidationError(
            _("Alleen een mislukte opdrachtbevestiging kan opnieuw."), code="state"
        )
    for row in failed:
        row.status = row.Status.QUEUED
        row.attempts = 0
        row.error = ""
        row.enqueued_at = timezone.now()
        row.save()
        documents.enqueue_on_commit(type(row), row.pk)
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
    _mail_ready(
        confirmation,
        User.objects.filter(
            memberships__project=project,
            memberships__role=Membership.Role.CLIENT,
            is_active=True,
        ).values_list("email", flat=True),
    )


def confirmation_copy_ready(copy: ConfirmationCopy) -> None:
    """When the copy without the money is stored: the other parties' contacts (DESIGN §5:
    every party reads what it signs up to) get the "ready" e-mail once committed."""
    confirmation = copy.confirmation
    _mail_ready(confirmation, party_contacts(confirmation.version))


def _mail_ready(confirmation: OrderConfirmation, recipients) -> None:
    base = confirmation.snapshot.get("site_url", "")
    send_after_commit(
        "cocreation/email/confirmation_ready",
        {
            "project": confirmation.project,
            "confirmation": confirmation,
            "url": site_uri(confirmation.get_download_url(), base=base),
        },
        recipients,
    )


def order_confirmation_sweep(*, older_than: datetime.timedelta = documents.STUCK_AFTER) -> int:
    """Enqueue again the confirmations (and copies) stuck in queued or rendering. Returns how
    many."""
    return documents.sweep(OrderConfirmation, older_than=older_than) + documents.sweep(
        ConfirmationCopy, older_than=older_than
    )
