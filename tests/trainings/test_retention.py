"""The privacy note's promise: a trajectory's participants go, with their data,
TRAINING_PARTICIPANT_RETENTION_MONTHS after it ended, whatever its status (nightly,
trainings.tasks)."""

import datetime

import pytest
from django.conf import settings

from projects.models import Project
from tests import factories
from trainings.models import Attendance, Participant, Session
from trainings.services.participants import (
    _months_before,
    forget_participants_past_retention,
)

D = datetime.date


@pytest.fixture
def ended(db):
    project = factories.ProjectFactory(
        status=Project.Status.COMPLETED,
        start_date=D(2024, 9, 1),
        expected_end_date=D(2025, 1, 10),
    )
    Participant.objects.create(project=project, name="Anna", email="anna@example.org")
    return project


def test_participants_go_12_months_after_the_end(ended, settings):
    settings.TRAINING_PARTICIPANT_RETENTION_MONTHS = 12
    assert forget_participants_past_retention(today=D(2026, 1, 10)) == 0
    assert forget_participants_past_retention(today=D(2026, 1, 11)) == 1
    assert not Participant.objects.filter(project=ended).exists()


@pytest.mark.parametrize(
    "status", [Project.Status.ACTIVE, Project.Status.PAUSED, Project.Status.COMPLETED]
)
def test_the_end_counts_whatever_the_status(ended, status):
    # A trajectory nobody marked completed is no reason to keep its participants for ever.
    Project.objects.filter(pk=ended.pk).update(status=status)
    assert forget_participants_past_retention(today=D(2026, 1, 10)) == 0
    assert forget_participants_past_retention(today=D(2026, 1, 11)) == 1


def test_a_trajectory_that_ended_recently_keeps_its_participants(ended):
    Project.objects.filter(pk=ended.pk).update(
        status=Project.Status.ACTIVE, expected_end_date=D(2029, 6, 1)
    )
    assert forget_participants_past_retention(today=D(2030, 1, 1)) == 0
    assert Participant.objects.filter(project=ended).exists()


def test_a_later_last_session_counts_as_the_end(ended):
    start = datetime.datetime(2025, 6, 2, 13, tzinfo=datetime.UTC)
    session = Session.objects.create(
        project=ended,
        title="Terugkom",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    Attendance.objects.create(session=session, participant=Participant.objects.get())
    months = settings.TRAINING_PARTICIPANT_RETENTION_MONTHS
    assert months == 12
    assert forget_participants_past_retention(today=D(2026, 6, 2)) == 0
    assert forget_participants_past_retention(today=D(2026, 6, 3)) == 1
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", [Project.Status.ACTIVE, Project.Status.COMPLETED])
def test_a_trajectory_without_any_end_keeps_its_participants(ended, status):
    Project.objects.filter(pk=ended.pk).update(expected_end_date=None, status=status)
    assert forget_participants_past_retention(today=D(2030, 1, 1)) == 0


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (D(2026, 3, 31), 1, D(2026, 2, 28)),
        (D(2026, 1, 15), 12, D(2025, 1, 15)),
        (D(2026, 1, 15), 13, D(2024, 12, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert _months_before(day, months) == expected
