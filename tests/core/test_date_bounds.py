"""Every typed date is bounded (core.dates): year 0001 is a Dutch form error, not a row that
stretches the dashboard's charts over 24,000 months (issue 15, item 6)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.charts import MAX_MONTHS, months_between
from core.dates import planned, within_bounds
from impact.models import ImpactEntry, Initiative
from projects.models import Project
from tests.factories import ImpactEntryFactory, build_dashboard
from tests.projects.test_project_views import project_form_data

TODAY = datetime.date(2026, 12, 31)
TOO_EARLY = "Een datum vóór 2000 kan niet kloppen; controleer het jaar."


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 31, 12, 0, tzinfo=datetime.UTC), tick=False)


def test_within_bounds_refuses_before_2000_and_after_the_allowed_ahead():
    assert within_bounds(datetime.date(2000, 1, 1)) == datetime.date(2000, 1, 1)
    assert within_bounds(TODAY) == TODAY
    for wrong in [datetime.date(1, 1, 1), datetime.date(1999, 12, 31), datetime.date(2027, 1, 1)]:
        with pytest.raises(ValidationError):
            within_bounds(wrong)
    assert planned(datetime.date(2036, 1, 1)) == datetime.date(2036, 1, 1)
    with pytest.raises(ValidationError, match="te ver in de toekomst"):
        planned(datetime.date(2037, 6, 1))


@pytest.mark.django_db
def test_an_impact_entry_from_year_one_is_a_form_error(client, world):
    client.force_login(world.designer)
    data = {
        "kind": "outcome",
        "title": "Buren groeten elkaar nu",
        "occurred_on": "0001-01-01",
        "visibility": "internal",
        "consent_method": "",
    }
    response = client.post(reverse("impact:create", args=[world.project_a.slug]), data)
    assert response.status_code == 200
    assert TOO_EARLY in response.content.decode()
    assert not ImpactEntry.objects.exists()


@pytest.mark.django_db
def test_an_initiative_from_year_one_is_a_form_error(client, world):
    client.force_login(world.designer)
    data = {"title": "Buurtapp", "started_on": "0001-01-01", "level": "2", "visibility": "shared"}
    response = client.post(reverse("impact:initiative_create", args=[world.project_a.slug]), data)
    assert response.status_code == 200
    assert TOO_EARLY in response.content.decode()
    assert not Initiative.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start_date", "0001-01-01", TOO_EARLY),
        ("expected_end_date", "9999-12-31", "Deze datum ligt te ver in de toekomst."),
    ],
)
def test_project_dates_are_bounded(client, world, field, value, message):
    client.force_login(world.designer)
    data = project_form_data(world.project_a.client, **{field: value})
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Project.objects.filter(title=data["title"]).exists()


def test_months_between_keeps_the_latest_ten_years():
    months = months_between(datetime.date(1, 1, 1), TODAY)
    assert len(months) == MAX_MONTHS
    assert months[-1] == datetime.date(2026, 12, 1)
    assert months[0] == datetime.date(2017, 1, 1)


@pytest.mark.django_db
def test_a_stray_old_entry_does_not_stretch_the_dashboard(client, world):
    build_dashboard(world)
    # As stored before dates were bounded.
    ImpactEntryFactory(
        project=world.project_a, occurred_on=datetime.date(1, 1, 1), visibility="shared"
    )
    client.force_login(world.client_a)
    response = client.get(reverse("dashboard:dashboard", args=[world.project_a.slug]))
    assert response.status_code == 200
    assert len(response.content) < 400_000


@pytest.mark.django_db
def test_a_most_significant_period_is_bounded(world):
    from impact.forms.significance import SignificantForm

    entry = ImpactEntryFactory(project=world.project_a)
    data = {"period_start": "0001-01-01", "period_end": "9999-12-31", "reason": "Omdat."}
    form = SignificantForm(data=data, entry=entry)
    assert not form.is_valid()
    assert TOO_EARLY in form.errors["period_start"]
    assert "Deze datum ligt te ver in de toekomst." in form.errors["period_end"][0]
