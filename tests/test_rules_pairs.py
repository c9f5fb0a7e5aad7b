"""Each read rule is written twice, as a queryset for lists and as a predicate for one object
(STYLE: permissions). On the demo data, with a concern and a progress report added for every
external member, both halves give the same answer for every user and every object."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from cocreation.models import Concern, OrderConfirmation
from cocreation.rules import concerns_visible_to, confirmations_visible_to
from dashboard.models import ProgressReport
from dashboard.rules import reports_for
from projects.models import Membership, Project, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    externals = Membership.objects.filter(role__in=["client", "partner"]).select_related(
        "user", "project"
    )
    for membership in externals:
        Concern.objects.create(
            project=membership.project, raised_by=membership.user, subject="Vraag", body="?"
        )
        ProgressReport.objects.create(
            project=membership.project,
            requested_by=membership.user,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 1, 31),
        )
    users = [AnonymousUser(), *User.objects.order_by("pk")]
    assert len(users) >= 6 and Concern.objects.count() >= 3
    return users


def test_project_visible_to_agrees_with_view_project(demo):
    projects = list(Project.objects.all())
    for user in demo:
        listed = set(Project.objects.visible_to(user))
        allowed = {p for p in projects if user.has_perm("projects.view_project", p)}
        assert listed == allowed, user


def test_concerns_visible_to_agrees_with_view_concern(demo):
    concerns = list(Concern.objects.select_related("raised_by", "project"))
    for user in demo:
        listed = set(concerns_visible_to(user))
        allowed = {c for c in concerns if user.has_perm("cocreation.view_concern", c)}
        assert listed == allowed, user
        for project in Project.objects.all():
            in_project = set(concerns_visible_to(user, project))
            assert in_project == {c for c in allowed if c.project_id == project.pk}, user


def test_reports_for_agrees_with_download_progress_report(demo):
    for project in Project.objects.all():
        reports = list(ProgressReport.objects.filter(project=project))
        for user in demo:
            listed = set(reports_for(user, project))
            allowed = {r for r in reports if user.has_perm("dashboard.download_progress_report", r)}
            assert listed == allowed, (user, project)


def test_confirmations_visible_to_agrees_with_view_confirmation(demo):
    assert OrderConfirmation.objects.exists()
    for project in Project.objects.all():
        confirmations = list(OrderConfirmation.objects.filter(project=project))
        for user in demo:
            listed = set(confirmations_visible_to(user, project))
            allowed = {c for c in confirmations if user.has_perm("cocreation.view_confirmation", c)}
            assert listed == allowed, (user, project)


def test_a_client_sees_some_concerns_but_not_all(demo):
    # Guards the two tests above against agreeing on "nothing" or on "everything".
    client = User.objects.get(email="client@example.org")
    assert 0 < concerns_visible_to(client).count() < Concern.objects.count()
    assert 0 < Project.objects.visible_to(client).count() < Project.objects.count()


def test_pulse_answers_visible_to_agrees_with_view_pulse_answer(demo):
    from cocreation.models import PulseInvitation
    from cocreation.rules import pulse_answers_visible_to

    answers = list(PulseInvitation.objects.select_related("project"))
    assert any(a.is_answered for a in answers) and any(not a.is_answered for a in answers)
    for user in demo:
        for project in Project.objects.all():
            listed = set(pulse_answers_visible_to(user, project))
            allowed = {
                a
                for a in answers
                if a.project_id == project.pk and user.has_perm("cocreation.view_pulse_answer", a)
            }
            assert listed == allowed, (user, project)
