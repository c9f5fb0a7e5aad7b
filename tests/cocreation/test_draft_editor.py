"""The draft editor is one form (cocreation/forms/editor.py): whichever button is pressed,
what was typed anywhere on the page is saved with it, and a proposal holds exactly the text
on the screen."""

import pytest
from django.urls import reverse

from cocreation import services
from cocreation.models import AgreementVersion, Commitment
from tests import factories
from tests.edits import editor_data

pytestmark = pytest.mark.django_db

AMBITION = "Buren kennen elkaar weer en kijken naar elkaar om."


@pytest.fixture
def draft(world):
    return factories.build_agreement(world)


@pytest.fixture
def designer(client, world):
    client.force_login(world.designer)
    return client


def edit_url(version):
    slug = version.agreement.project.slug
    return reverse("cocreation:version_edit", kwargs={"slug": slug, "number": version.number})


def test_adding_a_commitment_saves_the_ambition_typed_before_it(designer, draft):
    data = editor_data(
        designer,
        draft.version,
        ambition=AMBITION,
        action="commitment",
        **{"commitment-party": draft.residents.pk, "commitment-description": "De tuin."},
    )
    response = designer.post(edit_url(draft.version), data)

    assert response.status_code == 302 and response.url.endswith("#parties-title")
    draft.version.refresh_from_db()
    assert draft.version.ambition == AMBITION
    assert draft.residents.commitments.filter(description="De tuin.").exists()


def test_proposing_holds_the_text_typed_just_before(designer, draft):
    data = editor_data(designer, draft.version, ambition=AMBITION, action="propose")
    response = designer.post(edit_url(draft.version), data)

    assert response.url == draft.version.get_absolute_url()
    version = AgreementVersion.objects.get(pk=draft.version.pk)
    assert version.status == "proposed" and version.ambition == AMBITION
    assert AMBITION in version.canonical_content()
    assert version.content_hash == version.compute_hash()


def test_proposing_an_incomplete_draft_keeps_what_was_typed(designer, draft):
    data = editor_data(designer, draft.version, ambition=AMBITION, action="propose")
    draft.residents.commitments.all().delete()
    response = designer.post(edit_url(draft.version), data, follow=True)

    body = response.content.decode()
    assert "Concept opgeslagen." in body and "Leg vast wat" in body
    draft.version.refresh_from_db()
    assert (draft.version.status, draft.version.ambition) == ("draft", AMBITION)


def test_removing_a_commitment_saves_the_text_too(designer, draft):
    gone = draft.client.commitments.get()
    data = editor_data(designer, draft.version, principles="Samen.", remove_commitment=gone.pk)
    designer.post(edit_url(draft.version), data)

    assert not Commitment.objects.filter(pk=gone.pk).exists()
    draft.version.refresh_from_db()
    assert draft.version.principles == "Samen."


def test_adding_a_party_saves_the_text_too(designer, world, draft):
    draft.residents.delete()
    data = editor_data(
        designer,
        draft.version,
        ambition=AMBITION,
        action="party",
        **{"party-organisation": world.partner.organisation.pk, "party-role": "Bewoners"},
    )
    designer.post(edit_url(draft.version), data)

    draft.version.refresh_from_db()
    assert draft.version.ambition == AMBITION
    assert draft.version.parties.filter(organisation=world.partner.organisation).exists()


def test_saving_with_a_filled_commitment_row_adds_it(designer, draft):
    data = editor_data(
        designer,
        draft.version,
        **{"commitment-party": draft.client.pk, "commitment-description": "Een zaal."},
    )
    assert designer.post(edit_url(draft.version), data).status_code == 302
    assert draft.client.commitments.filter(description="Een zaal.").exists()


def test_adding_an_empty_commitment_saves_nothing_and_keeps_the_input(designer, draft):
    data = editor_data(designer, draft.version, ambition=AMBITION, action="commitment")
    response = designer.post(edit_url(draft.version), data)

    assert response.status_code == 200
    assert response.context["commitment_form"].errors
    body = response.content.decode()
    assert AMBITION in body and "data-unsaved>" in body  # the page knows it is not saved
    draft.version.refresh_from_db()
    assert draft.version.ambition != AMBITION


def test_a_commitment_added_meanwhile_stops_a_proposal_on_an_old_page(designer, world, draft):
    data = editor_data(designer, draft.version, ambition=AMBITION, action="propose")
    services.agreement_draft_save(
        actor=world.designer,
        version=draft.version,
        text={},
        new_commitment={"party": draft.client, "kind": "budget", "description": "5000 euro"},
    )

    response = designer.post(edit_url(draft.version), data)

    assert response.status_code == 409
    draft.version.refresh_from_db()
    assert draft.version.status == "draft" and draft.version.ambition != AMBITION
    changes = {c.label: c.now for c in response.context["form"].conflict_changes}
    assert "5000 euro" in changes["Partijen en hun inzet"]
    assert response.context["form"]["ambition"].value() == AMBITION


def test_the_edit_page_loads_the_unsaved_changes_guard(designer, draft):
    body = designer.get(edit_url(draft.version)).content.decode()
    assert "js/unsaved-changes.js" in body and "data-unsaved-guard" in body
    main = body[body.index("<main") : body.index("</main>")]
    assert main.count("<form") == 1  # one form: no button posts only part of the page


def test_client_gets_404_for_the_editor(client, world, draft):
    client.force_login(world.client_a)
    response = client.post(edit_url(draft.version), {"ambition": "Anders", "action": "propose"})
    assert response.status_code == 404
    draft.version.refresh_from_db()
    assert draft.version.status == "draft"
