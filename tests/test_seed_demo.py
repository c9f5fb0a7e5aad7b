import datetime
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


def test_demo_projects_are_complete_with_their_variants_phases_one_of_them_current():
    call_command("seed_demo")
    for project in Project.objects.select_related("variant"):
        assert project.neighbourhood and project.variant and project.question
        assert project.start_date < project.expected_end_date
        assert project.themes.exists()
        # Four for the Buurtexpeditie, three for the Buurtwerk Verdieping training.
        assert project.phases.count() == project.variant.template_phases.count() >= 3
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


def test_demo_phases_that_ended_have_decisions_except_the_first_of_the_singelhof():
    from cocreation.continuation import phase_decisions_due
    from cocreation.models import ContinuationDecision, PartyDecision

    call_command("seed_demo")
    counts = (ContinuationDecision.objects.count(), PartyDecision.objects.count())
    call_command("seed_demo")
    assert (ContinuationDecision.objects.count(), PartyDecision.objects.count()) == counts
    today = timezone.localdate()
    vlinderbuurt = Project.objects.get(slug="vlinderbuurt-samen-aan-zet")
    assert phase_decisions_due(vlinderbuurt, today) == []
    for phase in vlinderbuurt.phases.filter(end_date__lt=today):
        decision = phase.continuation_decision
        assert decision.outcome == "continue" and decision.reason
        assert decision.parties.count() == 3 and all(p.agreed for p in decision.parties.all())
    parkkwartier = Project.objects.get(slug="thuis-in-het-parkkwartier")
    assert phase_decisions_due(parkkwartier, today) == []
    assert parkkwartier.phases.filter(continuation_decision__isnull=False).count() == 3
    singelhof = Project.objects.get(slug="samen-rond-de-singelhof")
    [(phase, state, days)] = phase_decisions_due(singelhof, today)
    assert (phase.order, state, days) == (0, "overdue", 15)


def test_demo_projects_start_from_their_variants_template():
    from cocreation.models import AgreementVersion

    call_command("seed_demo")
    for project in Project.objects.select_related("variant"):
        template = project.variant.template_phases.order_by("order")
        phases = project.phases.order_by("order")
        assert list(phases.values_list("name", flat=True)) == [p.name for p in template]
        first = AgreementVersion.objects.filter(agreement__project=project, number=1).first()
        if first is not None:
            assert first.approach.startswith(project.variant.default_approach)


def test_demo_pulses_fall_on_the_parkkwartier_stay_good_on_the_vlinderbuurt(time_machine, client):
    from cocreation.demo_pulse import open_demo_pulse
    from cocreation.models import PulseInvitation
    from cocreation.pulse import open_pulse_invitations, pulse_trend

    time_machine.move_to(datetime.datetime(2026, 12, 31, 10, tzinfo=datetime.UTC), tick=False)
    call_command("seed_demo")
    count = PulseInvitation.objects.count()
    falling = pulse_trend(Project.objects.get(slug="thuis-in-het-parkkwartier"), min_answers=1)
    assert len(falling) >= 6
    assert all(p.ambition >= 4 and p.collaboration >= 4 for p in falling[:3])
    assert all(2 <= p.ambition <= 3 and 2 <= p.collaboration <= 3 for p in falling[-3:])
    steady = pulse_trend(Project.objects.get(slug="vlinderbuurt-samen-aan-zet"), min_answers=1)
    assert len(steady) >= 6 and all(p.ambition >= 4 and p.collaboration >= 4 for p in steady)
    demo_client = User.objects.get(email="client@example.org")
    assert list(open_pulse_invitations(demo_client)) == [open_demo_pulse()]
    call_command("seed_demo")
    assert PulseInvitation.objects.count() == count
    client.force_login(demo_client)
    dashboard = reverse("dashboard:dashboard", kwargs={"slug": "vlinderbuurt-samen-aan-zet"})
    assert "Beantwoord de puls" in client.get(dashboard).content.decode()


def test_demo_shows_outcomes_confirmed_by_a_resident_and_in_part_by_a_partner():
    from impact.models import SubstantiationRequest

    call_command("seed_demo")
    requests = SubstantiationRequest.objects.filter(
        entry__project__slug="vlinderbuurt-samen-aan-zet"
    )
    labels = {asked.entry.title: asked.label for asked in requests.select_related("entry")}
    assert sorted(labels.values()) == [
        "bevestigd door een bewoner",
        "deels bevestigd door een partner",
        "gevraagd, nog geen antwoord",
    ]
    assert all(asked.asked_at < timezone.now() for asked in requests)
    count = requests.count()
    call_command("seed_demo")
    assert requests.count() == count


@pytest.mark.parametrize("slug", ACTIVE_DEMO_PROJECTS)
def test_demo_ladder_shows_residents_taking_over_over_the_year(slug):
    from dashboard.ownership import ownership_curve
    from projects.selectors import activity_months

    call_command("seed_demo")
    project = Project.objects.get(slug=slug)
    curve = ownership_curve(activity_months(project), [])
    months = [m for m in curve.months if m.share is not None]
    assert len(months) >= 11
    first, last = months[:3], months[-3:]
    early = sum(m.resident_led for m in first) / sum(m.led_known for m in first)
    late = sum(m.resident_led for m in last) / sum(m.led_known for m in last)
    assert early < 0.35 < 0.5 < late
    assert first[0].level < last[-1].level
    # The tap is optional: a few activities record no ladder, as in real use.
    assert project.activities.filter(led_by="").exists()
    ladder = list(project.activities.values_list("id", "led_by", "level_reached", "initiated_by"))
    call_command("seed_demo")
    assert (
        list(project.activities.values_list("id", "led_by", "level_reached", "initiated_by"))
        == ladder
    )


def test_seed_demo_leaves_the_demo_client_something_to_agree_to():
    from dashboard.selectors import home_for

    call_command("seed_demo")
    call_command("seed_demo")
    client = User.objects.get(email="client@example.org")
    asks = home_for(client).asks
    consent = [ask for ask in asks if ask.kind == "consent"]
    assert [ask.project.slug for ask in consent] == ["pleinen-van-de-oude-haven"]


def test_demo_hours_reach_80_percent_on_the_vlinderbuurt_only():
    from cocreation.hours import OK, WARNING, hours_for
    from projects.selectors import trajectory

    call_command("seed_demo")
    levels = {}
    for slug in ACTIVE_DEMO_PROJECTS:
        project = Project.objects.get(slug=slug)
        hours = hours_for(project, trajectory(project))
        assert hours.promised and hours.total.spent > 0
        levels[slug] = (hours.total.level, hours.total.share)
    assert levels["vlinderbuurt-samen-aan-zet"] == (WARNING, 81)
    level, share = levels["thuis-in-het-parkkwartier"]
    assert level == OK and share < 80
    before = list(Activity.objects.values_list("id", "hours"))
    call_command("seed_demo")
    assert list(Activity.objects.values_list("id", "hours")) == before


def test_demo_parkkwartier_shows_version_1_on_a_day_before_version_2_was_agreed():
    from cocreation.agreed_on import version_in_force
    from cocreation.selectors import current_confirmation

    call_command("seed_demo")
    project = Project.objects.get(slug="thuis-in-het-parkkwartier")
    today = timezone.localdate()
    now = version_in_force(project, today)
    assert now.number == 2
    agreed = timezone.localdate(now.agreed_at)
    assert today - timedelta(weeks=8) < agreed < today
    assert version_in_force(project, agreed - timedelta(days=1)).number == 1
    assert version_in_force(project, agreed).number == 2
    # Every check-in was held under version 1; the confirmation in force confirms version 2.
    assert set(
        CheckIn.objects.filter(agreement__project=project).values_list("version__number", flat=True)
    ) == {1}
    assert current_confirmation(project).version_id == now.pk
    call_command("seed_demo")
    assert project.agreement.versions.count() == 2


def test_demo_parkkwartier_is_amber_for_a_concern_open_ten_days_and_vlinderbuurt_green():
    from dashboard import health

    call_command("seed_demo")
    park = Project.objects.get(slug="thuis-in-het-parkkwartier")
    vlinder = Project.objects.get(slug="vlinderbuurt-samen-aan-zet")
    park_health = health.health_for(park)
    assert park_health.colour == health.AMBER
    assert any("staat al 1" in r.text and "dagen open" in r.text for r in park_health.reasons)
    assert health.health_for(vlinder).colour == health.GREEN


def test_demo_shows_one_project_green_one_amber_and_one_red():
    """A newcomer sees every colour of the health after `make run`: the Vlinderbuurt green,
    the Parkkwartier amber (its pulse falls, a concern waits ten days), the Singelhof red (its
    first phase ended without a decision)."""
    from dashboard import health

    call_command("seed_demo")
    judged = {
        project.slug: health.health_for(project)
        for project in Project.objects.filter(status=Project.Status.ACTIVE)
    }
    assert judged["vlinderbuurt-samen-aan-zet"].colour == health.GREEN
    amber = judged["thuis-in-het-parkkwartier"]
    assert amber.colour == health.AMBER
    texts = " ".join(reason.text for reason in amber.reasons)
    assert "De puls over de samenwerking" in texts  # fallen to a low mark
    assert "staat al 10 dagen open" in texts
    red = judged["samen-rond-de-singelhof"]
    assert red.colour == health.RED
    assert red.reasons[0].text.startswith("Fase ") and "zonder besluit" in red.reasons[0].text
