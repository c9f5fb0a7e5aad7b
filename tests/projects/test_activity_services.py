"""Activity services: one transaction each, with an audit entry."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from projects.models import Activity, ActivityPhoto, AuditEntry
from projects.services.activities import activity_create, activity_delete, activity_update
from tests.core.test_photos import GPS_IFD, upload
from tests.factories import ActivityFactory, PhaseFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def designer():
    return UserFactory(role="designer")


@pytest.fixture
def phase():
    return PhaseFactory(is_current=True)


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def create(designer, phase, **extra):
    fields = {
        "kind": Activity.Kind.MEETING,
        "title": "Koffie op het plein",
        "date": datetime.date(2025, 5, 1),
        "residents_reached": 14,
        "phase": phase,
    }
    return activity_create(actor=designer, project=phase.project, **(fields | extra))


def test_create_logs_the_activity_as_the_actor_with_an_audit_entry(designer, phase):
    activity = create(designer, phase)
    assert activity.logged_by == designer
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.project) == ("created", designer, phase.project)
    assert entry.changes["title"] == [None, "Koffie op het plein"]
    assert entry.changes["residents_reached"] == [None, 14]


def test_create_stores_photos_without_gps(designer, phase):
    activity = create(designer, phase, photos=[upload()])
    stored = Image.open(activity.photos.get().image.path)
    assert not stored.getexif() and stored.getexif().get_ifd(GPS_IFD) == {}


def test_create_refuses_a_phase_of_another_project(designer, phase):
    other = PhaseFactory()
    with pytest.raises(ValidationError) as exc:
        activity_create(
            actor=designer, project=phase.project, kind="meeting", title="x", phase=other
        )
    assert "phase" in exc.value.message_dict
    assert not Activity.objects.exists() and not AuditEntry.objects.exists()


def test_create_with_one_bad_photo_saves_nothing_not_even_the_good_photo(
    designer, phase, media_root
):
    bad = upload("offerte.jpg", b"%PDF-1.4 geen foto")
    with pytest.raises(ValidationError):
        create(designer, phase, photos=[upload(), bad])
    assert not Activity.objects.exists()
    assert not ActivityPhoto.objects.exists()
    assert not AuditEntry.objects.exists()
    assert stored_files(media_root) == []


def test_update_records_only_the_changed_fields(designer, phase):
    activity = create(designer, phase)
    activity_update(actor=designer, activity=activity, title="Koffie en taart", new_contacts=2)
    entry = AuditEntry.objects.get(action="updated")
    assert entry.changes == {
        "title": ["Koffie op het plein", "Koffie en taart"],
        "new_contacts": [0, 2],
    }


def test_update_sees_changes_even_when_the_caller_already_changed_the_object(designer, phase):
    # A ModelForm writes its data onto the instance before the service runs.
    activity = create(designer, phase)
    activity.title = "Al aangepast"
    activity_update(actor=designer, activity=activity, title="Al aangepast")
    assert AuditEntry.objects.get(action="updated").changes == {
        "title": ["Koffie op het plein", "Al aangepast"]
    }


def test_update_without_changes_writes_no_audit_entry(designer, phase):
    activity = create(designer, phase)
    activity_update(actor=designer, activity=activity, title=activity.title)
    assert not AuditEntry.objects.filter(action="updated").exists()


def test_update_never_moves_the_activity_to_another_project(designer, phase):
    activity = create(designer, phase)
    activity_update(actor=designer, activity=activity, project=ProjectFactory(), title="Nieuw")
    activity.refresh_from_db()
    assert activity.project == phase.project


def test_update_removes_a_photo_and_its_file_after_commit(
    designer, phase, django_capture_on_commit_callbacks
):
    activity = create(designer, phase, photos=[upload(), upload()])
    first, second = activity.photos.all()
    with django_capture_on_commit_callbacks(execute=True):
        activity_update(actor=designer, activity=activity, remove_photos=[first])
    assert list(activity.photos.all()) == [second]
    assert not first.image.storage.exists(first.image.name)
    assert AuditEntry.objects.get(action="updated").changes["photos"] == [
        sorted([str(first.pk), str(second.pk)]),
        [str(second.pk)],
    ]


def test_update_ignores_a_photo_of_another_activity(designer, phase):
    mine = create(designer, phase)
    other = create(designer, phase, photos=[upload()])
    activity_update(actor=designer, activity=mine, remove_photos=list(other.photos.all()))
    assert other.photos.count() == 1


def test_delete_writes_an_audit_entry_with_what_was_deleted(
    designer, phase, media_root, django_capture_on_commit_callbacks
):
    activity = create(designer, phase, photos=[upload()])
    pk = activity.pk
    with django_capture_on_commit_callbacks(execute=True):
        activity_delete(actor=designer, activity=activity)
    assert not Activity.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="deleted")
    assert (entry.target_id, entry.actor) == (pk, designer)
    assert entry.changes["title"] == ["Koffie op het plein", None]
    assert stored_files(media_root) == []


def test_activity_factory_builds_a_valid_activity():
    activity = ActivityFactory()
    assert activity.project_id and activity.kind == "street_conversation"
    assert isinstance(activity.date, datetime.date)


def test_stored_photo_is_a_real_image(designer, phase):
    activity = create(designer, phase, photos=[upload()])
    photo = activity.photos.get()
    assert (photo.width, photo.height) == (40, 30)
    with photo.image.open("rb") as f:
        assert Image.open(io.BytesIO(f.read())).format == "JPEG"
