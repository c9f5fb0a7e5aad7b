"""A training trajectory to test the learning harvest with: project A of the world made a
Buurtwerk Verdieping trajectory, with participants and sessions built on demand."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from projects.models import Service, ServiceVariant
from trainings.models import Attendance, Participant, Session

NOW = datetime.datetime(2026, 11, 18, 10, 0, tzinfo=datetime.UTC)  # a Wednesday


def make_training(project, *, practice_assignment: bool = True):
    """Make `project` a training trajectory (a Verdieping-like variant)."""
    service, _ = Service.objects.get_or_create(
        name="Buurtwerk (test)", defaults={"is_training": True}
    )
    variant = ServiceVariant.objects.create(
        service=service,
        name="Verdieping (test)",
        fee=1000,
        session_count=4,
        has_practice_assignment=practice_assignment,
    )
    project.variant = variant
    project.save(update_fields=["variant"])
    return project


def add_participants(project, names, *, organisation=None) -> list[Participant]:
    return [
        Participant.objects.create(
            project=project,
            name=name,
            email=f"{slugify(name)}.{project.pk}@example.org",
            organisation=organisation or project.client,
        )
        for name in names
    ]


def add_session(project, title, starts_at, *, hours=3, present=()) -> Session:
    session = Session.objects.create(
        project=project,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
    )
    for participant in present:
        Attendance.objects.create(session=session, participant=participant)
    return session


def days_ago(days: int, now=None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=days)
