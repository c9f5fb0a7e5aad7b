"""The pulse's bookkeeping: who is asked, at most once per period, opting out, recording an
answer once, and the trend per period (issue 13 §2). Time is frozen in every test."""

import datetime
import re

import pytest
from django.core import mail

from cocreation import services
from cocreation.models import PulseInvitation
from cocreation.pulse import open_pulse_invitations, pulse_trend
from cocreation.services.pulse import period_start, pulse_invite
from cocreation.tasks import send_pulses_task
from core.links import LinkRefused
from projects.models import Project
from tests import factories

pytestmark = pytest.mark.django_db

# A Sunday, 31 December: the suite must hold on both.
NEW_YEARS_EVE = datetime.datetime(2028, 12, 31, 9, tzinfo=datetime.UTC)


@pytest.fixture
def agreed(world):
    return factories.build_agreed_agreement(world)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NEW_YEARS_EVE, tick=False)
    return time_machine


def _send(capture) -> int:
    with capture(execute=True):
        return send_pulses_task.apply().get()


def test_every_external_contact_gets_one_pulse_with_one_click_links(
    world, agreed, frozen, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    assert _send(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.client_a.email, world.partner.email]
    )
    body = mail.outbox[0].body
    links = re.findall(r"http://\S+/puls/\S+\?score=[1-5]", body)
    assert len(links) == 5  # one link per score of the collaboration question
    assert "/puls/afmelden/" in body
    assert "Vlinderbuurt samen" in mail.outbox[0].subject
    invitations = PulseInvitation.objects.filter(project=world.project_a)
    assert {i.user_id for i in invitations} == {world.client_a.pk, world.partner.pk}
    assert {i.period_start for i in invitations} == {period_start(NEW_YEARS_EVE.date(), 4)}


def test_the_beat_task_run_twice_sends_nothing_new(
    world, agreed, frozen, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    assert _send(django_capture_on_commit_callbacks) == 2
    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert PulseInvitation.objects.count() == 2


def test_the_next_period_brings_the_next_pulse(
    world, agreed, frozen, django_capture_on_commit_callbacks
):
    # 31 December 2028 lies in the four-week period from Monday 25 December.
    assert period_start(NEW_YEARS_EVE.date(), 4) == datetime.date(2028, 12, 25)
    assert _send(django_capture_on_commit_callbacks) == 2
    frozen.move_to(datetime.datetime(2029, 1, 21, 9, tzinfo=datetime.UTC), tick=False)
    assert _send(django_capture_on_commit_callbacks) == 0  # the period's last day
    frozen.move_to(datetime.datetime(2029, 1, 22, 9, tzinfo=datetime.UTC), tick=False)
    assert _send(django_capture_on_commit_callbacks) == 2
    starts = PulseInvitation.objects.filter(user=world.client_a).values_list(
        "period_start", flat=True
    )
    assert sorted(starts) == [datetime.date(2028, 12, 25), datetime.date(2029, 1, 22)]


def test_an_opted_out_contact_gets_no_pulse(
    world, agreed, frozen, django_capture_on_commit_callbacks
):
    services.pulse_opt_out(user=world.partner)
    services.pulse_opt_out(user=world.partner)  # twice changes nothing
    mail.outbox.clear()
    assert _send(django_capture_on_commit_callbacks) == 1
    assert [m.to[0] for m in mail.outbox] == [world.client_a.email]


def test_no_pulse_without_an_agreed_version_or_for_a_paused_project(
    world, frozen, django_capture_on_commit_callbacks
):
    factories.build_agreement(world, status="proposed")
    assert _send(django_capture_on_commit_callbacks) == 0
    Project.objects.filter(pk=world.project_b.pk).update(status=Project.Status.PAUSED)
    factories.agreed_version_for(world.project_b)
    assert _send(django_capture_on_commit_callbacks) == 0


def test_a_shorter_interval_asks_again_only_a_full_new_period_later(
    world, agreed, frozen, django_capture_on_commit_callbacks
):
    frozen.move_to(datetime.datetime(2028, 12, 26, 9, tzinfo=datetime.UTC), tick=False)
    assert _send(django_capture_on_commit_callbacks) == 2  # period from 25 December
    agreement = agreed.version.agreement
    services.pulse_interval_set(actor=world.designer, agreement=agreement, weeks=2)
    # On a two-week grid 25 December starts a period too: no second pulse in it.
    frozen.move_to(datetime.datetime(2029, 1, 5, 9, tzinfo=datetime.UTC), tick=False)
    assert _send(django_capture_on_commit_callbacks) == 0
    frozen.move_to(datetime.datetime(2029, 1, 8, 9, tzinfo=datetime.UTC), tick=False)
    assert _send(django_capture_on_commit_callbacks) == 2
    assert _send(django_capture_on_commit_callbacks) == 0
    assert agreement.__class__.objects.get(pk=agreement.pk).pulse_weeks == 2


def test_an_answer_is_recorded_once_and_then_refused_as_used(world, agreed, frozen):
    invitation = pulse_invite(
        project=world.project_a, user=world.client_a, period=datetime.date(2028, 12, 25)
    )
    services.pulse_answer(
        actor=world.client_a, invitation=invitation, ambition=4, collaboration=5, remark=" Fijn "
    )
    with pytest.raises(LinkRefused) as refused:
        services.pulse_answer(
            actor=world.client_a, invitation=invitation, ambition=1, collaboration=1
        )
    assert refused.value.reason == "used"
    invitation.refresh_from_db()
    assert (invitation.ambition, invitation.collaboration, invitation.remark) == (4, 5, "Fijn")


def test_a_contact_who_left_the_project_answers_nothing_with_an_old_link(world, agreed, frozen):
    invitation = pulse_invite(
        project=world.project_a, user=world.partner, period=datetime.date(2028, 12, 25)
    )
    world.project_a.memberships.filter(user=world.partner).delete()

    with pytest.raises(LinkRefused) as refused:
        services.pulse_answer(
            actor=world.partner, invitation=invitation, ambition=1, collaboration=1
        )

    assert refused.value.reason == "tampered"
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_an_answer_past_its_window_is_refused_as_expired(world, agreed, frozen):
    invitation = pulse_invite(
        project=world.project_a, user=world.client_a, period=datetime.date(2028, 12, 25)
    )
    frozen.shift(datetime.timedelta(days=15))
    with pytest.raises(LinkRefused) as refused:
        services.pulse_answer(
            actor=world.client_a, invitation=invitation, ambition=4, collaboration=4
        )
    assert refused.value.reason == "expired"
    assert not PulseInvitation.objects.get(pk=invitation.pk).is_answered
    assert not open_pulse_invitations(world.client_a).exists()


def test_answering_bumps_the_projects_generation(world, agreed, frozen):
    invitation = pulse_invite(
        project=world.project_a, user=world.client_a, period=datetime.date(2028, 12, 25)
    )
    before = Project.objects.get(pk=world.project_a.pk).generation
    services.pulse_answer(actor=world.client_a, invitation=invitation, ambition=3, collaboration=3)
    assert Project.objects.get(pk=world.project_a.pk).generation > before


def _answered(project, user, period, ambition, collaboration):
    invitation = pulse_invite(project=project, user=user, period=period)
    return services.pulse_answer(
        actor=user, invitation=invitation, ambition=ambition, collaboration=collaboration
    )


def test_the_trend_averages_each_period_and_hides_too_few_answers(world, agreed, frozen):
    first, second = datetime.date(2028, 11, 27), datetime.date(2028, 12, 25)
    _answered(world.project_a, world.client_a, first, 5, 4)
    _answered(world.project_a, world.partner, first, 4, 3)
    _answered(world.project_a, world.client_a, second, 2, 2)
    pulse_invite(project=world.project_a, user=world.partner, period=second)  # unanswered
    trend = pulse_trend(world.project_a)
    assert [(p.period_start, p.answers) for p in trend] == [(first, 2), (second, 1)]
    # Two answers: each of the two could work out the other's score, so not revealed either.
    assert not trend[0].shown and not trend[1].shown and trend[1].ambition is None
    averaged = pulse_trend(world.project_a, min_answers=2)
    assert (averaged[0].ambition, averaged[0].collaboration) == (4.5, 3.5)
    team = pulse_trend(world.project_a, min_answers=1)
    assert (team[1].ambition, team[1].collaboration) == (2.0, 2.0)


def test_open_invitations_are_the_unanswered_recent_ones_of_the_user(world, agreed, frozen):
    mine = pulse_invite(
        project=world.project_a, user=world.client_a, period=datetime.date(2028, 12, 25)
    )
    pulse_invite(project=world.project_a, user=world.partner, period=datetime.date(2028, 12, 25))
    assert list(open_pulse_invitations(world.client_a)) == [mine]
    assert list(open_pulse_invitations(world.client_b)) == []
