"""'What did we agree on date X?': the version in force that day, who consented, and how every
commitment stood at the last check-in on or before it."""

import datetime

import pytest

from cocreation import services
from cocreation.agreed_on import agreed_on
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def _at(time_machine, day: datetime.date) -> None:
    time_machine.move_to(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=datetime.UTC))


def _agree(world, version) -> None:
    """Propose `version` and let every party consent, as its representative (or the designer)."""
    version = services.agreement_version_propose(actor=world.designer, version=version)
    for party in version.parties.select_related("representative"):
        services.consent_to(
            actor=party.representative or world.designer,
            version=version,
            party=party,
            content_hash=version.content_hash,
        )


def _check_in(world, version, day, status: str):
    return services.check_in_record(
        actor=world.designer,
        agreement=version.agreement,
        date=day,
        attendees="Anna, Piet, Dirk",
        reviews={
            c.pk: (status, f"{status} op {day}")
            for c in version.parties.get(order=0).commitments.all()
        },
    )


def build_history(world, time_machine):
    """Version 1 agreed on Monday 2 March 2026 (check-in 6 April: attention), version 2 with a
    new ambition agreed on Monday 4 May 2026 (check-in 1 June: done); today is 1 July 2026."""
    _at(time_machine, D(2026, 3, 2))
    first = factories.build_agreed_agreement(world).version
    _at(time_machine, D(2026, 4, 6))
    _check_in(world, first, D(2026, 4, 6), "attention")
    second = services.agreement_version_new_draft(
        actor=world.designer, agreement=first.agreement, from_version=first
    )
    services.agreement_version_update(
        actor=world.designer, version=second, ambition="Het plein is van de buurt."
    )
    _at(time_machine, D(2026, 5, 4))
    _agree(world, second)
    _at(time_machine, D(2026, 6, 1))
    second.refresh_from_db()
    _check_in(world, second, D(2026, 6, 1), "done")
    _at(time_machine, D(2026, 7, 1))
    first.refresh_from_db()
    return first, second


@pytest.fixture
def history(world, time_machine):
    return build_history(world, time_machine)


def _statuses(result) -> set:
    return {
        c.last_review.status if c.last_review else None
        for _party, commitments in result.parties
        for c in commitments
    }


def test_version_in_force_between_two_agreements_is_the_first(world, history):
    first, _second = history
    result = agreed_on(world.project_a, D(2026, 4, 20))
    assert result.version == first
    assert result.version.ambition == first.ambition


def test_version_agreed_that_very_day_is_in_force(world, history):
    _first, second = history
    assert agreed_on(world.project_a, D(2026, 5, 4)).version == second


def test_day_before_an_agreement_the_earlier_version_is_in_force(world, history):
    first, _second = history
    assert agreed_on(world.project_a, D(2026, 5, 3)).version == first


def test_before_any_agreement_nothing_is_in_force(world, history):
    result = agreed_on(world.project_a, D(2026, 3, 1))
    assert result.version is None and result.parties == []


def test_status_comes_from_the_last_check_in_before_the_date_not_a_later_one(world, history):
    result = agreed_on(world.project_a, D(2026, 5, 31))
    assert result.check_in.date == D(2026, 4, 6)
    # The first party's commitment was carried into version 2: its status is April's.
    assert "attention" in _statuses(result) and "done" not in _statuses(result)
    assert "done" in _statuses(agreed_on(world.project_a, D(2026, 6, 1)))


def test_no_check_in_yet_leaves_every_commitment_without_status(world, history):
    result = agreed_on(world.project_a, D(2026, 4, 5))
    assert result.check_in is None and _statuses(result) == {None}


def test_consents_of_the_version_come_with_who_gave_them(world, history):
    first, _second = history
    version = agreed_on(world.project_a, D(2026, 4, 20)).version
    consents = [c for p in version.parties.all() for c in p.consents.all()]
    assert {c.user.name for c in consents} == {"Client Anna", "Partner Piet", "Designer Dirk"}
    assert {c.at.date() for c in consents} == {D(2026, 3, 2)}
