import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cocreation.models import CheckIn, CommitmentReview, Concern, ConcernReply
from impact.models import Contribution, ImpactEntry, Initiative, OwnershipStep, SignificantChange
from projects.models import (
    Activity,
    AuditEntry,
    Membership,
    Neighbourhood,
    Organisation,
    Phase,
    Project,
    User,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]
DEMO_LOGINS = [
    "admin@example.org",
    "designer@example.org",
    "client@example.org",
    "client2@example.org",
    "partner@example.org",
]


ACTIVE_DEMO_PROJECTS = ["vlinderbuurt-samen-aan-zet", "thuis-in-het-parkkwartier"]


def _counts():
    return [
        model.objects.count()
        for model in (
            User,
            Organisation,
            Neighbourhood,
            Project,
            Phase,
            Membership,
            Activity,
            Activity.themes.through,
            Project.themes.through,
            ImpactEntry,
            ImpactEntry.commitments.through,
            Contribution,
            SignificantChange,
            Initiative,
            OwnershipStep,
            CheckIn,
            CommitmentReview,
            Concern,
            ConcernReply,
            AuditEntry,
        )
    ]


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    first = _counts()
    assert all(first), first  # impact, check-ins and concerns too (issue 14)
    call_command("seed_demo")
    assert _counts() == first
    out = capsys.readouterr().out
    for email in DEMO_LOGINS:
        assert email in out


@pytest.mark.parametrize("email", DEMO_LOGINS)
def test_every_demo_account_can_log_in(client, email, password):
    call_command("seed_demo")
    response = client.post(reverse("login"), {"username": email, "password": password})
    assert response.status_code == 302 and response.url == reverse("dashboard:home")


def test_demo_clients_see_only_their_own_organisations_projects():
    call_command("seed_demo")
    first = User.objects.get(email="client@example.org")
    second = User.objects.get(email="client2@example.org")
    mine = set(Project.objects.visible_to(first))
    theirs = set(Project.objects.visible_to(second))
    assert mine and theirs and not mine & theirs


def test_seed_demo_refuses_in_production():
    root = Path(__file__).resolve().parent.parent
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-long-enough-secret-for-this-refusal-test-0123456789",
        "ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "productie" in result.stderr


def test_demo_projects_are_complete_with_four_phases_one_of_them_current():
    call_command("seed_demo")
    for project in Project.objects.all():
        assert project.neighbourhood and project.variant and project.question
        assert project.start_date < project.expected_end_date
        assert project.themes.exists()
        assert project.phases.count() == 4
        assert project.phases.filter(is_current=True).count() == 1


def test_demo_neighbourhoods_have_valid_cbs_codes():
    call_command("seed_demo")
    for neighbourhood in Neighbourhood.objects.all():
        neighbourhood.full_clean()
        assert neighbourhood.cbs_code.startswith("BU")


@pytest.mark.parametrize("slug", ACTIVE_DEMO_PROJECTS)
def test_active_demo_projects_have_about_a_year_of_activities(slug):
    call_command("seed_demo")
    activities = Activity.objects.filter(project__slug=slug)
    today = timezone.localdate()
    dates = sorted(activities.values_list("date", flat=True))
    assert 60 <= len(dates) <= 200
    assert today - timedelta(days=366) <= dates[0] <= today - timedelta(days=300)
    assert today - timedelta(days=42) <= dates[-1] <= today  # the summer holiday is quiet
    # No month of the year is left empty (summer holiday included).
    assert len({(d.year, d.month) for d in dates}) >= 11


def test_demo_activities_are_logged_by_the_three_designers_in_the_phase_of_their_date():
    call_command("seed_demo")
    activities = Activity.objects.select_related("phase", "logged_by")
    assert {a.logged_by.name for a in activities} == {
        "Ben Verbeek",
        "Jorben Smit",
        "Antonie de Graaf",
    }
    for activity in activities:
        phase = activity.phase
        assert phase.project_id == activity.project_id
        assert phase.start_date <= activity.date <= phase.end_date
        assert activity.title and activity.notes and activity.location
        assert activity.new_contacts <= activity.residents_reached or not activity.residents_reached
    assert Activity.themes.through.objects.count() >= activities.count()


def test_current_demo_phase_is_the_one_holding_today():
    call_command("seed_demo")
    today = timezone.localdate()
    for slug in ACTIVE_DEMO_PROJECTS:
        current = Phase.objects.get(project__slug=slug, is_current=True)
        assert current.start_date <= today <= current.end_date


def test_second_seed_demo_adds_no_activities():
    call_command("seed_demo")
    before = list(Activity.objects.values_list("id", "date", "title"))
    call_command("seed_demo")
    assert list(Activity.objects.values_list("id", "date", "title")) == before


def test_seed_demo_completes_a_project_seeded_by_an_older_version():
    municipality = Organisation.objects.create(
        name="Gemeente Rivierenland-Oost", kind=Organisation.Kind.MUNICIPALITY
    )
    old = Project.objects.create(
        slug="vlinderbuurt-samen-aan-zet",
        title="De Vlinderbuurt samen aan zet",
        client=municipality,
    )
    call_command("seed_demo")
    old.refresh_from_db()
    assert old.neighbourhood.name == "Vlinderbuurt"
    assert old.phases.count() == 4
    assert old.activities.count() > 60


def test_demo_parkkwartier_is_amber_for_a_concern_open_ten_days_and_vlinderbuurt_green():
    from dashboard import health

    call_command("seed_demo")
    park = Project.objects.get(slug="thuis-in-het-parkkwartier")
    vlinder = Project.objects.get(slug="vlinderbuurt-samen-aan-zet")
    park_health = health.health_for(park)
    assert park_health.colour == health.AMBER
    assert any("staat al 1" in r.text and "dagen open" in r.text for r in park_health.reasons)
    assert health.health_for(vlinder).colour == health.GREEN
