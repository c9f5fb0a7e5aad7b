"""No edit is lost silently (issue 14 §4): in the agreement draft editor, text typed and never
saved on its own survives "Inzet toevoegen" and ends up in the proposed version; leaving the
page with unsaved changes asks first (static/js/unsaved-changes.js)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cocreation.models import AgreementVersion
from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMBITION = "Bewoners kennen elkaar weer en kijken naar elkaar om."
PRINCIPLES = "Niemand is alleen verantwoordelijk voor het eindresultaat."


@pytest.fixture
def draft(world):
    built = factories.build_agreement(world)
    built.residents.commitments.all().delete()  # the residents' commitment is still to add
    return built


def _open_editor(page, live_server, world, password, version):
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    slug = version.agreement.project.slug
    url = reverse("cocreation:version_edit", kwargs={"slug": slug, "number": version.number})
    page.goto(live_server.url + url)
    return live_server.url + url


def _type(page, label: str, text: str) -> None:
    """Type as a person does (real key presses: the page then may ask before it is left)."""
    field = page.get_by_role("textbox", name=label)
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)


def test_typed_ambition_survives_adding_a_commitment_and_is_proposed(
    page, page_errors, live_server, world, password, draft
):
    _open_editor(page, live_server, world, password, draft.version)
    note = page.locator("[data-unsaved-note]")
    expect(note).to_be_hidden()

    _type(page, "Gedeelde ambitie", AMBITION)
    expect(note).to_be_visible()  # propose will save this first
    page.locator("#id_commitment-party").select_option(label=str(draft.residents))
    page.locator("#id_commitment-description").fill("De tuin van het buurthuis.")
    page.get_by_role("button", name="Inzet toevoegen").click()
    page.get_by_text("Inzet toegevoegd.").wait_for()
    expect(page.get_by_role("textbox", name="Gedeelde ambitie")).to_have_value(AMBITION)
    expect(page.locator(".party-card", has_text="De tuin van het buurthuis.")).to_be_visible()

    _type(page, "Uitgangspunten", PRINCIPLES)  # typed, not saved: straight to propose
    page.get_by_role("button", name="Versie voorstellen").click()
    page.get_by_text("Voorgesteld. Alle partijen krijgen een e-mail").wait_for()

    main = page.locator("main").inner_text()
    assert AMBITION in main and PRINCIPLES in main and "De tuin van het buurthuis." in main
    version = AgreementVersion.objects.get(pk=draft.version.pk)
    assert version.status == "proposed"
    assert (version.ambition, version.principles) == (AMBITION, PRINCIPLES)
    assert page_errors == []


def test_leaving_with_unsaved_changes_asks_first(
    page, page_errors, live_server, world, password, draft
):
    editor = _open_editor(page, live_server, world, password, draft.version)
    dialogs: list[str] = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    back = page.locator("main .eyebrow a")

    _type(page, "Gedeelde ambitie", AMBITION)
    back.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == editor
    expect(page.get_by_role("textbox", name="Gedeelde ambitie")).to_have_value(AMBITION)

    page.get_by_role("button", name="Concept opslaan").click()  # sending the form never asks
    page.get_by_text("Concept opgeslagen.").wait_for()
    back.click()
    page.wait_for_url(f"{live_server.url}/projecten/{world.project_a.slug}/samenwerking/")
    assert dialogs == ["beforeunload"]  # saved: left without a question
    assert page_errors == []
