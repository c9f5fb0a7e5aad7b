"""Project health, the pulse and the phase guard (issue 13 §3): a low or falling pulse turns
amber, a phase ending within three weeks without a continuation decision amber, one ended
without it red, each saying why with a link to act. Time is frozen on Wednesday 10 June 2026."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreation import services
from cocreation.continuation import deciding_parties
from cocreation.models import ContinuationDecision, PulseInvitation
from dashboard import health
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _health(project):
    project.refresh_from_db()
    return health.health_for(project)


def _answer(project, user, weeks_ago, ambition, collaboration):
    period = TODAY - datetime.timedelta(weeks=weeks_ago)
    PulseInvitation.objects.create(
        project=project,
        user=user,
        period_start=period,
        sent_at=NOW - datetime.timedelta(weeks=weeks_ago),
        answered_at=NOW - datetime.timedelta(weeks=weeks_ago),
        ambition=ambition,
        collaboration=collaboration,
    )


def _phase(project, days_to_end, name="Verkennen"):
    return factories.PhaseFactory(
        project=project,
        name=name,
        start_date=TODAY - datetime.timedelta(days=60),
        end_date=TODAY + datetime.timedelta(days=days_to_end),
    )


def _decide(phase, designer):
    services.continuation_decision_record(
        actor=designer,
        phase=phase,
        outcome=ContinuationDecision.Outcome.CONTINUE,
        reason="Alle partijen gaan door.",
        decided_on=TODAY,
        parties=[
            {"organisation": organisation, "agreed": True, "decided_by": speaker or "Ontwerper"}
            for organisation, _role, speaker in deciding_parties(phase.project)
        ],
    )


def test_good_pulse_answers_leave_the_project_green(world):
    for weeks_ago in (8, 4, 0):
        _answer(world.project_a, world.client_a, weeks_ago, 4, 4)
    assert _health(world.project_a).colour == health.GREEN


def test_a_low_latest_pulse_turns_amber_naming_the_question(world):
    _answer(world.project_a, world.client_a, 4, 4, 4)
    _answer(world.project_a, world.client_a, 0, 4, 2)  # one answer counts for the team
    result = _health(world.project_a)
    assert result.colour == health.AMBER
    [reason] = result.reasons
    assert "samenwerking" in reason.text and "2,0" in reason.text
    assert reason.url == reverse("cocreation:pulse", kwargs={"slug": world.project_a.slug})


def test_the_low_mark_is_a_setting_and_inclusive(world, settings):
    _answer(world.project_a, world.client_a, 0, 3, 4)
    assert _health(world.project_a).colour == health.GREEN
    settings.HEALTH_PULSE_LOW = 3
    _answer(world.project_a, world.partner, 0, 3, 4)  # a write: the health is computed anew
    assert _health(world.project_a).colour == health.AMBER


def test_a_pulse_falling_a_point_over_three_periods_turns_amber(world):
    for weeks_ago, score in ((8, 5), (4, 4), (0, 4)):
        _answer(world.project_a, world.client_a, weeks_ago, score, 4)
    result = _health(world.project_a)
    assert result.colour == health.AMBER
    [reason] = result.reasons
    assert "ambitie daalt" in reason.text and "5,0" in reason.text and "4,0" in reason.text


def test_a_fall_over_only_two_periods_or_less_than_a_point_says_nothing(world):
    _answer(world.project_a, world.client_a, 4, 5, 5)
    _answer(world.project_a, world.client_a, 0, 3, 3)  # two periods only
    assert _health(world.project_a).colour == health.GREEN
    for weeks_ago, score in ((8, 4), (4, 4), (0, 3)):
        _answer(world.project_b, world.client_b, weeks_ago, score, score)
    assert _health(world.project_b).colour == health.AMBER  # 2.5 at most: 3 is not low
    assert "daalt" in _health(world.project_b).reasons[0].text


def test_a_phase_ending_in_three_weeks_without_a_decision_turns_amber(world):
    phase = _phase(world.project_a, 21)
    result = _health(world.project_a)
    assert result.colour == health.AMBER
    [reason] = result.reasons
    assert reason.text == "Fase Verkennen eindigt over 21 dagen zonder besluit over het vervolg."
    assert reason.url == reverse(
        "cocreation:decision_create", kwargs={"slug": world.project_a.slug, "phase": phase.pk}
    )


def test_a_phase_ending_in_twenty_two_days_says_nothing(world):
    _phase(world.project_a, 22)
    assert _health(world.project_a).colour == health.GREEN


def test_a_phase_ended_without_a_decision_turns_red(world):
    _phase(world.project_a, -5)
    result = _health(world.project_a)
    assert result.colour == health.RED
    assert result.reasons[0].text == (
        "Fase Verkennen is 5 dagen geleden geëindigd zonder besluit over het vervolg."
    )


def test_a_phase_with_a_decision_says_nothing_and_clears_at_once(world):
    phase = _phase(world.project_a, -5)
    assert _health(world.project_a).colour == health.RED
    _decide(phase, world.designer)
    assert _health(world.project_a).colour == health.GREEN


def test_pulse_and_guard_read_for_many_projects_at_once(world, django_assert_max_num_queries):
    projects = []
    for _ in range(5):
        project = factories.ProjectFactory()
        _phase(project, 3)
        _answer(project, world.client_a, 0, 1, 1)
        projects.append(project)
    assert timezone.now() == NOW
    with django_assert_max_num_queries(6):
        result = health.health_of(projects)
    assert all(len(h.reasons) == 3 for h in result.values())
