"""The one place the tests build trainings: make a project a training, add sessions, add
participants with their attendance, answers and reflections. The shared scenarios are at the
end; each test module keeps its own moment (the *_NOW constants) and data."""

import datetime
import itertools
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from django.utils.text import slugify

from projects.models import Membership, Service, ServiceVariant
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory
from trainings.models import Attendance, Evaluation, Participant, PracticeAssignment, Session

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CERTIFICATE_NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
PAGE_NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=AMSTERDAM)
LEARNING_NOW = datetime.datetime(2026, 11, 18, 10, 0, tzinfo=datetime.UTC)  # a Wednesday
OWN_NAME = "Fatima El Amrani"  # of the client's own organisation (the page scenario)
OTHER_NAME = "Joost Verhoeven"  # of another organisation (the page scenario)
_numbers = itertools.count(1)


# ---- the training ----


def training_variant(name: str = "Buurtwerk Verdieping") -> ServiceVariant:
    """A Buurtwerk variant of the seeded catalogue (restored after a flush)."""
    return ServiceVariant.objects.select_related("service").get(
        service__is_training=True, name=name
    )


def practice_variant(*, practice_assignment: bool = True) -> ServiceVariant:
    """A Verdieping-like variant of its own, with or without the practice assignment."""
    service, _ = Service.objects.get_or_create(
        name="Buurtwerk (test)", defaults={"is_training": True}
    )
    return ServiceVariant.objects.create(
        service=service,
        name="Verdieping (test)",
        fee=1000,
        session_count=4,
        has_practice_assignment=practice_assignment,
    )


def make_training(project, variant: ServiceVariant | None = None):
    """Make `project` a training of `variant` (Buurtwerk Verdieping unless given)."""
    project.variant = variant or training_variant()
    project.save(update_fields=["variant"])
    return project


# ---- sessions ----


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trainings.Session"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Bijeenkomst {n + 1}")
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 3, 2, 13, 30, tzinfo=AMSTERDAM)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3, minutes=30))


def add_session(project, title, starts_at, *, hours=3, location="", present=()) -> Session:
    """A session of `hours` from `starts_at`, with the `present` participants marked present."""
    session = Session.objects.create(
        project=project,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        location=location,
    )
    mark_present([session], present)
    return session


def weekly_sessions(project, *, held: int = 4, planned: int = 0, now=CERTIFICATE_NOW):
    """`held + planned` sessions a week apart, the first `held` weeks before `now` (so the
    first planned one starts at `now`)."""
    first = now - datetime.timedelta(weeks=held)
    return [
        add_session(
            project,
            f"Bijeenkomst {n + 1}: de buurt als leerplek",
            first + datetime.timedelta(weeks=n),
            location="Buurthuis De Linde",
        )
        for n in range(held + planned)
    ]


def add_sessions(project, *, held: int = 3, planned: int = 1, now=PAGE_NOW) -> list[Session]:
    """`held` sessions a week apart before `now`, `planned` a week apart after it."""
    sessions = []
    for n in range(held + planned):
        weeks = n - held if n < held else n - held + 1
        starts = now + datetime.timedelta(weeks=weeks, hours=-2)
        sessions.append(
            add_session(project, f"Bijeenkomst {n + 1}", starts, location="Buurthuis De Kroon")
        )
    return sessions


def days_ago(days: int, now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=days)


# ---- participants, attendance, answers ----


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trainings.Participant"

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.org")


def add_participant(project, name: str, present_at=(), *, email=None, organisation=None):
    """A participant (of the client's organisation unless given; e-mail from the first name),
    present at the sessions `present_at`."""
    participant = Participant.objects.create(
        project=project,
        name=name,
        email=email or f"{name.split()[0].lower()}@example.org",
        organisation=organisation or project.client,
    )
    mark_present(present_at, [participant])
    return participant


def add_participants(project, names, *, organisation=None) -> list[Participant]:
    """Participants by name, with an e-mail address unique to the project."""
    return [
        add_participant(
            project,
            name,
            email=f"{slugify(name)}.{project.pk}@example.org",
            organisation=organisation,
        )
        for name in names
    ]


def add_numbered_participants(project, organisation, n: int, *, first: str | None = None):
    """`n` participants "Deelnemer <number>" of `organisation`; the first named `first` if given."""
    participants = []
    for i in range(n):
        number = next(_numbers)
        participants.append(
            add_participant(
                project,
                first if first and i == 0 else f"Deelnemer {number}",
                email=f"deelnemer{number}@example.org",
                organisation=organisation,
            )
        )
    return participants


def mark_present(sessions, participants) -> None:
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=participant)
        for session in sessions
        for participant in participants
    )


def answer(participant, session, usefulness: int, *, will_apply="", remark="", share=False):
    return Evaluation.objects.create(
        participant=participant,
        session=session,
        answered_at=timezone.now(),
        usefulness=usefulness,
        will_apply=will_apply,
        remark=remark,
        share_remark=share,
    )


def reflect(participant, *, tried: str, share: bool):
    return PracticeAssignment.objects.create(
        participant=participant,
        description="Een gesprek voeren met een bewoner die je nog niet kende.",
        tried=tried,
        happened="Het gesprek ging over de speeltuin.",
        differently="Vaker vragen wat iemand zelf wil doen.",
        share_with_client=share,
        reflected_at=timezone.now(),
    )


# ---- scenarios ----


def build_training(client, partner=None, *, prefix: str = "Training") -> SimpleNamespace:
    """A Buurtwerk Verdieping trajectory for `client`'s organisation, with `client` (and
    `partner`) as its members, one session and one participant of the client's organisation.
    Other parts of the trainings add their objects to the namespace it returns."""
    project = ProjectFactory(
        title=f"{prefix} Buurtwerk", client=client.organisation, variant=training_variant()
    )
    MembershipFactory(user=client, project=project, role=Membership.Role.CLIENT)
    if partner is not None:
        MembershipFactory(user=partner, project=project, role=Membership.Role.PARTNER)
    session = SessionFactory(project=project, title=f"{prefix} bijeenkomst")
    participant = ParticipantFactory(
        project=project, name=f"{prefix} deelnemer", organisation=project.client
    )
    return SimpleNamespace(project=project, session=session, participant=participant)


def build_certificate_training(project, *, now=CERTIFICATE_NOW) -> SimpleNamespace:
    """`project` as a Buurtwerk Verdieping (75 %) with four sessions held before `now`: Anna
    was at four (100 %), Bas at three (75 %: just enough), Cor at two (50 %: below)."""
    make_training(project)
    sessions = weekly_sessions(project, now=now)
    return SimpleNamespace(
        project=project,
        sessions=sessions,
        anna=add_participant(project, "Anna de Vries", sessions),
        bas=add_participant(project, "Bas Jansen", sessions[:3]),
        cor=add_participant(project, "Cor Bakker", sessions[:2]),
    )


def build_page_training(world, *, own: int = 2, other: int = 1, now=PAGE_NOW) -> SimpleNamespace:
    """Project A as a training: four sessions (three held), `own` participants of client A's
    organisation and `other` of another organisation; the first of each attended every held
    session, the rest only the first."""
    project = make_training(world.project_a)
    sessions = add_sessions(project, now=now)
    other_org = OrganisationFactory(name="Welzijn Noord")
    ours = add_numbered_participants(project, project.client, own, first=OWN_NAME)
    theirs = add_numbered_participants(project, other_org, other, first=OTHER_NAME)
    held = sessions[:3]
    mark_present(held, [ours[0], theirs[0]])
    mark_present(held[:1], ours[1:] + theirs[1:])
    return SimpleNamespace(
        project=project, sessions=sessions, held=held, ours=ours, theirs=theirs, other=other_org
    )
