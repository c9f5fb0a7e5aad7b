import pytest
from django.core.management import call_command

from cocreation.demo import seed_agreements
from cocreation.models import AgreementVersion, Consent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]


def test_seed_agreements_is_idempotent_and_leaves_one_proposal_waiting():
    call_command("seed_demo")
    seed_agreements()
    seed_agreements()
    agreed = AgreementVersion.objects.filter(status="agreed")
    assert agreed.count() == 3  # the Vlinderbuurt, the Parkkwartier and the training
    for version in agreed:
        assert Consent.objects.filter(version=version).count() == version.parties.count()
    vlinderbuurt = "vlinderbuurt-samen-aan-zet"
    waiting = AgreementVersion.objects.get(status="proposed", agreement__project__slug=vlinderbuurt)
    assert waiting.consents.count() == waiting.parties.count() - 1
    # The Oude Haven's first proposal (cocreation/demo_asks.py) awaits every party.
    [first] = AgreementVersion.objects.filter(status="proposed").exclude(
        agreement__project__slug=vlinderbuurt
    )
    assert first.consents.count() == 0


RUNNING = ["vlinderbuurt-samen-aan-zet", "thuis-in-het-parkkwartier"]


@pytest.mark.parametrize("day", [None, "2027-01-03", "2026-12-31"])  # today, a Sunday, year end
def test_demo_check_ins_are_past_weekdays_with_every_commitments_status(day):
    import datetime

    import time_machine
    from django.utils import timezone

    from cocreation.models import CheckIn, CommitmentReview
    from cocreation.selectors import commitments_to_review, next_check_in

    moment = datetime.datetime.fromisoformat(f"{day}T10:00:00+01:00") if day else None
    with time_machine.travel(moment or timezone.now(), tick=False):
        call_command("seed_demo")
        today = timezone.localdate()
        for slug in RUNNING:
            check_ins = list(CheckIn.objects.filter(agreement__project__slug=slug))
            assert len(check_ins) >= 3
            phases = check_ins[0].agreement.project.phases.all()
            for check_in in check_ins:
                assert check_in.date < today and check_in.date.weekday() < 5
                assert any(p.start_date <= check_in.date <= p.end_date for p in phases)
                reviewed = {r.commitment_id for r in check_in.reviews.all()}
                assert reviewed == {c.pk for c in commitments_to_review(check_in.version)}
                # The agreement was in force before its first check-in.
                assert check_in.version.agreed_at.date() < check_in.date
            latest = check_ins[0]  # newest first
            # The Parkkwartier's last check-in has a commitment needing attention; the
            # Vlinderbuurt's is all on track or done (the demo's green project).
            attention = latest.reviews.filter(status=CommitmentReview.Status.ATTENTION)
            assert attention.exists() == (slug == "thuis-in-het-parkkwartier")
            due = next_check_in(latest.agreement.project)
            assert today < due <= today + datetime.timedelta(weeks=3) and due.weekday() < 5


def test_demo_has_one_concern_answered_and_closed_and_one_open():
    from django.utils import timezone

    from cocreation.models import Concern

    call_command("seed_demo")
    answered = Concern.objects.get(closed_at__isnull=False)
    assert answered.raised_by.email == "client@example.org"
    reply = answered.replies.get()
    assert reply.author.is_designer_or_admin
    assert answered.created_at < reply.created_at < answered.closed_at < timezone.now()
    still_open = Concern.objects.get(closed_at__isnull=True)
    assert not still_open.replies.exists() and still_open.is_overdue  # ten days
    assert still_open.created_at.weekday() < 5 and answered.created_at.weekday() < 5
