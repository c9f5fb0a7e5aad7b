"""The period of a progress report is bounded in the form: from the project's start, up to
today, at most five years long. Each bound is a Dutch form error, never a 500 or a queued job."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from dashboard.forms import ProgressReportForm
from dashboard.models import ProgressReport

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 31)  # a year's last day; the week does not matter here


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 31, 11, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def project(world):
    world.project_a.start_date = datetime.date(2020, 3, 1)
    world.project_a.save()
    return world.project_a


def _form(project, start: str, end: str) -> ProgressReportForm:
    data = {"report-period_start": start, "report-period_end": end}
    return ProgressReportForm.for_project(project, data=data)


def test_a_period_within_the_bounds_is_accepted(project):
    assert _form(project, "2026-01-01", "2026-12-31").is_valid()


def test_a_period_before_the_projects_start_is_refused_in_dutch(project):
    form = _form(project, "2020-02-29", "2020-12-31")
    assert not form.is_valid()
    assert form.errors["period_start"] == [
        "De periode kan niet beginnen vóór de start van het project (1 maart 2020)."
    ]


def test_a_period_ending_after_today_is_refused_in_dutch(project):
    form = _form(project, "2026-06-01", "2027-01-01")
    assert not form.is_valid()
    assert form.errors["period_end"] == ["De periode kan niet verder lopen dan vandaag."]


def test_a_period_longer_than_five_years_is_refused_in_dutch(project):
    form = _form(project, "2021-03-01", "2026-03-02")
    assert not form.is_valid()
    assert form.errors["period_end"] == [
        "Een rapportage beslaat hoogstens 5 jaar; kies een kortere periode."
    ]


def test_a_period_of_exactly_five_years_is_accepted(project):
    assert _form(project, "2021-03-01", "2026-03-01").is_valid()


def test_a_period_from_the_year_one_is_refused_in_dutch_also_without_a_project_start(world):
    form = _form(world.project_a, "0001-01-01", TODAY.isoformat())
    assert not form.is_valid()
    assert form.errors["period_start"] == [
        "Een datum vóór 2000 kan niet kloppen; controleer het jaar."
    ]


def test_the_date_pickers_offer_the_projects_start_up_to_today(project):
    form = ProgressReportForm.for_project(project)
    for name in ("period_start", "period_end"):
        attrs = form.fields[name].widget.attrs
        assert (attrs["min"], attrs["max"]) == ("2020-03-01", "2026-12-31")


def test_the_date_pickers_start_in_2000_for_a_project_without_a_start(world):
    attrs = ProgressReportForm.for_project(world.project_a).fields["period_start"].widget.attrs
    assert attrs["min"] == "2000-01-01"


def test_client_posting_a_period_from_the_year_one_gets_a_form_error_and_no_job(
    world, client, project
):
    client.force_login(world.client_a)
    data = {"report-period_start": "0001-01-01", "report-period_end": "2026-12-31"}
    url = reverse("dashboard:report_request", args=[project.slug])
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Een datum vóór 2000 kan niet kloppen" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_the_period_is_prefilled_with_iso_dates_a_date_input_accepts(world, time_machine):
    time_machine.move_to(datetime.datetime(2026, 8, 31, 12, 0, tzinfo=datetime.UTC), tick=False)
    html = str(ProgressReportForm.for_project(world.project_a)["period_end"])
    assert 'value="2026-08-31"' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_dashboard_page_sends_the_period_as_iso_dates(world, client, project, language):
    # A date input ignores value="31-12-2026" (the Dutch input format) and shows nothing.
    client.force_login(world.client_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("dashboard:dashboard", args=[project.slug])).content.decode()
    start = re.search(r'<input type="date" name="report-period_start"[^>]*>', page).group()
    end = re.search(r'<input type="date" name="report-period_end"[^>]*>', page).group()
    assert 'value="2026-10-02"' in start  # the last three months, 90 days
    assert 'value="2026-12-31"' in end
