import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cocreation.models import AgreementVersion, Commitment, Party, VersionLocked
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(world):
    return factories.build_agreement(world, status="proposed")


def test_a_proposed_version_refuses_a_change_of_its_text(proposed):
    version = proposed.version
    version.ambition = "Iets anders"
    with pytest.raises(VersionLocked):
        version.save()
    version.refresh_from_db()
    assert version.ambition == "Buren kennen elkaar en zorgen samen voor het plein."


def test_a_proposed_version_refuses_a_bulk_update_of_its_text(proposed):
    with pytest.raises(VersionLocked):
        AgreementVersion.objects.filter(pk=proposed.version.pk).update(ambition="Anders")


def test_a_proposed_version_refuses_a_new_party_or_commitment(proposed, world):
    with pytest.raises(VersionLocked):
        factories.PartyFactory(version=proposed.version)
    with pytest.raises(VersionLocked):
        factories.CommitmentFactory(party=proposed.client)


def test_a_proposed_version_refuses_changed_or_deleted_commitments(proposed):
    commitment = proposed.client.commitments.get()
    commitment.description = "Niets meer"
    with pytest.raises(VersionLocked):
        commitment.save()
    with pytest.raises(VersionLocked):
        commitment.delete()
    with pytest.raises(VersionLocked):
        Commitment.objects.filter(pk=commitment.pk).update(description="Niets")
    with pytest.raises(VersionLocked):
        Party.objects.filter(pk=proposed.client.pk).delete()


def test_a_proposed_version_cannot_be_deleted(proposed):
    with pytest.raises(VersionLocked):
        proposed.version.delete()


def test_a_draft_can_change(world):
    draft = factories.build_agreement(world).version
    party = draft.parties.first()
    commitments_before = party.commitments.count()
    draft.ambition = "Nieuw"
    draft.save()
    factories.CommitmentFactory(party=party)
    draft.refresh_from_db()
    assert draft.ambition == "Nieuw"
    assert party.commitments.count() == commitments_before + 1


def test_version_locked_is_a_validation_error_in_dutch():
    assert isinstance(VersionLocked(), ValidationError)
    assert "kan niet meer veranderen" in VersionLocked().messages[0]


def test_the_hash_covers_commitments(world):
    draft = factories.build_agreement(world).version
    before = draft.compute_hash()
    commitment = Commitment.objects.filter(party__version=draft).first()
    commitment.description = "Twee uur per week"
    commitment.save()
    assert draft.compute_hash() != before
    assert len(before) == 64


def test_only_one_open_version_per_agreement(world):
    draft = factories.build_agreement(world).version
    with pytest.raises(IntegrityError):
        factories.AgreementVersionFactory(agreement=draft.agreement, number=2)


def test_a_concern_open_for_more_than_a_week_is_overdue(world):
    import datetime

    from django.utils import timezone

    old = factories.ConcernFactory(
        project=world.project_a, created_at=timezone.now() - datetime.timedelta(days=8)
    )
    new = factories.ConcernFactory(project=world.project_a)
    assert old.is_overdue and not new.is_overdue
