"""The order confirmation reads as a Dutch business document: its term covers the whole
trajectory, each thing is printed once, and it holds what a purchasing department expects."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from cocreation import pdf
from cocreation.models import ConfirmationCounter, GeneralTerms, TermsLocked
from cocreation.services.first_draft import approach_from_phases
from tests.cocreation.test_confirmation_pdf import FIRM, _confirmation, _text
from tests.factories import PhaseFactory, build_agreed_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(settings):
    settings.FIRM = FIRM
    return FIRM


def _render(confirmation) -> tuple[bytes, str]:
    data = pdf.render_pdf(confirmation)[0]
    return data, _text(data)


def _first_draft_approach(world) -> str:
    return approach_from_phases(
        (phase.name, phase.description) for phase in world.project_a.phases.order_by("order")
    )


def test_term_runs_from_the_first_phase_start_to_the_last_phase_end(world, firm):
    confirmation = _confirmation(world)
    assert confirmation.term_start == datetime.date(2026, 1, 5)
    assert confirmation.term_end == datetime.date(2027, 6, 4)
    assert confirmation.term_weeks == 74
    _data, text = _render(confirmation)
    assert "5 januari 2026 tot en met 4 juni 2027" in text
    assert "74 weken" not in text  # the dates say it; no number of weeks beside them


def test_term_follows_a_phase_that_runs_longer(world, firm):
    from tests.factories import plan_trajectory

    plan_trajectory(world.project_a)
    world.project_a.phases.filter(name="Verankeren").update(end_date=datetime.date(2027, 9, 30))
    confirmation = _confirmation(world)
    assert confirmation.term_end == datetime.date(2027, 9, 30)


def test_confirmation_is_refused_while_a_phase_has_no_dates(world, firm):
    built = build_agreed_agreement(world)
    PhaseFactory(project=world.project_a, name="Nazorg", order=9)
    with pytest.raises(ValidationError) as refused:
        _generate(world, built.version)
    message = " ".join(refused.value.messages)
    assert "Geef eerst deze fasen een begin- en einddatum: Nazorg." in message
    assert "het hele traject dekken, tot en met het einde van de laatste fase" in message
    assert not ConfirmationCounter.objects.exists()  # no number was used up


def test_confirmation_is_refused_for_a_project_without_phases(world, firm):
    built = build_agreed_agreement(world)
    world.project_a.phases.all().delete()
    with pytest.raises(ValidationError) as refused:
        _generate(world, built.version)
    assert "Dit project heeft nog geen fasen." in " ".join(refused.value.messages)


def test_confirmation_is_refused_while_the_firms_kvk_number_is_missing(world, settings):
    settings.FIRM = {**FIRM, "kvk": ""}
    built = build_agreed_agreement(world)
    with pytest.raises(ValidationError) as refused:
        _generate(world, built.version)
    assert "KvK-nummer ontbreekt" in " ".join(refused.value.messages)


def _generate(world, version):
    from decimal import Decimal

    from cocreation import services

    return services.order_confirmation_generate(
        actor=world.admin, version=version, fee=Decimal(1), hours=1, enqueue=False
    )


def test_hash_is_printed_once_and_explained_in_plain_words(world, firm):
    confirmation = _confirmation(world)
    _data, text = _render(confirmation)
    assert text.replace(" ", "").count(confirmation.version.content_hash) == 1
    assert "SHA-256" not in text
    assert "vingerafdruk van de tekst van de afspraak" in text
    assert "precies de tekst is waarmee alle partijen instemden" in text


def test_first_draft_approach_is_printed_once_as_the_dated_phase_list(world, firm):
    from tests.factories import plan_trajectory

    plan_trajectory(world.project_a)
    for phase in world.project_a.phases.all():
        phase.description = f"Wat er gebeurt in {phase.name.lower()}."
        phase.save()
    confirmation = _confirmation(world, approach=_first_draft_approach(world))
    _data, text = _render(confirmation)
    assert "Ontdekken: Wat er gebeurt" not in text
    assert text.count("Wat er gebeurt in ontdekken.") == 1
    assert "Ontdekken (5 januari 2026 – 29 maart 2026)" in text


def test_an_approach_of_its_own_is_printed_once_beside_the_phase_dates(world, firm):
    confirmation = _confirmation(world, approach="We beginnen met koffie op het plein.")
    _data, text = _render(confirmation)
    assert text.count("We beginnen met koffie op het plein.") == 1
    assert "Wat er gebeurt in ontdekken." not in text
    assert "Verankeren (4 januari 2027 – 4 juni 2027)" in text


def test_principles_have_a_heading_like_every_other_section(world, firm):
    html = pdf.render_html(_confirmation(world, principles="We werken vanuit de buurt."))
    assert "<h2>Uitgangspunten</h2>" in html
    assert "<h3>Uitgangspunten" not in html


def test_firm_details_and_the_clients_reference_are_on_the_confirmation(world, firm):
    confirmation = _confirmation(world, client_reference="INK-2026-0077")
    _data, text = _render(confirmation)
    assert "Buurtontdekkers Proef v.o.f." in text
    assert "Pleinweg 3, 3011 AA Rotterdam" in text
    assert "KvK-nummer: 87654321" in text and "btw-nummer: NL009876543B01" in text
    assert "Contactpersoon: Bernadette van Dijk" in text
    assert "Uw kenmerk INK-2026-0077" in text
    assert confirmation.client_reference == "INK-2026-0077"


def test_no_reference_line_when_the_client_gave_none(world, firm):
    _data, text = _render(_confirmation(world))
    assert "Uw kenmerk" not in text


def test_full_names_everywhere_and_the_firms_signer_is_named(world, firm):
    world.designer.name = "Ben Verbeek"
    world.designer.save()
    _data, text = _render(_confirmation(world))
    consents = text[text.index("Instemming met de samenwerkingsafspraak") :]
    assert "Client Anna" in consents and "Partner Piet" in consents and "Ben Verbeek" in consents
    signatures = text[text.index("Ondertekening") :]
    assert "Naam: Client Anna" in signatures
    assert "Naam: Bernadette van Dijk" in signatures


def test_signature_blocks_only_for_the_client_and_the_firm(world, firm):
    _data, text = _render(_confirmation(world))
    signatures = text[text.index("Ondertekening") : text.index("Bijlage: algemene voorwaarden")]
    assert signatures.count("Handtekening") == 2
    assert "Partner Piet" not in signatures
    # The residents' group's consent stays in the consent table.
    consents = text[text.index("Instemming met") : text.index("Ondertekening")]
    assert "Partner Piet" in consents


def test_general_terms_are_the_annex_with_their_version(world, firm):
    GeneralTerms.objects.create(
        version="2026-2", text="Artikel 1 – Alles in goed overleg.", is_active=True
    )
    confirmation = _confirmation(world)
    assert confirmation.general_terms.version == "2026-2"
    data, text = _render(confirmation)
    assert "algemene voorwaarden van De Buurtontdekkers van toepassing, versie 2026-2" in text
    last_page = _text_of_page(data, -1)
    assert "Bijlage: algemene voorwaarden, versie 2026-2" in last_page
    assert "Artikel 1 – Alles in goed overleg." in last_page


def _text_of_page(data: bytes, index: int) -> str:
    page = PdfReader(io.BytesIO(data)).pages[index]
    return " ".join(page.extract_text().split())


def test_the_first_terms_version_is_put_in_place_on_first_use(world, firm):
    assert not GeneralTerms.objects.exists()
    confirmation = _confirmation(world)
    assert confirmation.general_terms.is_active
    assert "Artikel 1 – Toepasselijkheid" in confirmation.snapshot["terms"]["text"]


def test_making_a_terms_version_active_switches_the_other_off():
    first = GeneralTerms.objects.create(version="1", text="Een", is_active=True)
    GeneralTerms.objects.create(version="2", text="Twee", is_active=True)
    first.refresh_from_db()
    assert not first.is_active
    assert GeneralTerms.current().version == "2"


def test_confirmation_is_refused_when_no_terms_version_is_active(world, firm):
    GeneralTerms.objects.create(version="1", text="Een", is_active=False)
    built = build_agreed_agreement(world)
    with pytest.raises(ValidationError) as refused:
        _generate(world, built.version)
    assert "geen actieve algemene voorwaarden" in " ".join(refused.value.messages)


def test_a_terms_version_a_confirmation_used_keeps_its_text(world, firm):
    terms = _confirmation(world).general_terms
    terms.text = "Iets anders."
    with pytest.raises(TermsLocked):
        terms.save()
    terms.refresh_from_db()
    terms.is_active = False
    terms.save()  # switching it off is fine
