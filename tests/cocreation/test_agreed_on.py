"""'What did we agree on date X?': the version in force that day, who consented, and how every
commitment stood at the last check-in on or before it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cocreation import services
from cocreation.agreed_on import agreed_on
from cocreation.models import CheckIn
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


# ---- the page ----


def _page(client, project, day: str):
    url = reverse("cocreation:agreement", kwargs={"slug": project.slug})
    return client.get(url, {"datum": day})


def _section(response) -> str:
    """The date section of the page (the page above it shows the version in force today)."""
    return response.content.decode().split('id="op-datum"', 1)[1]


def test_partner_sees_version_one_with_its_consents_on_a_day_between(client, world, history):
    client.force_login(world.partner)
    response = _page(client, world.project_a, "2026-04-20")
    html = _section(response)
    assert response.status_code == 200
    assert "Op 20 april 2026 gold versie 1, afgesproken op 2 maart 2026." in html
    assert "Buren kennen elkaar en zorgen samen voor het plein." in html
    assert "Het plein is van de buurt." not in html
    assert "Ingestemd door Client Anna op 2 maart 2026" in html
    assert "Ingestemd door Partner Piet op 2 maart 2026" in html
    assert "Vraagt aandacht" in html and "Gedaan" not in html


def test_page_shows_version_two_from_the_day_it_was_agreed(client, world, history):
    client.force_login(world.client_a)
    html = _section(_page(client, world.project_a, "2026-05-04"))
    assert "gold versie 2, afgesproken op 4 mei 2026" in html
    assert "Het plein is van de buurt." in html


def test_page_before_any_agreement_says_so(client, world, history):
    client.force_login(world.client_a)
    html = _page(client, world.project_a, "2026-02-27").content.decode()
    assert "Op 27 februari 2026 was er nog geen samenwerkingsafspraak" in html
    assert "gold versie" not in html


def test_commitments_without_a_check_in_yet_say_so(client, world, history):
    client.force_login(world.client_a)
    html = _page(client, world.project_a, "2026-03-02").content.decode()
    assert "gold versie 1" in html and "nog geen reflectiemoment" in html


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-02-30", "Dit is geen geldige datum."),
        ("20-04-2026", "Dit is geen geldige datum."),
        ("", "Kies een datum."),
        ("1999-12-31", "Een datum vóór 2000 kan niet kloppen"),
        ("2026-07-02", "Deze datum ligt in de toekomst."),
    ],
)
def test_a_bad_date_gets_a_dutch_message(client, world, history, day, message):
    client.force_login(world.client_a)
    response = _page(client, world.project_a, day)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "gold versie" not in response.content.decode()


def test_outsider_gets_404_for_the_date_view(client, world, history):
    client.force_login(world.client_b)
    assert _page(client, world.project_a, "2026-04-20").status_code == 404


def test_page_without_a_date_shows_only_the_picker(client, world, history):
    client.force_login(world.client_a)
    url = reverse("cocreation:agreement", kwargs={"slug": world.project_a.slug})
    html = client.get(url).content.decode()
    assert 'name="datum"' in html and "gold versie" not in html and "Kies een datum." not in html


def test_check_in_links_to_the_agreement_on_its_date(client, world, history):
    client.force_login(world.partner)
    check_in = CheckIn.objects.get(date=D(2026, 4, 6))
    url = reverse("cocreation:check_in", kwargs={"slug": world.project_a.slug, "pk": check_in.pk})
    agreement = reverse("cocreation:agreement", kwargs={"slug": world.project_a.slug})
    html = client.get(url).content.decode()
    assert f'href="{agreement}?datum=2026-04-06#op-datum"' in html
    assert "Wat spraken we af op deze datum?" in html


def test_progress_report_links_to_the_agreement_at_its_period_end(client, world, history):
    from dashboard.models import ProgressReport

    ProgressReport.objects.create(
        project=world.project_a,
        requested_by=world.client_a,
        period_start=D(2026, 4, 1),
        period_end=D(2026, 5, 31),
    )
    client.force_login(world.client_a)
    html = client.get(reverse("dashboard:reports", args=[world.project_a.slug])).content.decode()
    agreement = reverse("cocreation:agreement", kwargs={"slug": world.project_a.slug})
    assert f'href="{agreement}?datum=2026-05-31#op-datum"' in html


# ---- queries ----


def _grow(world, time_machine, first_monday: datetime.date, rounds: int) -> None:
    """`rounds` more versions, each with an extra commitment, agreed and checked in on."""
    from cocreation.selectors import active_version

    day = first_monday
    for _ in range(rounds):
        current = active_version(world.project_a)
        _at(time_machine, day)
        draft = services.agreement_version_new_draft(
            actor=world.designer, agreement=current.agreement, from_version=current
        )
        services.commitment_add(
            actor=world.designer,
            party=draft.parties.get(order=0),
            kind="time",
            description=f"Nog een uur per week vanaf {day}",
        )
        _agree(world, draft)
        draft.refresh_from_db()
        _check_in(world, draft, day, "on_track")
        day += datetime.timedelta(weeks=1)
    _at(time_machine, day)


def _count(django_assert_num_queries, expected, call):
    with django_assert_num_queries(expected):
        call()


def test_queries_do_not_grow_with_versions_commitments_and_check_ins(
    client, world, history, time_machine, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page():
        response = _page(client, world.project_a, timezone.localdate().isoformat())
        assert response.status_code == 200

    def selector():
        version = agreed_on(world.project_a, timezone.localdate()).version
        for party in version.parties.all():
            assert [c.user.name for c in party.consents.all()]
            assert list(party.commitments.all())

    _grow(world, time_machine, D(2026, 7, 6), 1)
    client.force_login(world.partner)
    with CaptureQueriesContext(connection) as small_page:
        page()
    with CaptureQueriesContext(connection) as small_selector:
        selector()
    _grow(world, time_machine, D(2026, 8, 3), 4)
    client.force_login(world.partner)  # a fresh session: the clock moved on
    _count(django_assert_num_queries, len(small_page), page)
    _count(django_assert_num_queries, len(small_selector), selector)
    assert len(small_selector) <= 6
