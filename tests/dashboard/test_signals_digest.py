"""The weekly signals digest for designers (issue 13 §5): their projects on amber or red and
why, the concerns waiting, once a week per designer, with the client digest's opt-out."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from dashboard import signals_digest
from dashboard.tasks import send_weekly_signals_task
from impact import digest as impact_digest
from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db

# A Thursday at the end of a year: the week began on Monday 28 December.
NOW = datetime.datetime(2026, 12, 31, 10, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 12, 31)
MONDAY = datetime.date(2026, 12, 28)


@pytest.fixture(autouse=True)
def thursday(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def signals(world):
    """The designer works on both projects; a concern on project A has waited nine days."""
    for project in (world.project_a, world.project_b):
        factories.MembershipFactory(user=world.designer, project=project, role="designer")
    factories.ConcernFactory(
        project=world.project_a,
        subject="Waar blijft de bank?",
        created_at=NOW - datetime.timedelta(days=9),
    )
    return world


def test_designer_gets_their_amber_projects_with_reasons_and_the_concerns_waiting(signals):
    assert signals_digest.send_weekly_signals(today=TODAY) == 1
    (message,) = mail.outbox
    assert message.to == [signals.designer.email]
    assert message.subject == "Signalen van deze week uit uw projecten"
    assert f"{signals.project_a.title}: Oranje" in message.body
    assert "‘Waar blijft de bank?’ staat al 9 dagen open" in message.body
    assert "Vragen en zorgen die op antwoord wachten" in message.body
    concern = signals.project_a.concerns.get()
    assert concern.get_absolute_url() in message.body
    assert signals.project_b.title not in message.body  # green, nothing waiting


def test_the_signals_digest_goes_out_once_a_week_even_when_the_task_runs_twice(signals):
    signals_digest.send_weekly_signals(today=MONDAY)
    signals_digest.send_weekly_signals(today=MONDAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1
    signals_digest.send_weekly_signals(today=MONDAY + datetime.timedelta(days=7))
    assert len(mail.outbox) == 2  # the next week


def test_an_opted_out_designer_gets_no_signals_digest(signals):
    impact_digest.opt_out(signals.designer)
    assert signals_digest.send_weekly_signals(today=TODAY) == 0
    assert mail.outbox == []


def test_the_mail_has_the_signed_unsubscribe_link_that_opts_the_designer_out(client, signals):
    signals_digest.send_weekly_signals(today=TODAY)
    url = reverse(
        "impact:digest_unsubscribe", args=[impact_digest.unsubscribe_token(signals.designer)]
    )
    assert url in mail.outbox[0].body
    client.post(url)
    assert signals_digest.send_weekly_signals(today=TODAY + datetime.timedelta(days=7)) == 0


def test_no_signals_digest_when_all_is_green_and_nothing_waits(world):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    assert signals_digest.send_weekly_signals(today=TODAY) == 0


def test_clients_and_partners_never_get_the_signals_digest(signals):
    signals_digest.send_weekly_signals(today=TODAY)
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {signals.designer.email}


def test_only_the_designers_own_active_projects_are_in_it(signals):
    Project.objects.filter(pk=signals.project_a.pk).update(status="paused")
    assert signals_digest.send_weekly_signals(today=TODAY) == 0


def test_the_task_sends_the_signals_digest(signals, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert send_weekly_signals_task.apply().get() == 1


def test_beat_sends_the_signals_digest_on_monday_morning():
    entry = django_settings.CELERY_BEAT_SCHEDULE["dashboard-weekly-signals"]
    assert entry["task"] == "dashboard.send_weekly_signals"
    assert entry["schedule"] == crontab(day_of_week="mon", hour=7, minute=15)


def test_decisions_due_in_the_designers_projects_are_listed_with_a_link(signals):
    due = factories.PhaseFactory(
        project=signals.project_b, name="Ontwerpen", end_date=TODAY + datetime.timedelta(days=5)
    )
    factories.PhaseFactory(
        project=signals.project_a, name="Later", end_date=TODAY + datetime.timedelta(days=40)
    )
    other = factories.ProjectFactory()  # not the designer's
    factories.PhaseFactory(project=other, name="Elders", end_date=TODAY)
    digest = signals_digest.signals_digest_for(signals.designer, today=TODAY)
    assert [(d.phase, d.state, d.days) for d in digest.decisions] == [(due, "due", 5)]
    signals_digest.send_weekly_signals(today=TODAY)
    (message,) = mail.outbox
    assert "Besluiten over de volgende fase" in message.body
    assert (
        f"{signals.project_b.title}: Fase Ontwerpen eindigt op 5 januari 2027: besluit samen "
        "over het vervolg." in message.body
    )
    url = reverse("cocreation:decision_create", args=[signals.project_b.slug, due.pk])
    assert url in message.body
    assert "Elders" not in message.body and "Later" not in message.body


def test_a_phase_ended_without_a_decision_comes_first(signals):
    factories.PhaseFactory(
        project=signals.project_a, name="Doen", end_date=TODAY + datetime.timedelta(days=2)
    )
    factories.PhaseFactory(
        project=signals.project_b, name="Verkennen", end_date=TODAY - datetime.timedelta(days=3)
    )
    digest = signals_digest.signals_digest_for(signals.designer, today=TODAY)
    assert [(d.phase.name, d.state) for d in digest.decisions] == [
        ("Verkennen", "overdue"),
        ("Doen", "due"),
    ]
    assert digest.decisions[0].text == (
        "Fase Verkennen eindigde op 28 december 2026 zonder besluit over het vervolg."
    )
