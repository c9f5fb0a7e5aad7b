"""The ownership curve (issue 16): per month the share of the activities led by residents and
the rung of the participation ladder reached, beside the initiatives' steps in ownership, on
the dashboard and in the progress report. Every date is explicit and in the past."""

import datetime
import io
import json
import re
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dashboard import figures
from dashboard.models import ProgressReport
from dashboard.ownership import curve_charts, ownership_curve
from dashboard.reports import render_report_pdf
from impact import selectors as impact_selectors
from projects import selectors as project_selectors
from projects.services.activities import activity_update
from tests.factories import ActivityFactory, InitiativeFactory, OwnershipStepFactory

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = (datetime.date(2026, month, 1) for month in (1, 2, 3))
Q1 = (JAN, datetime.date(2026, 3, 31))


@pytest.fixture
def ladder(world):
    """Project A: January led by the designers (informeren, raadplegen) and one activity
    without a ladder; nothing in February; March half led by residents (coproduceren,
    (mee)beslissen, adviseren); an initiative stepping up in January and March."""
    project = world.project_a
    for day, led_by, level in [
        (5, "designers", "inform"),
        (12, "designers", "consult"),
        (19, "", ""),
    ]:
        ActivityFactory(
            project=project, date=JAN.replace(day=day), led_by=led_by, level_reached=level
        )
    for day, led_by, level in [
        (3, "residents", "coproduce"),
        (10, "residents", "decide"),
        (17, "partner", "advise"),
        (24, "client", ""),
    ]:
        ActivityFactory(
            project=project, date=MAR.replace(day=day), led_by=led_by, level_reached=level
        )
    ActivityFactory(project=world.project_b, date=MAR, led_by="residents", level_reached="decide")
    initiative = InitiativeFactory(project=project, title="Moestuin Vlinderplein")
    OwnershipStepFactory(initiative=initiative, level=1, date=datetime.date(2026, 1, 10))
    OwnershipStepFactory(initiative=initiative, level=3, date=datetime.date(2026, 3, 2))
    hidden = InitiativeFactory(project=project, title="Verborgen initiatief", visibility="internal")
    OwnershipStepFactory(initiative=hidden, level=2, date=datetime.date(2026, 2, 14))
    return project


def _curve(user, project, period=None):
    rows = project_selectors.activity_months(project, period=period)
    initiatives = list(impact_selectors.initiatives_visible_to(user, project))
    return ownership_curve(rows, initiatives, period=period)


# ---- the figures ----


def test_each_month_shows_the_share_led_by_residents_and_the_rung_reached(world, ladder):
    curve = _curve(world.client_a, ladder)
    assert [m.month for m in curve.months] == [JAN, FEB, MAR]
    jan, _feb, mar = curve.months
    # January: two of the two activities with a recorded leader were led by the designers.
    assert (jan.activities, jan.led_known, jan.resident_led, jan.share) == (3, 2, 0, 0)
    assert (jan.level, jan.level_label) == (1.5, "Raadplegen")  # (1 + 2) / 2, rounded up
    # March: two of four led by residents; rungs 4, 5 and 3 (the fourth recorded none).
    assert (mar.activities, mar.led_known, mar.resident_led, mar.share) == (4, 4, 2, 50)
    assert (mar.level, mar.level_label) == (4.0, "Coproduceren")
    assert curve.chart.data["datasets"][0]["data"] == [0, None, 50]
    assert curve.chart.data["datasets"][1]["data"] == [1.5, None, 4.0]


def test_a_month_without_a_recorded_leader_has_no_share_rather_than_none_led(world, ladder):
    feb = _curve(world.client_a, ladder).months[1]
    assert (feb.activities, feb.share, feb.level, feb.level_label) == (0, None, None, "")


def test_over_all_months_the_share_counts_only_activities_with_a_recorded_leader(world, ladder):
    curve = _curve(world.client_a, ladder)
    assert curve.share == 33  # 2 of 6; the activity without a leader does not count
    assert curve.level == 3.0  # rungs 1, 2, 4, 5, 3


def test_the_initiatives_steps_sit_in_their_month_as_their_reader_may_see_them(world, ladder):
    for_client = _curve(world.client_a, ladder)
    assert [[(i.title, s.level) for i, s in m.steps] for m in for_client.months] == [
        [("Moestuin Vlinderplein", 1)],
        [],
        [("Moestuin Vlinderplein", 3)],
    ]
    for_team = _curve(world.designer, ladder)
    assert [(i.title, s.level) for i, s in for_team.months[1].steps] == [
        ("Verborgen initiatief", 2)
    ]


def test_within_a_period_every_month_of_it_shows_with_only_its_steps(world, ladder):
    period = (FEB, datetime.date(2026, 4, 30))
    curve = _curve(world.client_a, ladder, period)
    assert [m.month for m in curve.months] == [FEB, MAR, datetime.date(2026, 4, 1)]
    assert [m.share for m in curve.months] == [None, 50, None]
    assert [len(m.steps) for m in curve.months] == [0, 1, 0]


def test_a_project_without_a_ladder_or_steps_has_an_empty_curve(world):
    ActivityFactory(project=world.project_a, date=JAN)
    curve = _curve(world.client_a, world.project_a)
    assert curve.empty and curve.share is None and curve.level is None
    assert len(curve.months) == 1


def test_the_pdf_charts_scale_the_share_and_the_rung_each_on_their_own(world, ladder):
    share, rung = curve_charts(_curve(world.client_a, ladder, Q1))
    assert share["svg"]["top"] == 60 and rung["svg"]["top"] == 4  # 50% on gridlines of 20
    assert [line["label"] for line in rung["svg"]["gridlines"]] == [1, 2, 3, 4]


# ---- the dashboard ----


def _dashboard(client, user, project) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard:dashboard", kwargs={"slug": project.slug}))
    assert response.status_code == 200
    return response.content.decode()


def _curve_data(html: str) -> dict:
    found = re.search(r'<script id="chart-curve-data" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_dashboard_shows_the_curve_the_steps_and_the_ladder_explained(client, world, ladder):
    html = _dashboard(client, world.client_a, ladder)
    assert "Eigenaarschap door de tijd" in html
    assert _curve_data(html)["datasets"][0]["data"] == [0, None, 50]
    assert "Bewoners leidden 33% van de activiteiten waarvan de leiding is vastgelegd." in html
    assert "Moestuin Vlinderplein: <span" in html  # its steps, in the list beside the curve
    assert "Verborgen initiatief" not in html
    # The legend: each rung with its one-line explanation.
    assert "Bewoners wordt om hun mening gevraagd" in html
    assert "<script>" not in html and 'style="' not in html


def test_a_changed_leader_shows_on_the_next_render_of_a_cached_dashboard(client, world, ladder):
    assert _curve_data(_dashboard(client, world.client_a, ladder))["datasets"][0]["data"][0] == 0
    activity = ladder.activities.get(date=JAN.replace(day=5))
    activity_update(actor=world.designer, activity=activity, led_by="residents")
    assert _curve_data(_dashboard(client, world.client_a, ladder))["datasets"][0]["data"][0] == 50


# ---- the progress report ----


def _report_text(project, user) -> str:
    report = ProgressReport.objects.create(
        project=project, requested_by=user, period_start=Q1[0], period_end=Q1[1]
    )
    data, _digest = render_report_pdf(report)
    assert PdfReader(io.BytesIO(data)).pages
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def test_progress_report_shows_the_curve_per_month_with_the_steps(world, ladder):
    text = _report_text(ladder, world.client_a)
    assert "Eigenaarschap door de tijd" in text
    assert "Bewoners leidden 33% van de activiteiten" in text
    assert "januari 2026 0% (0/2) 1,5 Raadplegen Moestuin Vlinderplein: Geleid door de" in text
    assert "februari 2026 – – –" in text
    assert (
        "maart 2026 50% (2/4) 4,0 Coproduceren Moestuin Vlinderplein: Geleid door bewoners" in text
    )
    assert "Coproduceren: Bewoners bedenken en maken het samen met ons" in text
    assert "Verborgen initiatief" not in text


def test_the_reports_kinds_per_month_add_up_a_kind_split_by_its_leaders(world, ladder):
    months = project_selectors.activity_months(ladder, period=Q1)
    march = figures.activity_kinds_per_month(months, Q1)[2]
    assert march["kinds"] == [("Straatgesprek", 4)]  # four rows of one kind, one per leader
    assert march["activities"] == 4
