"""Each figure of the dashboard on its own, with real numbers on a little data."""

import datetime

import pytest

from cocreation import services as cocreation_services
from dashboard import figures
from impact import selectors as impact_selectors
from impact.models import SignificantChange
from projects import selectors as project_selectors
from projects.models import Theme
from tests import factories

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = (datetime.date(2026, month, 1) for month in (1, 2, 3))


@pytest.fixture
def activities(world):
    """Project A: two meetings in January (5 and 7 residents), a street conversation in March."""
    project = world.project_a
    for day, kind, residents, contacts in [
        (3, "meeting", 5, 1),
        (20, "meeting", 7, 0),
    ]:
        factories.ActivityFactory(
            project=project,
            kind=kind,
            date=JAN.replace(day=day),
            residents_reached=residents,
            new_contacts=contacts,
        )
    factories.ActivityFactory(
        project=project,
        kind="street_conversation",
        date=MAR.replace(day=9),
        residents_reached=12,
        new_contacts=4,
    )
    factories.ActivityFactory(project=world.project_b, date=JAN, residents_reached=99)
    return project


def test_totals_add_up_activities_residents_and_contacts(activities):
    months = project_selectors.activity_months(activities)
    assert figures.totals(months) == figures.Totals(activities=3, residents=24, contacts=5)


def test_totals_within_a_period_count_only_that_period(activities):
    months = project_selectors.activity_months(activities, period=(FEB, MAR.replace(day=31)))
    assert figures.totals(months) == figures.Totals(activities=1, residents=12, contacts=4)


def test_activity_chart_shows_every_month_from_the_first_to_the_last(activities):
    chart = figures.activity_chart(project_selectors.activity_months(activities))
    assert chart.data["labels"] == ["jan 2026", "feb 2026", "mrt 2026"]
    activities_per_month, residents_per_month = chart.data["datasets"]
    assert activities_per_month["data"] == [2, 0, 1]
    assert residents_per_month["data"] == [12, 0, 12]
    assert chart.table["rows"][0] == {"label": "jan 2026", "values": [2, 12]}
    assert not chart.empty


def test_activity_chart_of_a_period_shows_each_of_its_months(activities):
    period = (datetime.date(2025, 12, 1), FEB.replace(day=28))
    chart = figures.activity_chart(
        project_selectors.activity_months(activities, period=period), period=period
    )
    assert chart.data["labels"] == ["dec 2025", "jan 2026", "feb 2026"]
    assert chart.data["datasets"][0]["data"] == [0, 2, 0]


def test_activity_chart_without_activities_is_empty(world):
    chart = figures.activity_chart(project_selectors.activity_months(world.project_a))
    assert chart.data["labels"] == [] and chart.empty


def test_activity_kinds_per_month_name_the_kinds_most_frequent_first(activities):
    period = (JAN, MAR.replace(day=31))
    months = figures.activity_kinds_per_month(
        project_selectors.activity_months(activities, period=period), period
    )
    assert [month["activities"] for month in months] == [2, 0, 1]
    assert months[0]["kinds"] == [("Bijeenkomst", 2)] and months[0]["residents"] == 12
    assert months[1]["kinds"] == [] and months[2]["kinds"] == [("Straatgesprek", 1)]


def test_impact_per_theme_counts_each_entry_once_and_hides_internal_ones(world):
    project = world.project_a
    samenhang, _ = Theme.objects.get_or_create(name="Sociale samenhang")
    groen, _ = Theme.objects.get_or_create(name="Groen en openbare ruimte")
    both = factories.ImpactEntryFactory(project=project, occurred_on=JAN.replace(day=5))
    both.themes.set([samenhang, groen])
    # Linked to several activities of the same themes: still one entry.
    for day in (2, 3, 4):
        activity = factories.ActivityFactory(project=project, date=JAN.replace(day=day))
        activity.themes.set([samenhang, groen])
        both.contributions.create(activity=activity)
    one = factories.ImpactEntryFactory(project=project, occurred_on=MAR.replace(day=2))
    one.themes.set([samenhang])
    factories.ImpactEntryFactory(project=project, occurred_on=MAR.replace(day=3))  # no theme
    secret = factories.ImpactEntryFactory(
        project=project, occurred_on=FEB.replace(day=3), visibility="internal"
    )
    secret.themes.set([groen])

    for_client = figures.impact_per_theme(
        impact_selectors.entries_per_theme_and_month(world.client_a, project)
    )
    assert for_client.data["labels"] == ["jan 2026", "feb 2026", "mrt 2026"]
    assert {d["label"]: d["data"] for d in for_client.data["datasets"]} == {
        "Groen en openbare ruimte + Sociale samenhang": [1, 0, 0],
        "Sociale samenhang": [0, 0, 1],
        "Zonder thema": [0, 0, 1],
    }
    # The bars are stacked: each month's stack is its number of entries.
    stacks = zip(*(d["data"] for d in for_client.data["datasets"]), strict=True)
    per_month = [sum(stack) for stack in stacks]
    assert per_month == [1, 0, 2]
    for_designer = figures.impact_per_theme(
        impact_selectors.entries_per_theme_and_month(world.designer, project)
    )
    groen_data = next(d for d in for_designer.data["datasets"] if d["label"] == groen.name)
    assert groen_data["data"] == [0, 1, 0]


def test_initiatives_per_level_count_where_each_stood_at_the_end_of_each_month(world):
    project = world.project_a
    garden = factories.InitiativeFactory(project=project, started_on=JAN.replace(day=10))
    factories.OwnershipStepFactory(initiative=garden, level=1, date=JAN.replace(day=10))
    factories.OwnershipStepFactory(initiative=garden, level=3, date=MAR.replace(day=2))
    walk = factories.InitiativeFactory(project=project, started_on=FEB.replace(day=1))
    factories.OwnershipStepFactory(initiative=walk, level=2, date=FEB.replace(day=1))
    hidden = factories.InitiativeFactory(
        project=project, started_on=JAN.replace(day=1), visibility="internal"
    )
    factories.OwnershipStepFactory(initiative=hidden, level=4, date=JAN.replace(day=1))

    initiatives = list(impact_selectors.initiatives_visible_to(world.client_a, project))
    chart = figures.initiatives_per_level(initiatives, today=MAR.replace(day=15))
    assert chart.data["labels"] == ["jan 2026", "feb 2026", "mrt 2026"]
    per_level = [dataset["data"] for dataset in chart.data["datasets"]]
    assert per_level == [[1, 1, 0], [0, 1, 1], [0, 0, 1], [0, 0, 0]]


def test_initiatives_per_level_run_until_today(world):
    garden = factories.InitiativeFactory(project=world.project_a, started_on=JAN.replace(day=10))
    factories.OwnershipStepFactory(initiative=garden, level=1, date=JAN.replace(day=10))
    initiatives = list(impact_selectors.initiatives_visible_to(world.designer, world.project_a))
    chart = figures.initiatives_per_level(initiatives, today=datetime.date(2026, 4, 1))
    assert len(chart.data["labels"]) == 4 and chart.data["datasets"][0]["data"] == [1, 1, 1, 1]


def test_initiatives_until_a_date_leave_out_later_starts_and_steps(world):
    garden = factories.InitiativeFactory(project=world.project_a, started_on=JAN.replace(day=10))
    factories.OwnershipStepFactory(initiative=garden, level=1, date=JAN.replace(day=10))
    factories.OwnershipStepFactory(initiative=garden, level=3, date=MAR.replace(day=2))
    later = factories.InitiativeFactory(project=world.project_a, started_on=MAR.replace(day=1))
    factories.OwnershipStepFactory(initiative=later, level=1, date=MAR.replace(day=1))
    until = FEB.replace(day=28)
    (initiative,) = impact_selectors.initiatives_visible_to(
        world.client_a, world.project_a, until=until
    )
    assert initiative == garden and initiative.current_step.level == 1


def test_agreement_has_the_active_version_commitments_with_their_review_and_next_check_in(world):
    built = factories.build_agreed_agreement(world)
    commitment = built.client.commitments.get()
    cocreation_services.check_in_record(
        actor=world.designer,
        agreement=built.version.agreement,
        date=FEB.replace(day=20),
        attendees="Iedereen",
        reviews={commitment.pk: ("attention", "Minder uren dan gepland.")},
    )
    agreement = figures.agreement(world.project_a)
    assert agreement.version == built.version
    assert agreement.last_check_in.date == FEB.replace(day=20)
    weeks = datetime.timedelta(weeks=built.version.check_in_every_weeks)
    assert agreement.next_check_in == FEB.replace(day=20) + weeks
    reviewed = {c.pk: c.last_review for _party, cs in agreement.parties for c in cs}
    assert len(agreement.parties) == 3 and len(reviewed) == 3
    assert reviewed[commitment.pk].remark == "Minder uren dan gepland."


def test_agreement_until_a_date_before_the_check_in_has_no_reviews(world):
    built = factories.build_agreed_agreement(world)
    commitment = built.client.commitments.get()
    cocreation_services.check_in_record(
        actor=world.designer,
        agreement=built.version.agreement,
        date=FEB.replace(day=20),
        attendees="Iedereen",
        reviews={commitment.pk: ("on_track", "")},
    )
    agreement = figures.agreement(world.project_a, until=FEB.replace(day=1))
    assert agreement.last_check_in is None and agreement.next_check_in is None
    assert all(c.last_review is None for _party, cs in agreement.parties for c in cs)


def test_agreement_without_an_agreed_version_is_empty(world):
    factories.build_agreement(world, status="proposed")
    agreement = figures.agreement(world.project_a)
    assert agreement == figures.Agreement(
        version=None, parties=[], last_check_in=None, next_check_in=None
    )


def _significant(entry, designer, reason="Omdat"):
    return SignificantChange.objects.create(
        entry=entry,
        period_start=entry.occurred_on,
        period_end=entry.occurred_on,
        reason=reason,
        selected_by=designer,
    )


def test_highlights_put_the_significant_changes_first_then_the_latest_others(world):
    project = world.project_a
    entries = [
        factories.ImpactEntryFactory(project=project, occurred_on=JAN.replace(day=day))
        for day in range(1, 8)
    ]
    chosen = _significant(entries[0], world.designer)
    factories.ImpactEntryFactory(
        project=project, occurred_on=JAN.replace(day=9), visibility="internal"
    )
    highlights = impact_selectors.highlights_visible_to(world.client_a, project)
    assert highlights.selections == [chosen]
    assert highlights.recent == entries[6:2:-1]  # the four latest, the chosen one left out
    assert highlights.more == 0


def test_highlights_of_a_period_keep_every_change_and_count_the_rest(world):
    project = world.project_a
    in_period = [
        factories.ImpactEntryFactory(project=project, occurred_on=FEB.replace(day=day))
        for day in range(1, 6)
    ]
    factories.ImpactEntryFactory(project=project, occurred_on=MAR.replace(day=2))
    first, second = (_significant(entry, world.designer) for entry in in_period[:2])
    highlights = impact_selectors.highlights_visible_to(
        world.client_a,
        project,
        period=(FEB, FEB.replace(day=28)),
        significant=None,
        recent=2,
        count_more=True,
    )
    assert set(highlights.selections) == {first, second}
    assert highlights.recent == [in_period[4], in_period[3]]
    assert highlights.more == 1


def test_highlights_bring_the_activities_that_contributed(world, django_assert_num_queries):
    entry = factories.ImpactEntryFactory(project=world.project_a, occurred_on=JAN)
    factories.ContributionFactory(entry=entry, activity__title="Koffie op het plein")
    highlights = impact_selectors.highlights_visible_to(world.designer, world.project_a)
    with django_assert_num_queries(0):
        titles = [c.activity.title for c in highlights.recent[0].contribution_list]
    assert titles == ["Koffie op het plein"]
