"""Project health (issue 13 §3): each rule turns the colour it should and says why, with a
link to act. Time is frozen on Wednesday 10 June 2026, noon."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreation.models import AgreementVersion, CheckIn, CommitmentReview
from dashboard import health
from projects.models import Membership, Project
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


def _agreed(project, *, weeks=6, first=None, agreed=datetime.date(2026, 5, 1)):
    """An agreed version of `project` with one party and one commitment."""
    version = factories.AgreementVersionFactory(
        agreement=factories.AgreementFactory(project=project),
        check_in_every_weeks=weeks,
        first_check_in=first,
    )
    party = factories.PartyFactory(version=version, organisation=project.client)
    commitment = factories.CommitmentFactory(party=party, description="Wekelijks overleg")
    AgreementVersion.objects.filter(pk=version.pk).update(
        status=AgreementVersion.Status.AGREED,
        agreed_at=timezone.make_aware(datetime.datetime.combine(agreed, datetime.time(10))),
    )
    version.refresh_from_db()
    return version, commitment


def _check_in(version, day, commitment=None, status=None):
    check_in = CheckIn.objects.create(
        agreement=version.agreement, version=version, date=day, attendees="Iedereen"
    )
    if commitment is not None:
        CommitmentReview.objects.create(check_in=check_in, commitment=commitment, status=status)
    return check_in


def _concern(project, days, **kwargs):
    return factories.ConcernFactory(
        project=project, created_at=NOW - datetime.timedelta(days=days), **kwargs
    )


def test_an_active_project_without_signals_is_green(world):
    result = _health(world.project_a)
    assert result.colour == health.GREEN and result.reasons == []
    assert result.label == "Groen"


@pytest.mark.parametrize("status", ["prospect", "paused", "completed"])
def test_a_project_that_is_not_active_has_no_health(world, status):
    Project.objects.filter(pk=world.project_a.pk).update(status=status)
    assert _health(world.project_a) is None


# ---- concerns ----


def test_a_concern_open_for_eight_days_turns_amber_and_links_to_it(world):
    concern = _concern(world.project_a, 8, subject="Waar blijft de bank?")
    result = _health(world.project_a)
    assert result.colour == health.AMBER
    [reason] = result.reasons
    assert "‘Waar blijft de bank?’ staat al 8 dagen open" in reason.text
    assert reason.url == reverse("cocreation:concern", args=[world.project_a.slug, concern.pk])


def test_a_concern_open_for_a_week_exactly_is_still_green(world):
    _concern(world.project_a, 7)
    assert _health(world.project_a).colour == health.GREEN


def test_a_concern_open_for_three_weeks_and_a_day_turns_red(world):
    _concern(world.project_a, 22)
    assert _health(world.project_a).colour == health.RED


def test_a_closed_concern_says_nothing(world):
    _concern(world.project_a, 30, closed_at=NOW - datetime.timedelta(days=1))
    assert _health(world.project_a).colour == health.GREEN


def test_several_late_concerns_are_one_reason_naming_the_oldest(world):
    _concern(world.project_a, 9, subject="Nieuwere")
    _concern(world.project_a, 12, subject="Oudste")
    [reason] = _health(world.project_a).reasons
    assert reason.text.startswith("2 vragen of zorgen staan langer dan 7 dagen open")
    assert "‘Oudste’, al 12 dagen" in reason.text


def test_the_concern_threshold_is_a_setting(world, settings):
    settings.HEALTH_CONCERN_DAYS = 3
    _concern(world.project_a, 4)
    assert _health(world.project_a).colour == health.AMBER


# ---- commitments at the last check-in ----


def test_a_commitment_needing_attention_at_the_last_check_in_turns_amber(world):
    version, commitment = _agreed(world.project_a)
    check_in = _check_in(version, TODAY - datetime.timedelta(days=3), commitment, "attention")
    [reason] = _health(world.project_a).reasons
    assert reason.colour == health.AMBER
    assert f"vroeg de inzet van {world.project_a.client.name} aandacht" in reason.text
    assert "‘Wekelijks overleg’" in reason.text
    assert reason.url == reverse("cocreation:check_in", args=[world.project_a.slug, check_in.pk])


def test_a_dropped_commitment_at_the_last_check_in_turns_red(world):
    version, commitment = _agreed(world.project_a)
    _check_in(version, TODAY - datetime.timedelta(days=3), commitment, "dropped")
    [reason] = _health(world.project_a).reasons
    assert reason.colour == health.RED and "vervallen" in reason.text


def test_attention_at_an_earlier_check_in_says_nothing_once_back_on_track(world):
    version, commitment = _agreed(world.project_a)
    _check_in(version, TODAY - datetime.timedelta(days=45), commitment, "attention")
    _check_in(version, TODAY - datetime.timedelta(days=3), commitment, "on_track")
    assert _health(world.project_a).colour == health.GREEN


# ---- the check-in schedule ----


def test_a_planned_check_in_passed_without_a_record_turns_amber(world):
    _agreed(world.project_a, first=datetime.date(2026, 6, 5))  # a Friday, five days ago
    [reason] = _health(world.project_a).reasons
    assert reason.colour == health.AMBER
    assert "reflectiemoment van 5 juni 2026 is 5 dagen voorbij" in reason.text
    assert reason.url == reverse("cocreation:check_in_create", args=[world.project_a.slug])


def test_a_check_in_long_overdue_turns_red(world):
    version, _ = _agreed(world.project_a, weeks=4)
    _check_in(version, datetime.date(2026, 4, 7))  # next due 5 May: 36 days ago
    result = _health(world.project_a)
    assert result.colour == health.RED and "36 dagen voorbij" in result.reasons[0].text


def test_a_check_in_still_ahead_says_nothing(world):
    version, _ = _agreed(world.project_a, weeks=6)
    _check_in(version, datetime.date(2026, 5, 26))
    assert _health(world.project_a).colour == health.GREEN


# ---- client contacts who stopped looking ----


def test_a_client_who_has_not_opened_the_dashboard_for_seven_weeks_turns_amber(world):
    Membership.objects.filter(user=world.client_a).update(
        last_seen_on=TODAY - datetime.timedelta(weeks=7)
    )
    [reason] = _health(world.project_a).reasons
    assert reason.colour == health.AMBER
    assert reason.text == "Client Anna heeft het dashboard al 7 weken niet geopend."
    assert reason.url == reverse("projects:members", args=[world.project_a.slug])


def test_a_client_who_never_looked_since_joining_long_ago_turns_amber(world):
    joined = NOW - datetime.timedelta(weeks=8)
    Membership.objects.filter(user=world.client_a).update(added_at=joined)
    [reason] = _health(world.project_a).reasons
    assert (
        reason.text.rstrip(".")
    ) == "Client Anna heeft het dashboard nog nooit geopend (lid sinds 15 april 2026)"


def test_a_client_who_looked_recently_or_joined_recently_says_nothing(world):
    Membership.objects.filter(user=world.client_a).update(
        last_seen_on=TODAY - datetime.timedelta(weeks=2),
        added_at=NOW - datetime.timedelta(weeks=20),
    )
    assert _health(world.project_a).colour == health.GREEN


def test_partners_and_designers_who_never_look_say_nothing(world):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    Membership.objects.exclude(role="client").update(added_at=NOW - datetime.timedelta(weeks=20))
    assert _health(world.project_a).colour == health.GREEN


# ---- the colour, the registry, the cost ----


def test_the_worst_reason_decides_the_colour_and_comes_first(world):
    version, commitment = _agreed(world.project_a)
    _check_in(version, TODAY - datetime.timedelta(days=3), commitment, "dropped")
    _concern(world.project_a, 8)
    result = _health(world.project_a)
    assert result.colour == health.RED
    assert [reason.colour for reason in result.reasons] == [health.RED, health.AMBER]


def test_the_registry_lists_every_rule_and_the_hooks_for_pulse_and_phase_guard():
    assert [
        health.concerns_open,
        health.commitments_at_last_check_in,
        health.check_in_overdue,
        health.client_not_looking,
        health.pulse,
        health.phase_guard,
    ] == health.RULES


@pytest.mark.parametrize("size", [2, 12])
def test_health_of_many_projects_takes_a_fixed_number_of_queries(
    world, size, django_assert_max_num_queries
):
    projects = []
    for _ in range(size):
        project = factories.ProjectFactory()
        factories.MembershipFactory(project=project)
        version, commitment = _agreed(project)
        _check_in(version, TODAY - datetime.timedelta(days=3), commitment, "attention")
        _concern(project, 9)
        factories.PhaseFactory(project=project, end_date=TODAY + datetime.timedelta(days=10))
        projects.append(project)
    with django_assert_max_num_queries(6):  # the pulse and the phases: two more, not per project
        result = health.health_of(projects)
    assert {h.colour for h in result.values()} == {health.AMBER}
    with django_assert_max_num_queries(0):
        health.health_of(projects)  # cached for the day under each project's generation


def test_a_change_to_the_project_shows_at_once(world):
    assert _health(world.project_a).colour == health.GREEN
    _concern(world.project_a, 8)  # a write that bumps the project's generation
    assert _health(world.project_a).colour == health.AMBER
