"""Adding and removing the participants of a training trajectory, and their self-registration
through the trajectory's signed invitation link (core.links, purpose "registration")."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import LinkRefused, link_token, read_link_token
from projects.models import AuditEntry, Organisation, Project

from ..models import Participant, Registration

LINK_PURPOSE = "registration"
# Registrations through invitation links from one address within an hour: enough for a
# room full of people on the venue's wifi, too few to flood a list.
REGISTRATIONS_PER_HOUR = 40


@dataclass(frozen=True)
class NewParticipant:
    name: str
    email: str


@dataclass(frozen=True)
class Added:
    """What an add did: the new participants, and the addresses already on the list."""

    added: list[Participant]
    already: list[str]


def _touch(project: Project) -> None:
    # Bulk writes send no signals: bump the dashboard's generation here (dashboard/freshness).
    Project.objects.filter(pk=project.pk).update(generation=F("generation") + 1)


def _audit(*, actor, project: Project, action: str, participant_ids: Iterable[int]) -> None:
    # Without the personal data: the trail says that a participant came or went, not who.
    AuditEntry.objects.bulk_create(
        AuditEntry(
            project=project,
            actor=actor,
            action=action,
            target_type=Participant._meta.label_lower,
            target_id=pk,
            target_repr=_("deelnemer"),
        )
        for pk in participant_ids
    )


@transaction.atomic
def participants_add(
    *,
    actor,
    project: Project,
    people: Iterable[NewParticipant],
    organisation: Organisation | None = None,
    role: str = Participant.Role.PROFESSIONAL,
    source: str = Participant.Source.TEAM,
) -> Added:
    """Add these people to the trajectory in one INSERT; an address already on the list (in
    any case) is reported in `already`, not added twice."""
    wanted: dict[str, NewParticipant] = {}
    for person in people:
        wanted.setdefault(person.email.strip().lower(), person)
    present = set(
        Participant.objects.filter(project=project)
        .annotate(address=Lower("email"))
        .filter(address__in=wanted)
        .values_list("address", flat=True)
    )
    rows = [
        Participant(
            project=project,
            name=person.name.strip(),
            email=person.email.strip(),
            organisation=organisation,
            role=role,
            source=source,
        )
        for address, person in wanted.items()
        if address not in present
    ]
    already = [person.email for address, person in wanted.items() if address in present]
    if not rows:
        return Added(added=[], already=already)
    try:
        with transaction.atomic():
            added = Participant.objects.bulk_create(rows)
    except IntegrityError:  # added by someone else between our check and the insert
        raise ValidationError(
            _("Iemand anders voegde net dezelfde deelnemers toe. Probeer het opnieuw.")
        ) from None
    _audit(
        actor=actor,
        project=project,
        action=AuditEntry.Action.CREATED,
        participant_ids=[row.pk for row in added],
    )
    _touch(project)
    return Added(added=added, already=already)


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    """Remove a participant with their data: attendance, practice assignment, evaluations and
    certificate go with the row (its stored PDF once the deletion commits, trainings.signals).
    The audit trail keeps that a participant was removed, not who."""
    project, pk = participant.project, participant.pk
    participant.delete()
    _audit(actor=actor, project=project, action=AuditEntry.Action.DELETED, participant_ids=[pk])
    _touch(project)


# ---- retention ------------------------------------------------------------------------------


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.year * 12 + day.month - 1 - months
    year, month = divmod(month, 12)
    for last in (31, 30, 29, 28):  # the same day, or the month's last when it has none
        try:
            return datetime.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def trajectories_past_retention(today: datetime.date):
    """Trajectories with participants that ended more than TRAINING_PARTICIPANT_RETENTION_MONTHS
    ago, whatever their status (one left active or paused is no reason to keep anyone): their
    end is the later of the expected end date and the last session's day. A trajectory with
    neither keeps its participants."""
    cutoff = _months_before(today, settings.TRAINING_PARTICIPANT_RETENTION_MONTHS)
    return (
        Project.objects.filter(participants__isnull=False)
        .annotate(last_session=Max("sessions__ends_at__date"))
        .annotate(
            # Coalesce: GREATEST with a NULL is NULL on SQLite, the other value on PostgreSQL.
            ended=Greatest(
                Coalesce("expected_end_date", "last_session"),
                Coalesce("last_session", "expected_end_date"),
            )
        )
        .filter(ended__lt=cutoff)
        .distinct()
    )


def forget_participants_past_retention(*, today: datetime.date | None = None) -> int:
    """Remove the participants, with their data, of every trajectory past the retention the
    privacy note promises. Returns how many went."""
    gone = 0
    for project in trajectories_past_retention(today or timezone.localdate()):
        with transaction.atomic():
            participants = list(Participant.objects.filter(project=project))
            for participant in participants:
                participant_remove(actor=None, participant=participant)
            gone += len(participants)
    return gone


# ---- self-registration ----------------------------------------------------------------------


def link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TRAINING_REGISTRATION_LINK_DAYS)


def registration_token(registration: Registration) -> str:
    """The signed token of the invitation link, dated now (it works for link_max_age())."""
    return link_token(LINK_PURPOSE, registration.pk)


@transaction.atomic
def registration_open(*, actor, project: Project) -> Registration:
    """Open the trajectory's invitation link. After a close it is a new row, so a link handed
    out before the close stays closed."""
    registration = Registration.objects.select_for_update().filter(project=project).first()
    if registration is not None and registration.closed_at is None:
        return registration
    if registration is not None:
        registration.delete()
    return Registration.objects.create(project=project)


@transaction.atomic
def registration_close(*, actor, project: Project) -> None:
    """Close the invitation link: every copy of it changes nothing any more."""
    Registration.objects.filter(project=project, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


def registration_for_token(token: str) -> Registration:
    """The open registration a link names; LinkRefused when the token is forged ("tampered")
    or too old, or the team closed the link or opened a new one ("expired")."""
    pk = read_link_token(LINK_PURPOSE, token, max_age=link_max_age())
    registration = (
        Registration.objects.select_related("project", "project__client").filter(pk=pk).first()
    )
    if registration is None or registration.closed_at is not None:
        raise LinkRefused("expired")
    return registration


def registration_organisations(project: Project):
    """The organisations a participant may choose when registering: the client's and those of
    the project's client and partner contacts."""
    of_members = Q(
        people__memberships__project=project,
        people__memberships__role__in=["client", "partner"],
    )
    return (
        Organisation.objects.filter(Q(pk=project.client_id) | of_members)
        .exclude(kind=Organisation.Kind.OWN)
        .distinct()
        .order_by("name")
    )


def allow_registration(ip: str) -> bool:
    """At most REGISTRATIONS_PER_HOUR registrations from one address within an hour from the
    first. Counted in the cache; when it is unreachable the registration goes through."""
    key = f"training-registration:ip:{ip}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new hour
        cache.add(key, 1, timeout=3600)
        count = 1
    return count <= REGISTRATIONS_PER_HOUR


@transaction.atomic
def register(
    *,
    registration: Registration,
    name: str,
    email: str,
    organisation: Organisation | None,
    role: str,
) -> Participant | None:
    """A participant registers through the invitation link. None when the address is on the
    list already (nothing is added); LinkRefused when the link was closed meanwhile."""
    still_open = (
        Registration.objects.select_for_update()
        .filter(pk=registration.pk, closed_at__isnull=True)
        .exists()
    )
    if not still_open:
        raise LinkRefused("expired")
    try:
        added = participants_add(
            actor=None,
            project=registration.project,
            people=[NewParticipant(name=name, email=email)],
            organisation=organisation,
            role=role,
            source=Participant.Source.INVITATION,
        )
    except ValidationError:  # the same address sent twice at once: the first one counts
        return None
    return added.added[0] if added.added else None
