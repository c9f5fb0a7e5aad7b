import datetime

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from impact import services
from impact.models import Contribution, ImpactEntry, OwnershipStep
from projects.models import AuditEntry
from tests.factories import ActivityFactory, ImpactEntryFactory, InitiativeFactory

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


def _audit(entry):
    return AuditEntry.objects.filter(target_type="impact.impactentry", target_id=entry.pk)


def test_entry_create_links_contributing_activities_and_is_audited(world, activity):
    entry = services.entry_create(
        actor=world.designer,
        project=world.project_a,
        activities=[activity],
        title="Buren groeten elkaar",
    )
    assert [c.activity for c in entry.contributions.all()] == [activity]
    assert entry.recorded_by == world.designer
    created = _audit(entry).get()
    assert created.action == "created"
    assert created.changes["activities"] == [None, [str(activity.pk)]]


def test_entry_cannot_link_an_activity_of_another_project(world):
    other = ActivityFactory(project=world.project_b)
    with pytest.raises(ValidationError) as exc:
        services.entry_create(
            actor=world.designer, project=world.project_a, activities=[other], title="Iets"
        )
    assert "activities" in exc.value.message_dict
    assert not ImpactEntry.objects.exists()


def test_entry_update_cannot_link_an_activity_of_another_project(world, activity):
    entry = ImpactEntryFactory(project=world.project_a)
    other = ActivityFactory(project=world.project_b)
    with pytest.raises(ValidationError):
        services.entry_update(actor=world.designer, entry=entry, activities=[activity, other])
    assert not Contribution.objects.exists()


def test_entry_create_refuses_to_share_without_consent(world):
    with pytest.raises(ValidationError) as exc:
        services.entry_create(
            actor=world.designer,
            project=world.project_a,
            title="Citaat",
            involves_resident=True,
            visibility="shared",
        )
    assert "visibility" in exc.value.message_dict


def test_entry_update_records_only_what_changed(world, activity):
    entry = ImpactEntryFactory(project=world.project_a, title="Oud")
    entry.title = "Al gewijzigd in het geheugen"  # as a ModelForm leaves its instance
    services.entry_update(actor=world.designer, entry=entry, title="Nieuw", activities=[activity])
    changes = _audit(entry).get().changes
    assert changes["title"] == ["Oud", "Nieuw"]
    assert changes["activities"] == [[], [str(activity.pk)]]
    assert "kind" not in changes


def test_entry_update_cannot_move_the_entry_or_undo_a_withdrawal(world, quote):
    services.consent_withdraw(actor=world.designer, entry=quote, note="Belde op")
    services.entry_update(
        actor=world.designer,
        entry=quote,
        project=world.project_b,
        consent_withdrawn_at=None,
        title="Nieuwe titel",
    )
    quote.refresh_from_db()
    assert quote.project == world.project_a
    assert quote.consent_withdrawn


def test_withdrawn_entry_cannot_be_shared_again(world, quote):
    services.consent_withdraw(actor=world.designer, entry=quote, note="Belde op")
    with pytest.raises(ValidationError) as exc:
        services.entry_update(actor=world.designer, entry=quote, visibility="shared")
    assert "visibility" in exc.value.message_dict


def test_consent_withdraw_keeps_the_entry_internal_and_is_logged(world, quote):
    services.consent_withdraw(actor=world.designer, entry=quote, note="Mailde ons op 3 maart")
    quote.refresh_from_db()
    assert quote.consent_withdrawn_at is not None
    assert quote.visibility == "internal"
    assert quote.consent_withdrawal_note == "Mailde ons op 3 maart"
    logged = _audit(quote).get()
    assert logged.actor == world.designer
    assert logged.changes["visibility"] == ["shared", "internal"]
    assert logged.changes["consent_withdrawal_note"] == ["", "Mailde ons op 3 maart"]


def test_consent_cannot_be_withdrawn_twice(world, quote):
    services.consent_withdraw(actor=world.designer, entry=quote, note="Belde op")
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=world.designer, entry=quote, note="Nog eens")
    assert _audit(quote).count() == 1


def test_consent_cannot_be_withdrawn_where_none_was_given(world):
    entry = ImpactEntryFactory(project=world.project_a)
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=world.designer, entry=entry, note="?")


def test_an_entry_is_most_significant_once_per_period(world):
    entry = ImpactEntryFactory(project=world.project_a)
    period = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 3, 31)}
    services.significance_mark(actor=world.designer, entry=entry, reason="Raakte ons", **period)
    with pytest.raises(ValidationError):
        services.significance_mark(actor=world.designer, entry=entry, reason="Weer", **period)
    assert entry.selections.count() == 1


def test_photos_are_stored_without_location_data(world):
    entry = services.entry_create(
        actor=world.designer, project=world.project_a, title="Plein", photos=[jpeg_with_gps()]
    )
    photo = entry.photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    assert photo.image.name.startswith("impact/")


def test_initiative_starts_with_its_ownership_level(world):
    initiative = services.initiative_create(
        actor=world.designer,
        project=world.project_a,
        title="Moestuin",
        started_on=datetime.date(2026, 2, 1),
        level=OwnershipStep.Level.DESIGNER_LED,
        remark="Wij trekken nog",
    )
    step = initiative.ownership_steps.get()
    assert (step.level, step.date) == (1, datetime.date(2026, 2, 1))


def test_ownership_grows_step_by_step(world):
    initiative = InitiativeFactory(project=world.project_a)
    for level, day in [(1, 10), (2, 20), (3, 28)]:
        services.ownership_record(
            actor=world.designer,
            initiative=initiative,
            level=level,
            date=datetime.date(2026, 2, day),
            remark=f"Stap {level}",
        )
    assert [s.level for s in initiative.ownership_steps.all()] == [1, 2, 3]
    assert initiative.current_step.level == OwnershipStep.Level.RESIDENT_LED


def test_ownership_step_cannot_predate_the_initiative(world):
    initiative = InitiativeFactory(project=world.project_a, started_on=datetime.date(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.ownership_record(
            actor=world.designer,
            initiative=initiative,
            level=2,
            date=datetime.date(2026, 1, 1),
        )
