"""Two designers edit the same activity: the second save on an old form overwrites nothing,
shows what changed and keeps the input (core/concurrency.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from core.concurrency import EditConflict
from projects.models import Activity, AuditEntry, Project
from projects.services.activities import activity_create, activity_update
from tests.core.test_photos import upload
from tests.edits import edit_base
from tests.factories import PhaseFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 5, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clock(time_machine):
    # Ticking: each save gets its own moment, as in real life.
    time_machine.move_to(NOON)


@pytest.fixture
def phase(world):
    return PhaseFactory(project=world.project_a, name="Ontwerpen", is_current=True)


@pytest.fixture
def activity(clock, world, phase):
    return activity_create(
        actor=world.designer,
        project=world.project_a,
        kind="meeting",
        title="Bewonersavond",
        notes="Mevrouw K. wil meedoen.",
        phase=phase,
    )


def edit_url(activity):
    return reverse("projects:activity_edit", args=[activity.project.slug, activity.pk])


def data_of(activity, **changes) -> dict:
    """The edit form as it comes, with `changes` typed into it."""
    data = {
        "kind": activity.kind,
        "title": activity.title,
        "date": activity.date.isoformat(),
        "residents_reached": str(activity.residents_reached),
        "new_contacts": str(activity.new_contacts),
        "location": activity.location,
        "partners_present": activity.partners_present,
        "notes": activity.notes,
        "phase": str(activity.phase_id),
    }
    return data | changes


def test_second_save_on_an_old_form_overwrites_nothing_and_shows_what_changed(dirk, dana, activity):
    url = edit_url(activity)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    first = dirk.post(url, data_of(activity, title="Bewonersavond in het buurthuis") | dirk_base)
    assert first.status_code == 302

    second = dana.post(url, data_of(activity, residents_reached="40") | dana_base)

    assert second.status_code == 409
    activity.refresh_from_db()
    assert activity.title == "Bewonersavond in het buurthuis"
    assert activity.residents_reached == 0
    body = second.content.decode()
    assert body.count("Niet opgeslagen:") == 1  # once, not from crispy and the template both
    assert "Niet opgeslagen: Designer Dirk heeft dit op 5 maart 2026 om 12:00 gewijzigd" in body
    changes = second.context["form"].conflict_changes
    assert [(c.label, c.before, c.now) for c in changes] == [
        ("Titel", "Bewonersavond", "Bewonersavond in het buurthuis")
    ]
    assert "<ins>Bewonersavond in het buurthuis</ins>" in body
    assert second.context["form"]["residents_reached"].value() == "40"
    assert 'name="residents_reached" value="40"' in body


def test_saving_again_after_a_conflict_saves_the_merged_input(dirk, dana, activity):
    url = edit_url(activity)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    dirk.post(url, data_of(activity, title="Bewonersavond in het buurthuis") | dirk_base)
    refused = dana.post(url, data_of(activity, residents_reached="40") | dana_base)
    rebased = {"edit_base": refused.context["form"]["edit_base"].value()}

    merged = data_of(activity, title="Bewonersavond in het buurthuis", residents_reached="40")
    again = dana.post(url, merged | rebased)

    assert again.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.residents_reached) == ("Bewonersavond in het buurthuis", 40)


def test_a_refused_save_leaves_the_dashboard_generation_alone(dirk, dana, activity):
    url = edit_url(activity)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    dirk.post(url, data_of(activity, title="Bewonersavond in het buurthuis") | dirk_base)
    generation = Project.objects.get(pk=activity.project_id).generation

    dana.post(url, data_of(activity, residents_reached="40") | dana_base)

    assert Project.objects.get(pk=activity.project_id).generation == generation
    assert AuditEntry.objects.filter(target_id=activity.pk, action="updated").count() == 1


def test_a_change_outside_the_fields_is_still_a_conflict(dirk, dana, activity):
    url = edit_url(activity)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    dirk.post(url, data_of(activity, photos=[upload()]) | dirk_base)

    second = dana.post(url, data_of(activity, notes="Ook meneer B.") | dana_base)

    assert second.status_code == 409
    assert second.context["form"].conflict_changes == []
    assert "De velden van dit formulier zijn niet veranderd" in second.content.decode()
    activity.refresh_from_db()
    assert activity.notes == "Mevrouw K. wil meedoen."


def test_a_single_edit_saves(dirk, activity):
    url = edit_url(activity)
    response = dirk.post(url, data_of(activity, title="Nieuw") | edit_base(dirk, url))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Nieuw"


def test_two_edits_one_after_the_other_both_save(dirk, dana, activity):
    url = edit_url(activity)
    dirk.post(url, data_of(activity, title="Nieuw") | edit_base(dirk, url))
    activity.refresh_from_db()
    response = dana.post(url, data_of(activity, notes="Ook meneer B.") | edit_base(dana, url))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.notes) == ("Nieuw", "Ook meneer B.")


@pytest.mark.parametrize("base", [None, "", "niet-ondertekend"], ids=["absent", "empty", "forged"])
def test_a_form_without_a_valid_base_is_refused_and_comes_back_ready_to_save(dirk, activity, base):
    url = edit_url(activity)
    data = data_of(activity, title="Nieuw") | ({} if base is None else {"edit_base": base})

    refused = dirk.post(url, data)

    assert refused.status_code == 200
    assert "dit formulier zegt niet van welke versie het uitging" in refused.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Bewonersavond"
    assert refused.context["form"]["title"].value() == "Nieuw"
    rebased = {"edit_base": refused.context["form"]["edit_base"].value()}
    assert dirk.post(url, data | rebased).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Nieuw"


def test_the_base_of_another_activity_is_refused(dirk, world, activity, phase):
    other = activity_create(actor=world.designer, project=world.project_a, kind="other", title="x")
    borrowed = edit_base(dirk, edit_url(other))

    response = dirk.post(edit_url(activity), data_of(activity, title="Nieuw") | borrowed)

    assert response.status_code == 200 and "zegt niet van welke versie" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Bewonersavond"


def test_the_service_refuses_a_save_based_on_an_older_moment(world, activity):
    seen = activity.updated_at
    activity_update(actor=world.designer, activity=activity, title="Eerst")

    with pytest.raises(EditConflict) as refused:
        activity_update(actor=world.admin, activity=activity, unchanged_since=seen, title="Daarna")

    assert refused.value.changed_by == "Designer Dirk"
    assert Activity.objects.get(pk=activity.pk).title == "Eerst"
