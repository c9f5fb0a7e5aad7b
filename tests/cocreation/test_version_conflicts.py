"""Two designers edit the same draft agreement version: the second save on an old form
overwrites nothing, shows what changed and keeps the input (core/concurrency.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cocreation import services
from projects.models import AuditEntry
from tests import factories
from tests.edits import edit_base

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 5, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def version(time_machine, world):
    time_machine.move_to(NOON)  # ticking: each save gets its own moment
    return factories.build_agreement(world).version


def edit_url(version):
    slug = version.agreement.project.slug
    return reverse("cocreation:version_edit", kwargs={"slug": slug, "number": version.number})


def data_of(version, **changes) -> dict:
    data = {
        "ambition": version.ambition,
        "question": version.question,
        "approach": version.approach,
        "principles": version.principles,
        "check_in_every_weeks": str(version.check_in_every_weeks),
        "first_check_in": "",
    }
    return data | changes


def test_second_save_on_an_old_form_overwrites_nothing_and_shows_what_changed(dirk, dana, version):
    url = edit_url(version)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    ambition = "Buren zorgen samen voor het plein en de speeltuin."
    first = dirk.post(
        url, data_of(version, ambition=ambition, check_in_every_weeks="4") | dirk_base
    )
    assert first.status_code == 302

    second = dana.post(url, data_of(version, approach="Eerst luisteren, dan bouwen.") | dana_base)

    assert second.status_code == 409
    version.refresh_from_db()
    assert (version.ambition, version.check_in_every_weeks) == (ambition, 4)
    assert version.approach != "Eerst luisteren, dan bouwen."
    body = second.content.decode()
    assert body.count("Niet opgeslagen:") == 1  # once, not from crispy and the template both
    assert "Niet opgeslagen: Designer Dirk heeft dit op 5 maart 2026 om 12:00 gewijzigd" in body
    changes = {c.label: (c.before, c.now) for c in second.context["form"].conflict_changes}
    assert changes == {
        "Gedeelde ambitie": ("Buren kennen elkaar en zorgen samen voor het plein.", ambition),
        "Ritme van de reflectiemomenten": ("Elke zes weken", "Elke vier weken"),
    }
    assert second.context["form"]["approach"].value() == "Eerst luisteren, dan bouwen."


def test_saving_again_after_a_conflict_saves_the_merged_input(dirk, dana, version):
    url = edit_url(version)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    dirk.post(url, data_of(version, ambition="Samen het plein") | dirk_base)
    refused = dana.post(url, data_of(version, approach="Eerst luisteren.") | dana_base)
    rebased = {"edit_base": refused.context["form"]["edit_base"].value()}

    merged = data_of(version, ambition="Samen het plein", approach="Eerst luisteren.")
    assert dana.post(url, merged | rebased).status_code == 302

    version.refresh_from_db()
    assert (version.ambition, version.approach) == ("Samen het plein", "Eerst luisteren.")


def test_a_single_edit_saves_and_is_audited(dirk, world, version):
    url = edit_url(version)
    response = dirk.post(url, data_of(version, ambition="Samen het plein") | edit_base(dirk, url))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.ambition == "Samen het plein"
    entry = AuditEntry.objects.get(target_id=version.pk, action="updated")
    assert entry.actor == world.designer and set(entry.changes) == {"ambition"}


def test_a_form_without_its_base_is_refused_and_comes_back_ready_to_save(dirk, version):
    url = edit_url(version)
    refused = dirk.post(url, data_of(version, ambition="Samen het plein"))

    assert refused.status_code == 200
    assert "dit formulier zegt niet van welke versie het uitging" in refused.content.decode()
    version.refresh_from_db()
    assert version.ambition != "Samen het plein"
    rebased = {"edit_base": refused.context["form"]["edit_base"].value()}
    data = data_of(version, ambition="Samen het plein") | rebased
    assert dirk.post(url, data).status_code == 302


def test_a_version_proposed_in_between_is_refused_as_locked(dirk, world, version):
    url = edit_url(version)
    base = edit_base(dirk, url)
    services.agreement_version_update(actor=world.designer, version=version, ambition="Samen")
    version.refresh_from_db()
    services.agreement_version_propose(actor=world.designer, version=version)

    response = dirk.post(url, data_of(version, ambition="Anders") | base)

    assert response.status_code == 302  # to the proposed version's page, as before
    version.refresh_from_db()
    assert version.ambition == "Samen"
