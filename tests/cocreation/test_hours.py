"""Effort, not output: the designers' hours against the order confirmation in force, with the
warnings at 80 % and 100 % per phase and in total (cocreation/hours.py)."""

from decimal import Decimal

import pytest

from cocreation import services
from cocreation.hours import OK, USED_UP, WARNING, hours_for, hours_level, share_of
from cocreation.models import OrderConfirmation
from tests.factories import ActivityFactory, build_agreed_agreement

pytestmark = pytest.mark.django_db


def confirm(world, version, hours: int, *, ready: bool = True) -> OrderConfirmation:
    """A confirmation of `version` promising `hours`, marked ready without rendering a PDF."""
    confirmation = services.order_confirmation_generate(
        actor=world.admin, version=version, fee=Decimal("9500.00"), hours=hours, enqueue=False
    )
    if ready:
        OrderConfirmation.objects.filter(pk=confirmation.pk).update(
            status=OrderConfirmation.Status.READY, sha256="0" * 64
        )
    return confirmation


@pytest.mark.parametrize(
    ("spent", "level"),
    [
        ("0", OK),
        ("79.5", OK),
        ("79.9", OK),
        ("80", WARNING),
        ("99.5", WARNING),
        ("100", USED_UP),
        ("130", USED_UP),
    ],
)
def test_the_level_turns_at_80_and_100_percent(spent, level):
    assert hours_level(Decimal(spent), 100) == level


def test_the_level_is_ok_without_a_promise():
    assert hours_level(Decimal(500), None) == OK
    assert share_of(Decimal(500), None) is None


def test_the_share_rounds_down_so_79_9_never_reads_80():
    assert share_of(Decimal("79.9"), 100) == 79
    assert share_of(Decimal(40), 50) == 80


@pytest.fixture
def agreed(world):
    return build_agreed_agreement(world)


def _phases(world):
    return list(world.project_a.phases.order_by("order"))


def _log(project, phase, hours):
    return ActivityFactory(project=project, phase=phase, hours=Decimal(hours))


def test_hours_per_phase_and_in_total_against_the_confirmation(world, agreed):
    confirm(world, agreed.version, 100)
    first, second, *_rest = phases = _phases(world)
    _log(world.project_a, first, "30.5")
    _log(world.project_a, first, "10")
    _log(world.project_a, second, "8")
    _log(world.project_a, None, "1.5")
    ActivityFactory(project=world.project_a, phase=second)  # no hours noted: counts nothing
    hours = hours_for(world.project_a, phases)
    assert hours.promised == 100
    assert [(line.phase, line.spent) for line in hours.lines] == [
        (first, Decimal("40.5")),
        (second, Decimal(8)),
        *((phase, Decimal(0)) for phase in phases[2:]),
        (None, Decimal("1.5")),
    ]
    assert hours.total.spent == Decimal(50) and hours.total.share == 50
    assert hours.level == OK


def test_the_total_warns_at_80_percent_and_not_at_79(world, agreed):
    confirm(world, agreed.version, 100)
    first, second, *_rest = phases = _phases(world)
    _log(world.project_a, first, "40")
    _log(world.project_a, second, "39")
    assert hours_for(world.project_a, phases).total.level == OK  # 79 %
    _log(world.project_a, second, "1")
    hours = hours_for(world.project_a, phases)
    assert hours.total.level == WARNING and hours.total.share == 80
    assert {line.level for line in hours.lines} == {OK}  # no phase alone reached 80 %
    _log(world.project_a, second, "20")
    assert hours_for(world.project_a, phases).total.level == USED_UP


def test_a_phase_warns_when_it_alone_used_80_and_100_percent(world, agreed):
    confirm(world, agreed.version, 50)
    first, *_rest = phases = _phases(world)
    _log(world.project_a, first, "39.5")  # 79 %
    assert hours_for(world.project_a, phases).lines[0].level == OK
    _log(world.project_a, first, "0.5")  # 80 %
    hours = hours_for(world.project_a, phases)
    assert hours.lines[0].level == WARNING and hours.lines[0].share == 80
    assert hours.level == WARNING
    _log(world.project_a, first, "10")  # 100 %
    hours = hours_for(world.project_a, phases)
    assert hours.lines[0].level == USED_UP and hours.total.level == USED_UP


def test_only_the_confirmation_in_force_counts(world, agreed):
    old = confirm(world, agreed.version, 40)
    assert hours_for(world.project_a, _phases(world)).promised == 40
    new = confirm(world, agreed.version, 200, ready=False)  # still being made
    assert hours_for(world.project_a, _phases(world)).promised == 40
    OrderConfirmation.objects.filter(pk=new.pk).update(
        status=OrderConfirmation.Status.READY, sha256="1" * 64
    )
    OrderConfirmation.objects.filter(pk=old.pk).update(superseded_by=new)
    assert hours_for(world.project_a, _phases(world)).promised == 200


def test_without_a_confirmation_the_hours_show_without_a_promise(world):
    _log(world.project_a, None, "2")
    hours = hours_for(world.project_a, [])
    assert hours.promised is None and hours.total.spent == Decimal(2)
    assert hours.total.share is None and hours.level == OK


def test_another_projects_hours_do_not_count(world, agreed):
    confirm(world, agreed.version, 10)
    _log(world.project_b, None, "9")
    assert hours_for(world.project_a, _phases(world)).total.spent == 0
