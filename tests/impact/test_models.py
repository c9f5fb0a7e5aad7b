import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from impact.models import ImpactEntry, SignificantChange
from tests.factories import ImpactEntryFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_to_share_a_residents_words_without_consent(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactEntryFactory(project=world.project_a, involves_resident=True, visibility="shared")


def test_database_refuses_to_share_with_consent_for_internal_use_only(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactEntryFactory(
            project=world.project_a,
            resident_consented=True,
            consent_scope="internal",
            visibility="shared",
        )


def test_database_refuses_a_withdrawn_entry_that_is_shared(world):
    entry = ImpactEntryFactory(project=world.project_a, resident_consented=True)
    entry.consent_withdrawn_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_clean_explains_sharing_needs_the_residents_consent(world):
    entry = ImpactEntry(
        project=world.project_a, title="Citaat", involves_resident=True, visibility="shared"
    )
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert "toestemming" in exc.value.message_dict["visibility"][0]


def test_clean_asks_when_and_for_what_consent_was_given(world):
    entry = ImpactEntry(
        project=world.project_a, title="Citaat", involves_resident=True, consent_method="written"
    )
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert set(exc.value.message_dict) == {"consent_date", "consent_scope"}


@pytest.mark.parametrize("scope", ["client", "publication"])
def test_consent_for_the_client_or_for_publication_allows_sharing(world, scope):
    entry = ImpactEntry(
        project=world.project_a,
        title="Citaat",
        involves_resident=True,
        consent_method="written",
        consent_date=datetime.date(2026, 1, 5),
        consent_scope=scope,
        visibility="shared",
    )
    entry.full_clean()
    entry.save()
    assert ImpactEntry.objects.for_clients().filter(pk=entry.pk).exists()


def test_confirmed_entry_must_say_who_confirmed_it(world):
    entry = ImpactEntry(project=world.project_a, title="Uitkomst", substantiated=True)
    with pytest.raises(ValidationError) as exc:
        entry.full_clean()
    assert "substantiated_by" in exc.value.message_dict


def test_selection_period_cannot_end_before_it_starts(world):
    entry = ImpactEntryFactory(project=world.project_a)
    selection = SignificantChange(
        entry=entry,
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 1, 1),
        reason="Omdat",
    )
    with pytest.raises(ValidationError):
        selection.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        selection.save()
