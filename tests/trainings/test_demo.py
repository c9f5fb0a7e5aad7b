import datetime

import pytest
from django.core.management import call_command

from cocreation.models import AgreementVersion, ContinuationDecision, OrderConfirmation
from projects import demo as projects_demo
from projects.models import Membership, Project
from trainings import demo as trainings_demo
from trainings.attendance import tally
from trainings.demo import SLUG, session_days
from trainings.models import (
    Attendance,
    Certificate,
    Evaluation,
    Participant,
    PracticeAssignment,
    Session,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]

# A Sunday and New Year's Eve: the sessions fall on Tuesdays whatever day it is.
DAYS = [datetime.date(2026, 3, 1), datetime.date(2026, 12, 31), datetime.date(2027, 1, 5)]


@pytest.fixture
def seeded(time_machine):
    """The demo world and its training only (what the training needs, seeded quickly)."""
    time_machine.move_to(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC), tick=False)
    projects_demo.seed_demo()
    trainings_demo.seed_demo()
    return Project.objects.get(slug=SLUG)


@pytest.fixture
def all_seeded(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC), tick=False)
    call_command("seed_demo")
    return Project.objects.get(slug=SLUG)


def _counts():
    return [
        model.objects.count()
        for model in (
            Session,
            Session.trainers.through,
            Participant,
            Attendance,
            PracticeAssignment,
            Evaluation,
            Certificate,
            Membership,
            AgreementVersion,
            ContinuationDecision,
            OrderConfirmation,
        )
    ]


@pytest.mark.parametrize("today", DAYS)
def test_three_of_the_four_sessions_are_held_on_any_day(today):
    days = session_days(today)
    assert [d.weekday() for d in days] == [1] * 4
    assert days[2] < today < days[3]
    assert [later - earlier for earlier, later in zip(days, days[1:], strict=False)] == [
        datetime.timedelta(weeks=2)
    ] * 3


def test_demo_training_is_a_verdieping_trajectory_of_the_demo_client(seeded):
    assert seeded.variant.name == "Buurtwerk Verdieping" and seeded.variant.service.is_training
    assert seeded.client.name == "Gemeente Rivierenland-Oost"
    assert seeded.memberships.filter(user__email="client@example.org", role="client").exists()
    sessions = list(seeded.sessions.order_by("starts_at"))
    assert len(sessions) == 4
    assert seeded.sessions.held().count() == 3
    current = seeded.phases.get(is_current=True)
    assert all(s.phase_id == current.pk and s.trainers.exists() for s in sessions)
    assert all(current.start_date <= s.starts_at.date() <= current.end_date for s in sessions)


def test_demo_participants_some_qualify_for_a_certificate_and_some_do_not(seeded):
    participants = list(seeded.participants.select_related("organisation"))
    assert len(participants) == 12
    assert len({p.email for p in participants}) == 12
    assert all(p.email.endswith("@example.org") for p in participants)
    organisations = {p.organisation.name for p in participants}
    assert organisations == {
        "Gemeente Rivierenland-Oost",
        "Welzijn Rivierenland",
        "Bewonersgroep De Vlinderbuurt",
    }
    counted = tally(seeded)
    assert counted.held == 3
    attended = sorted(counted.attended.get(p.pk, 0) for p in participants)
    assert attended == [1, 1, 2, 2] + [3] * 8
    qualifying = {p.pk for p in participants if counted.qualifies(p.pk)}
    assert len(qualifying) == 8
    certified = set(
        Certificate.objects.filter(participant__project=seeded).values_list(
            "participant_id", flat=True
        )
    )
    assert certified == qualifying


def test_demo_has_two_reflections_one_shared_with_the_client(seeded):
    reflected = PracticeAssignment.objects.filter(
        participant__project=seeded, reflected_at__isnull=False
    )
    assert reflected.count() == 2
    assert all(a.tried and a.happened and a.differently for a in reflected)
    assert [a.share_with_client for a in reflected.order_by("participant__name")] == [True, False]
    assert all(a.reflected_at < datetime.datetime.now(datetime.UTC) for a in reflected)


def test_demo_evaluations_were_answered_after_the_held_sessions(seeded):
    evaluations = Evaluation.objects.filter(participant__project=seeded).select_related("session")
    answered = [e for e in evaluations if e.answered_at]
    assert len(answered) >= 0.7 * len(evaluations) > 0
    assert len(answered) < len(evaluations)  # a few did not answer, as in real life
    assert {e.session.title for e in evaluations} == {s.title for s in seeded.sessions.held()}
    for e in answered:
        assert e.session.ends_at < e.sent_at < e.answered_at
        assert 3 <= e.usefulness <= 5 and e.will_apply
        assert Attendance.objects.filter(session=e.session, participant=e.participant).exists()
    assert any(e.remark and e.share_remark for e in answered)


def test_demo_training_is_agreed_by_every_party_decided_confirmed_and_seeded_once(all_seeded):
    seeded = all_seeded
    version = AgreementVersion.objects.get(agreement__project=seeded)
    assert version.status == AgreementVersion.Status.AGREED
    parties = list(version.parties.select_related("organisation"))
    assert len(parties) == 3 and all(party.commitments.exists() for party in parties)
    texts = " ".join(c.description for party in parties for c in party.commitments.all())
    assert "tijd voor de praktijkopdracht" in texts
    assert "stemmen het programma af op de praktijk" in texts
    first = seeded.phases.order_by("order").first()
    assert first.start_date <= version.agreed_at.date() <= first.end_date
    assert first.continuation_decision.parties.count() == 3
    assert seeded.order_confirmations.get().status == OrderConfirmation.Status.READY
    first = _counts()
    assert all(first), first
    call_command("seed_demo")
    assert _counts() == first
