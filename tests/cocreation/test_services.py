import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from cocreation import selectors, services
from cocreation.models import AgreementVersion, CheckIn, Consent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(world):
    return factories.build_agreement(world, status="proposed")


def _all_agree(world, proposed):
    version = proposed.version
    for actor, party in [
        (world.client_a, proposed.client),
        (world.partner, proposed.residents),
        (world.designer, proposed.designers),
    ]:
        services.consent_to(
            actor=actor, version=version, party=party, content_hash=version.content_hash
        )
    version.refresh_from_db()
    return version


def test_proposing_fixes_the_hash_and_mails_client_and_partner(
    world, django_capture_on_commit_callbacks
):
    draft = factories.build_agreement(world).version
    with django_capture_on_commit_callbacks(execute=True):
        version = services.agreement_version_propose(actor=world.designer, version=draft)
    assert version.status == "proposed"
    assert version.content_hash == version.compute_hash()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.client_a.email, world.partner.email]
    )
    assert f"/samenwerking/versies/{version.number}/" in mail.outbox[0].body


def test_an_incomplete_draft_cannot_be_proposed(world):
    draft = factories.build_agreement(world).version
    draft.ambition = ""
    draft.save()
    with pytest.raises(ValidationError, match="gedeelde ambitie"):
        services.agreement_version_propose(actor=world.designer, version=draft)


def test_consent_records_party_user_time_and_hash(world, proposed):
    version = proposed.version
    consent = services.consent_to(
        actor=world.client_a,
        version=version,
        party=proposed.client,
        content_hash=version.content_hash,
    )
    assert (consent.party, consent.user, consent.content_hash) == (
        proposed.client,
        world.client_a,
        version.compute_hash(),
    )
    assert consent.at is not None
    version.refresh_from_db()
    assert version.status == "proposed"


def test_when_every_party_agrees_the_version_becomes_active(world, proposed):
    version = _all_agree(world, proposed)
    assert version.status == "agreed"
    assert selectors.active_version(world.project_a) == version


def test_a_new_agreed_version_supersedes_the_previous_one(world, proposed):
    first = _all_agree(world, proposed)
    second = services.agreement_version_new_draft(actor=world.designer, agreement=first.agreement)
    assert second.number == 2 and second.based_on == first
    assert second.parties.count() == 3
    second = services.agreement_version_propose(actor=world.designer, version=second)
    parties = {p.organisation_id: p for p in second.parties.all()}
    for actor, old in [
        (world.client_a, proposed.client),
        (world.partner, proposed.residents),
        (world.designer, proposed.designers),
    ]:
        services.consent_to(
            actor=actor,
            version=second,
            party=parties[old.organisation_id],
            content_hash=second.content_hash,
        )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "agreed")


def test_consent_to_a_stale_hash_is_refused(world, proposed):
    with pytest.raises(ValidationError, match="inmiddels veranderd"):
        services.consent_to(
            actor=world.client_a,
            version=proposed.version,
            party=proposed.client,
            content_hash="0" * 64,
        )
    assert not Consent.objects.exists()


def test_consent_to_a_version_no_longer_proposed_is_refused(world, proposed):
    version = proposed.version
    seen = version.content_hash
    services.consent_decline(
        actor=world.partner, version=version, party=proposed.residents, reason="Te weinig tijd"
    )
    with pytest.raises(ValidationError, match="inmiddels veranderd"):
        services.consent_to(
            actor=world.client_a, version=version, party=proposed.client, content_hash=seen
        )


def test_a_party_cannot_consent_for_another_party(world, proposed):
    version = proposed.version
    for actor, party in [
        (world.client_a, proposed.residents),
        (world.partner, proposed.client),
        (world.designer, proposed.client),
        (world.client_a, proposed.designers),
        (world.client_b, proposed.client),
    ]:
        with pytest.raises(ValidationError, match="niet namens deze partij"):
            services.consent_to(
                actor=actor, version=version, party=party, content_hash=version.content_hash
            )
    assert not Consent.objects.exists()


def test_a_colleague_of_the_same_organisation_may_consent_for_it(world, proposed):
    colleague = factories.UserFactory(organisation=world.project_a.client)
    factories.MembershipFactory(user=colleague, project=world.project_a, role="client")
    version = proposed.version
    services.consent_to(
        actor=colleague, version=version, party=proposed.client, content_hash=version.content_hash
    )
    consent = Consent.objects.get(party=proposed.client)
    assert (consent.user, consent.content_hash) == (colleague, version.content_hash)


def test_a_declined_version_returns_to_draft_with_the_reason_kept(
    world, proposed, django_capture_on_commit_callbacks
):
    version = proposed.version
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_decline(
            actor=world.partner,
            version=version,
            party=proposed.residents,
            reason="We kunnen geen vier uur per week.",
        )
    version.refresh_from_db()
    assert version.status == "draft"
    decline = version.declines.get()
    assert (decline.reason, decline.user, decline.party) == (
        "We kunnen geen vier uur per week.",
        world.partner,
        proposed.residents,
    )
    assert world.designer.email in mail.outbox[0].to
    version.ambition = "Aangepast"
    version.save()
    version.refresh_from_db()
    assert version.ambition == "Aangepast"


def test_first_draft_holds_the_whole_trajectory_and_the_client(world):
    for i, name in enumerate(["Ontdekken", "Ontwerpen", "Doen", "Verankeren"]):
        factories.PhaseFactory(project=world.project_a, name=name, order=i)
    agreement = services.agreement_for(world.project_a)
    draft = services.agreement_version_new_draft(actor=world.designer, agreement=agreement)
    assert all(n in draft.approach for n in ["Ontdekken", "Ontwerpen", "Doen", "Verankeren"])
    assert draft.parties.get(organisation=world.project_a.client).representative == world.client_a
    # The project's partner is a party too, spoken for by its member.
    assert draft.parties.get(organisation=world.partner.organisation).representative == (
        world.partner
    )


def test_a_second_open_version_is_refused(world):
    draft = factories.build_agreement(world).version
    with pytest.raises(ValidationError, match="nog in de maak"):
        services.agreement_version_new_draft(actor=world.designer, agreement=draft.agreement)


def test_next_check_in_follows_the_rhythm(world, proposed, time_machine):
    time_machine.move_to(datetime.datetime(2026, 2, 4, 10, tzinfo=datetime.UTC))  # a Wednesday
    version = _all_agree(world, proposed)
    assert selectors.next_check_in(world.project_a) == datetime.date(2026, 3, 18)  # 6 weeks on
    services.check_in_record(
        actor=world.designer,
        agreement=version.agreement,
        date=datetime.date(2026, 3, 3),
        attendees="Anna, Piet, Dirk",
    )
    assert selectors.next_check_in(world.project_a) == datetime.date(2026, 4, 14)


def test_next_check_in_that_would_fall_in_a_weekend_moves_to_the_monday_after(
    world, proposed, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 2, 7, 10, tzinfo=datetime.UTC))  # a Saturday
    version = _all_agree(world, proposed)
    # Six weeks after a Saturday is a Saturday: the check-in is on the Monday after.
    assert selectors.next_check_in(world.project_a) == datetime.date(2026, 3, 23)
    services.check_in_record(
        actor=world.designer,
        agreement=version.agreement,
        date=datetime.date(2026, 3, 1),  # it took place on a Sunday
        attendees="Anna, Piet, Dirk",
    )
    assert selectors.next_check_in(world.project_a) == datetime.date(2026, 4, 13)
    version.first_check_in = datetime.date(2026, 2, 22)  # a planned Sunday, typed long ago
    assert selectors.check_in_due(version, None) == datetime.date(2026, 2, 23)


def test_check_in_records_how_each_commitment_went(world, proposed):
    version = _all_agree(world, proposed)
    commitment = proposed.client.commitments.get()
    check_in = services.check_in_record(
        actor=world.designer,
        agreement=version.agreement,
        date=datetime.date(2026, 3, 1),
        attendees="Anna, Piet",
        reviews={commitment.pk: ("attention", "Minder tijd dan gedacht"), 999999: ("done", "")},
    )
    review = check_in.reviews.get()
    assert (review.commitment, review.status, review.remark) == (
        commitment,
        "attention",
        "Minder tijd dan gedacht",
    )


def test_reminder_is_sent_once_a_few_days_before_the_check_in(
    world, proposed, django_capture_on_commit_callbacks
):
    version = _all_agree(world, proposed)
    due = selectors.next_check_in(world.project_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.check_in_send_reminders(today=due - datetime.timedelta(days=10)) == 0
        assert services.check_in_send_reminders(today=due - datetime.timedelta(days=3)) == 1
        assert services.check_in_send_reminders(today=due - datetime.timedelta(days=2)) == 0
    assert world.client_a.email in [m.to[0] for m in mail.outbox]
    assert CheckIn.objects.count() == 0
    assert version.agreement.__class__.objects.get().reminded_for == due


def test_raising_a_concern_mails_the_designers(world, django_capture_on_commit_callbacks):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    with django_capture_on_commit_callbacks(execute=True):
        concern = services.concern_raise(
            actor=world.client_a, project=world.project_a, subject="Planning", body="Wanneer?"
        )
    assert [m.to for m in mail.outbox] == [[world.designer.email]]
    assert list(selectors.open_concerns(world.designer)) == [concern]
    services.concern_close(actor=world.designer, concern=concern)
    assert list(selectors.open_concerns(world.designer)) == []


def test_a_closed_concern_takes_no_replies(world):
    concern = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    services.concern_close(actor=world.designer, concern=concern)
    with pytest.raises(ValidationError):
        services.concern_reply(actor=world.client_a, concern=concern, body="Nog iets")


def test_proposed_versions_cannot_be_edited_through_the_service(world, proposed):
    with pytest.raises(ValidationError):
        services.agreement_version_update(
            actor=world.designer, version=proposed.version, ambition="Anders"
        )
    assert AgreementVersion.objects.get().ambition != "Anders"


def test_the_reminder_task_is_on_the_beat_schedule():
    from cocreation import tasks
    from cocreation.schedule import BEAT_SCHEDULE

    assert (
        BEAT_SCHEDULE["cocreation-check-in-reminders"]["task"]
        == tasks.send_check_in_reminders_task.name
    )
    assert tasks.send_check_in_reminders_task.apply().get() == 0
