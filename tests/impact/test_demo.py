"""The demo shows impact (issue 14 §1): `seed_demo` holds an impact log made by the services."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from impact.models import ImpactEntry, Initiative, SignificantChange, Visibility
from impact.selectors import entries_visible_to
from projects.models import Project, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]
RUNNING = ["vlinderbuurt-samen-aan-zet", "thuis-in-het-parkkwartier"]


@pytest.fixture
def seeded():
    call_command("seed_demo")


@pytest.mark.parametrize("slug", RUNNING)
def test_each_running_demo_project_has_shared_and_internal_entries_with_contributions(seeded, slug):
    entries = ImpactEntry.objects.filter(project__slug=slug)
    shared = entries.filter(visibility=Visibility.SHARED)
    assert shared.count() >= 3
    for entry in entries:
        assert entry.contributions.exists(), entry.title  # linked to what contributed
        assert entry.significance and entry.contribution_note and entry.themes.exists()
    assert shared.filter(commitments__isnull=False).exists()  # and to commitments


def test_the_team_keeps_internal_entries_beside_the_shared_ones(seeded):
    internal = ImpactEntry.objects.filter(visibility=Visibility.INTERNAL)
    assert internal.filter(consent_withdrawn_at__isnull=True).exists()
    assert internal.filter(involves_resident=True, consent_scope="internal").exists()


def test_entries_happen_in_the_projects_past_phases_and_link_activities_before_them(seeded):
    today = timezone.localdate()
    for entry in ImpactEntry.objects.filter(project__slug__in=RUNNING):
        phases = entry.project.phases.all()
        assert entry.occurred_on < today
        assert any(p.start_date <= entry.occurred_on <= p.end_date for p in phases)
        for contribution in entry.contributions.select_related("activity"):
            assert contribution.activity.project_id == entry.project_id
            assert contribution.activity.date <= entry.occurred_on
        for commitment in entry.commitments.select_related("party__version__agreement"):
            assert commitment.party.version.agreement.project_id == entry.project_id


def test_a_resident_withdrew_consent_and_the_client_no_longer_sees_it(seeded):
    withdrawn = ImpactEntry.objects.get(consent_withdrawn_at__isnull=False)
    assert withdrawn.visibility == Visibility.INTERNAL and withdrawn.consent_withdrawal_note
    client = User.objects.get(email="client@example.org")
    visible = entries_visible_to(client, withdrawn.project)
    assert visible.exists() and withdrawn not in visible
    # The service recorded it: the audit trail holds who withdrew it.
    audit = withdrawn.project.audit_entries.filter(target_id=withdrawn.pk)
    assert audit.filter(changes__has_key="consent_withdrawal_note").exists()


def test_most_significant_changes_have_reasons_and_past_periods(seeded):
    today = timezone.localdate()
    for slug in RUNNING:
        selections = SignificantChange.objects.filter(entry__project__slug=slug)
        assert selections.count() >= 2
        for selection in selections:
            assert len(selection.reason) > 40 and selection.selected_by is not None
            assert selection.period_start <= selection.entry.occurred_on <= selection.period_end
            assert selection.period_end < today
            assert selection.entry.visibility == Visibility.SHARED


def test_a_resident_initiatives_ownership_grew_over_several_steps(seeded):
    grown = [
        initiative
        for initiative in Initiative.objects.filter(project__slug__in=RUNNING)
        if len(initiative.steps) >= 3
    ]
    assert grown
    for initiative in grown:
        levels = [step.level for step in initiative.steps]
        assert levels == sorted(levels) and levels[0] < levels[-1]
        assert all(step.date < timezone.localdate() for step in initiative.steps)
        assert all(step.remark for step in initiative.steps)


def test_the_demo_client_dashboard_shows_the_impact(client, seeded):
    project = Project.objects.get(slug=RUNNING[0])
    client.force_login(User.objects.get(email="client@example.org"))
    html = client.get(f"/projecten/{project.slug}/dashboard/").content.decode()
    assert "Meest significante veranderingen" in html
    assert "De bewonersgroep vroeg zelf het wijkbudget aan" in html
    assert "Eindelijk durf ik" not in html  # consent withdrawn
    assert "Spanning in de bewonersgroep" not in html  # internal
    assert "Koffieochtend in buurthuis De Rups" in html
    assert "Er is nog geen reflectiemoment geweest" not in html
    assert "Loopt goed" in html and "Vraagt aandacht" not in html  # the green project


@pytest.mark.parametrize("day", ["2027-01-03", "2026-12-31"])  # a Sunday, the year's end
def test_seed_demo_makes_the_same_impact_log_on_any_day(day):
    import time_machine

    moment = datetime.datetime.fromisoformat(f"{day}T10:00:00+01:00")
    with time_machine.travel(moment, tick=False):
        call_command("seed_demo")
        assert ImpactEntry.objects.filter(project__slug__in=RUNNING).count() >= 10
        assert SignificantChange.objects.count() >= 4
        assert all(e.occurred_on < moment.date() for e in ImpactEntry.objects.all())
