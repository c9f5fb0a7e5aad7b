"""Two designers edit the same impact entry: the second save on an old form overwrites
nothing, shows what changed and keeps the input (core/concurrency.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from impact import services
from tests.edits import edit_base
from tests.factories import ImpactEntryFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 5, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def entry(time_machine, world):
    time_machine.move_to(NOON)  # ticking: each save gets its own moment
    return ImpactEntryFactory(
        project=world.project_a,
        title="Buren groeten elkaar",
        description="Op het plein.",
        occurred_on=datetime.date(2026, 2, 20),
        visibility="internal",
    )


def edit_url(entry):
    return reverse("impact:edit", args=[entry.project.slug, entry.pk])


def data_of(entry, **changes) -> dict:
    data = {
        "kind": entry.kind,
        "title": entry.title,
        "occurred_on": entry.occurred_on.isoformat(),
        "description": entry.description,
        "visibility": entry.visibility,
        "consent_method": "",
    }
    return data | changes


def test_second_save_on_an_old_form_overwrites_nothing_and_shows_what_changed(
    dirk, dana, entry, activity
):
    url = edit_url(entry)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    first = dirk.post(
        url, data_of(entry, title="Buren groeten elkaar nu", activities=[activity.pk]) | dirk_base
    )
    assert first.status_code == 302

    second = dana.post(
        url, data_of(entry, description="Op het plein en bij de school.") | dana_base
    )

    assert second.status_code == 409
    entry.refresh_from_db()
    assert entry.title == "Buren groeten elkaar nu"
    assert entry.description == "Op het plein."
    body = second.content.decode()
    assert body.count("Niet opgeslagen:") == 1  # once, not from crispy and the template both
    assert "Niet opgeslagen: Designer Dirk heeft dit op 5 maart 2026 om 12:00 gewijzigd" in body
    changes = {c.label: (c.before, c.now) for c in second.context["form"].conflict_changes}
    assert changes == {
        "Wat is er veranderd?": ("Buren groeten elkaar", "Buren groeten elkaar nu"),
        "Welke activiteiten droegen bij?": ("—", "Straatgesprek Vlinderplein · 5 mrt 2026"),
    }
    assert second.context["form"]["description"].value() == "Op het plein en bij de school."


def test_saving_again_after_a_conflict_saves_the_merged_input(dirk, dana, entry):
    url = edit_url(entry)
    dirk_base, dana_base = edit_base(dirk, url), edit_base(dana, url)
    dirk.post(url, data_of(entry, title="Buren groeten elkaar nu") | dirk_base)
    refused = dana.post(url, data_of(entry, description="Ook bij de school.") | dana_base)
    rebased = {"edit_base": refused.context["form"]["edit_base"].value()}

    merged = data_of(entry, title="Buren groeten elkaar nu", description="Ook bij de school.")
    assert dana.post(url, merged | rebased).status_code == 302

    entry.refresh_from_db()
    assert (entry.title, entry.description) == ("Buren groeten elkaar nu", "Ook bij de school.")


def test_a_withdrawn_consent_in_between_is_a_conflict(dirk, world, quote):
    url = edit_url(quote)
    base = edit_base(dirk, url)
    services.consent_withdraw(actor=world.admin, entry=quote, note="Belde op")

    response = dirk.post(url, data_of(quote, title="Nieuwe titel") | base)

    assert response.status_code == 409
    assert "Admin Ada heeft dit op" in response.content.decode()
    labels = [c.label for c in response.context["form"].conflict_changes]
    assert labels == ["Zichtbaarheid"]


def test_a_single_edit_saves(dirk, entry):
    url = edit_url(entry)
    response = dirk.post(url, data_of(entry, title="Nieuw") | edit_base(dirk, url))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Nieuw"


def test_a_form_without_its_base_is_refused_and_comes_back_ready_to_save(dirk, entry):
    url = edit_url(entry)
    refused = dirk.post(url, data_of(entry, title="Nieuw"))

    assert refused.status_code == 200
    assert "dit formulier zegt niet van welke versie het uitging" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Buren groeten elkaar"
    rebased = {"edit_base": refused.context["form"]["edit_base"].value()}
    assert dirk.post(url, data_of(entry, title="Nieuw") | rebased).status_code == 302
