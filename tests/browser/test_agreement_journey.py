"""Journey 2 (DESIGN §2): a designer drafts and proposes a co-creation agreement; the client
and the residents' group each agree to that exact version in their own browser session; the
version becomes the active agreement."""

import pytest

from cocreation.models import AgreementVersion, Consent
from projects.models import Organisation
from tests.factories import MembershipFactory, PhaseFactory, ProjectFactory, UserFactory

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session(browser, live_server, email, password):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, email, password)
    page.wait_for_url(f"{live_server.url}/")
    return context, page, errors


def test_designer_proposes_and_every_party_agrees_in_its_own_session(
    browser, live_server, password
):
    municipality = Organisation.objects.create(name="Gemeente Rivierenland-Oost", kind="gemeente")
    residents = Organisation.objects.create(
        name="Bewonersgroep De Vlinderbuurt", kind="bewonersgroep"
    )
    project = ProjectFactory(title="De Vlinderbuurt samen aan zet", client=municipality)
    for order, name in enumerate(["Ontdekken", "Ontwerpen", "Doen", "Verankeren"]):
        PhaseFactory(project=project, name=name, order=order, is_current=order == 0)
    designer = UserFactory(role="designer", email="ben@example.org", name="Ben")
    client = UserFactory(email="sanne@example.org", name="Sanne Jansen", organisation=municipality)
    partner = UserFactory(email="ria@example.org", name="Ria Bakker", organisation=residents)
    MembershipFactory(user=designer, project=project, role="designer")
    MembershipFactory(user=client, project=project, role="client")
    MembershipFactory(user=partner, project=project, role="partner")
    agreement_url = f"{live_server.url}/projecten/{project.slug}/samenwerking/"

    # The designer drafts: the ambition and each party's commitment.
    context, page, errors = _session(browser, live_server, designer.email, password)
    page.goto(agreement_url)
    page.get_by_role("button", name="Afspraak opstellen").click()
    page.get_by_role("heading", name="Concept, versie 1").wait_for()
    assert (
        "Verankeren" in page.get_by_role("textbox", name="Aanpak").input_value()
    )  # the whole trajectory
    page.get_by_role("textbox", name="Gedeelde ambitie").fill(
        "Minimaal 10 interventies in de buurt."
    )
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_text("Dit klinkt als een vast resultaat").first.wait_for()  # a hint, no block
    page.get_by_role("textbox", name="Gedeelde ambitie").fill(
        "Bewoners kennen elkaar weer en kijken naar elkaar om."
    )
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_text("Concept opgeslagen.").wait_for()
    # The project's residents' group is a party of the first draft already, spoken for by
    # its member (issue 16 §5): the designer only adds what each party brings in.
    assert residents.name in page.locator("#id_commitment-party").inner_text()
    for party, text in [
        (municipality.name, "Sanne is vast aanspreekpunt."),
        (residents.name, "De tuin van het buurthuis voor bijeenkomsten."),
    ]:
        page.locator("#id_commitment-party").select_option(
            label=party
            + " ("
            + ("Opdrachtgever" if party == municipality.name else "Bewonersgroep")
            + ")"
        )
        page.locator("#id_commitment-description").fill(text)
        page.get_by_role("button", name="Inzet toevoegen").click()
        page.get_by_text("Inzet toegevoegd.").wait_for()
    page.get_by_role("button", name="Versie voorstellen").click()
    page.get_by_text("Voorgesteld. Alle partijen krijgen een e-mail").wait_for()
    version = AgreementVersion.objects.get()
    assert version.status == "proposed"
    assert errors == []
    context.close()

    # The client and the residents' group each agree, each in their own session.
    for person, party in [(client, municipality), (partner, residents)]:
        context, page, errors = _session(browser, live_server, person.email, password)
        page.goto(agreement_url)
        page.get_by_role("link", name="Voorstel bekijken").click()
        assert "Bewoners kennen elkaar weer" in page.locator("main").inner_text()
        page.get_by_role("button", name=f"Ik stem in namens {party.name}").click()
        page.get_by_text("uw instemming is vastgelegd").wait_for()
        assert page.get_by_role("button", name="Ik stem in namens").count() == 0
        assert errors == []
        context.close()

    version.refresh_from_db()
    assert version.status == "agreed"
    consents = Consent.objects.filter(version=version)
    assert {c.user for c in consents} == {client, partner}
    assert {c.content_hash for c in consents} == {version.content_hash}

    context, page, errors = _session(browser, live_server, client.email, password)
    page.goto(agreement_url)
    assert "Actief" in page.locator("main").inner_text()
    assert "Bewoners kennen elkaar weer" in page.locator(".agreement-ambition").inner_text()
    context.close()
