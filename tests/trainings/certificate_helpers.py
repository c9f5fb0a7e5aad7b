"""A small Buurtwerk trajectory to make certificates of: project A of the world as a
Buurtwerk Verdieping training with four sessions held and three participants."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from projects.models import ServiceVariant
from trainings.models import Attendance, Participant, Session

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def make_training(project, *, held: int = 4, planned: int = 0, now=NOW) -> list[Session]:
    """Make `project` a Buurtwerk Verdieping training (75 %) with `held` sessions before `now`
    and `planned` after it, a week apart."""
    project.variant = ServiceVariant.objects.get(
        service__name="Buurtwerk", name="Buurtwerk Verdieping"
    )
    project.save(update_fields=["variant"])
    first = now - datetime.timedelta(weeks=held)
    sessions = []
    for n in range(held + planned):
        starts = first + datetime.timedelta(weeks=n)
        sessions.append(
            Session.objects.create(
                project=project,
                title=f"Bijeenkomst {n + 1}: de buurt als leerplek",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                location="Buurthuis De Linde",
            )
        )
    return sessions


def add_participant(project, name: str, present_at: list[Session], organisation=None):
    participant = Participant.objects.create(
        project=project,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        organisation=organisation or project.client,
    )
    for session in present_at:
        Attendance.objects.create(session=session, participant=participant)
    return participant


def build_training(project, *, now=NOW) -> SimpleNamespace:
    """Four sessions held before `now`: Anna was at four (100 %), Bas at three (75 %: just
    enough), Cor at two (50 %: below)."""
    sessions = make_training(project, now=now)
    return SimpleNamespace(
        project=project,
        sessions=sessions,
        anna=add_participant(project, "Anna de Vries", sessions),
        bas=add_participant(project, "Bas Jansen", sessions[:3]),
        cor=add_participant(project, "Cor Bakker", sessions[:2]),
    )


def at_now(time_machine) -> None:
    time_machine.move_to(NOW, tick=False)
    assert timezone.now() == NOW
