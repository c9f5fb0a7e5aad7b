import pytest
from django.core import mail
from django.urls import reverse

from cocreation import services
from cocreation.models import AgreementVersion, Consent
from tests import factories
from tests.edits import edit_base, editor_data

pytestmark = pytest.mark.django_db


def _url(name, version, **kw):
    project = version.agreement.project
    return reverse(
        f"cocreation:{name}", kwargs={"slug": project.slug, "number": version.number, **kw}
    )


@pytest.fixture
def draft(world):
    return factories.build_agreement(world)


@pytest.fixture
def proposed(world):
    return factories.build_agreement(world, status="proposed")


def test_designer_starts_a_first_draft(client, world):
    client.force_login(world.designer)
    url = reverse("cocreation:version_new", kwargs={"slug": world.project_a.slug})
    response = client.post(url)
    version = AgreementVersion.objects.get()
    assert response.url == _url("version_edit", version)


def test_client_gets_404_for_starting_a_draft(client, world):
    client.force_login(world.client_a)
    response = client.post(reverse("cocreation:version_new", kwargs={"slug": world.project_a.slug}))
    assert response.status_code == 404


def test_version_new_refuses_get(client, world):
    client.force_login(world.designer)
    response = client.get(reverse("cocreation:version_new", kwargs={"slug": world.project_a.slug}))
    assert response.status_code == 405


def test_anonymous_is_sent_to_login(client, draft):
    response = client.get(_url("version", draft.version))
    assert response.status_code == 302 and "/account/login/" in response.url


def test_other_client_gets_404_for_the_agreement(client, world, draft):
    client.force_login(world.client_b)
    assert client.get(_url("version", draft.version)).status_code == 404
    url = reverse("cocreation:agreement", kwargs={"slug": world.project_a.slug})
    assert client.get(url).status_code == 404


def test_client_reads_the_agreement_page_in_dutch(client, world, proposed):
    client.force_login(world.client_a)
    response = client.get(reverse("cocreation:agreement", kwargs={"slug": world.project_a.slug}))
    assert "wacht op instemming" in response.content.decode()


def test_designer_edits_a_draft_and_sees_a_gentle_fixed_result_warning(client, world, draft):
    client.force_login(world.designer)
    data = {
        "ambition": "Minimaal 10 interventies en de leefbaarheid is verbeterd.",
        "question": "",
        "approach": "Het hele traject",
        "principles": "",
        "check_in_every_weeks": "6",
        "first_check_in": "",
    } | edit_base(client, _url("version_edit", draft.version))
    response = client.post(_url("version_edit", draft.version), data, follow=True)
    draft.version.refresh_from_db()
    assert draft.version.ambition.startswith("Minimaal 10")
    assert "Dit klinkt als een vast resultaat" in response.content.decode()


def test_edit_page_of_a_proposed_version_shows_the_version_instead(client, world, proposed):
    client.force_login(world.designer)
    response = client.post(_url("version_edit", proposed.version), {"ambition": "Anders"})
    assert response.status_code == 302 and response.url == _url("version", proposed.version)
    proposed.version.refresh_from_db()
    assert proposed.version.ambition != "Anders"


def test_adding_a_commitment_to_a_proposed_version_is_refused(client, world, proposed):
    client.force_login(world.designer)
    data = {
        "action": "commitment",
        "commitment-party": proposed.client.pk,
        "commitment-kind": "time",
        "commitment-description": "Extra",
    }
    response = client.post(_url("version_edit", proposed.version), data)
    assert response.status_code == 302 and response.url == _url("version", proposed.version)
    assert not proposed.client.commitments.filter(description="Extra").exists()


def test_party_form_offers_only_organisations_of_the_project(client, world, draft):
    client.force_login(world.designer)
    response = client.get(_url("version_edit", draft.version))
    choices = response.context["party_form"].fields["organisation"].queryset
    assert world.project_b.client not in choices
    assert world.project_a.client in choices
    people = response.context["party_form"].fields["representative"].queryset
    assert world.client_b not in people and world.client_a in people


def test_designer_proposes_and_client_and_partner_get_mail(
    client, world, draft, django_capture_on_commit_callbacks
):
    client.force_login(world.designer)
    data = editor_data(client, draft.version, action="propose")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("version_edit", draft.version), data)
    assert response.url == _url("version", draft.version)
    assert len(mail.outbox) == 2
    assert "http://testserver/projecten/" in mail.outbox[0].body


def test_client_consents_for_own_party(client, world, proposed):
    client.force_login(world.client_a)
    page = client.get(_url("version", proposed.version)).content.decode()
    assert "Ik stem in namens" in page
    data = {"party": proposed.client.pk, "content_hash": proposed.version.content_hash}
    response = client.post(_url("version_consent", proposed.version), data, follow=True)
    assert "uw instemming is vastgelegd" in response.content.decode()
    assert Consent.objects.get().user == world.client_a


def test_client_consent_to_a_stale_hash_is_refused_in_dutch(client, world, proposed):
    client.force_login(world.client_a)
    data = {"party": proposed.client.pk, "content_hash": "f" * 64}
    response = client.post(_url("version_consent", proposed.version), data, follow=True)
    assert "inmiddels veranderd" in response.content.decode()
    assert not Consent.objects.exists()


def test_client_cannot_consent_for_the_residents(client, world, proposed):
    client.force_login(world.client_a)
    data = {"party": proposed.residents.pk, "content_hash": proposed.version.content_hash}
    response = client.post(_url("version_consent", proposed.version), data, follow=True)
    assert "niet namens deze partij" in response.content.decode()
    assert not Consent.objects.exists()


def test_consent_refuses_get(client, world, proposed):
    client.force_login(world.client_a)
    assert client.get(_url("version_consent", proposed.version)).status_code == 405


def test_partner_declines_with_a_reason(client, world, proposed):
    client.force_login(world.partner)
    data = {
        "party": proposed.residents.pk,
        "content_hash": proposed.version.content_hash,
        "reason": "Wij kunnen op dinsdag niet.",
    }
    client.post(_url("version_decline", proposed.version), data)
    proposed.version.refresh_from_db()
    assert proposed.version.status == "draft"
    client.force_login(world.designer)
    page = client.get(_url("version_edit", proposed.version)).content.decode()
    assert "Wij kunnen op dinsdag niet." in page


def test_diff_shows_what_changed_since_the_last_agreed_version(client, world, proposed):
    version = proposed.version
    for actor, party in [
        (world.client_a, proposed.client),
        (world.partner, proposed.residents),
        (world.designer, proposed.designers),
    ]:
        services.consent_to(
            actor=actor, version=version, party=party, content_hash=version.content_hash
        )
    second = services.agreement_version_new_draft(actor=world.designer, agreement=version.agreement)
    second.ambition = "Bewoners zijn samen eigenaar van het plein."
    second.save()
    client.force_login(
        world.designer
    )  # a draft is the designers’ own; clients see it once proposed
    response = client.get(_url("version_diff", second))
    page = response.content.decode()
    assert "Bewoners zijn samen eigenaar van het plein." in page
    assert "diff-removed" in page and "diff-added" in page
    assert client.get(_url("version", version)).status_code == 200


def test_client_gets_404_for_a_draft_version(client, world):
    from tests.factories import AgreementVersionFactory

    draft = AgreementVersionFactory(agreement__project=world.project_a)
    client.force_login(world.client_a)
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get(reverse("cocreation:agreement", args=[world.project_a.slug]))
    assert draft.get_absolute_url() not in listing.content.decode()
