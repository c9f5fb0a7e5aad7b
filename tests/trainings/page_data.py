"""A training trajectory to show on pages: project A of the world as a Buurtwerk Verdieping
with sessions before and after NOW, participants of the client's own organisation and of
another, attendance, evaluations and practice assignments. Used by the page tests and the
client's browser journey."""

import datetime
import itertools
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import timezone

from projects.models import ServiceVariant
from tests.factories import OrganisationFactory
from trainings.models import Attendance, Evaluation, Participant, PracticeAssignment, Session

NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
OWN_NAME = "Fatima El Amrani"  # of the client's own organisation
OTHER_NAME = "Joost Verhoeven"  # of another organisation
_numbers = itertools.count(1)


def make_training(project) -> None:
    project.variant = ServiceVariant.objects.get(name="Buurtwerk Verdieping")
    project.save()


def add_sessions(project, *, held: int = 3, planned: int = 1, now=NOW) -> list[Session]:
    """`held` sessions a week apart before `now`, `planned` a week apart after it."""
    sessions = []
    for n in range(held + planned):
        weeks = n - held if n < held else n - held + 1
        starts = now + datetime.timedelta(weeks=weeks, hours=-2)
        sessions.append(
            Session.objects.create(
                project=project,
                title=f"Bijeenkomst {n + 1}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                location="Buurthuis De Kroon",
            )
        )
    return sessions


def add_participants(project, organisation, n: int, *, first: str | None = None):
    participants = []
    for i in range(n):
        number = next(_numbers)
        participants.append(
            Participant.objects.create(
                project=project,
                name=first if first and i == 0 else f"Deelnemer {number}",
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


def build_training(world, *, own: int = 2, other: int = 1, now=NOW) -> SimpleNamespace:
    """Project A as a training: four sessions (three held), `own` participants of client A's
    organisation and `other` of another organisation; the first of each attended every held
    session, the rest only the first."""
    project = world.project_a
    make_training(project)
    sessions = add_sessions(project, now=now)
    other_org = OrganisationFactory(name="Welzijn Noord")
    ours = add_participants(project, project.client, own, first=OWN_NAME)
    theirs = add_participants(project, other_org, other, first=OTHER_NAME)
    held = sessions[:3]
    mark_present(held, [ours[0], theirs[0]])
    mark_present(held[:1], ours[1:] + theirs[1:])
    return SimpleNamespace(
        project=project, sessions=sessions, held=held, ours=ours, theirs=theirs, other=other_org
    )
