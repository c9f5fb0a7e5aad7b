"""The order confirmation PDF: what it states, what it leaves out, and what it may not load."""

import io
import subprocess
from decimal import Decimal

import pytest
from pypdf import PdfReader

from cocreation import pdf, services
from cocreation.models import Commitment, OrderConfirmation
from core import pdf as core_pdf
from tests.factories import build_agreed_agreement, build_agreement, plan_trajectory

pytestmark = pytest.mark.django_db

SHARED = "geen enkele partij, De Buurtontdekkers inbegrepen, kan alleen verantwoordelijk"


def _text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


FIRM = {
    "legal_name": "Buurtontdekkers Proef v.o.f.",
    "address": "Pleinweg 3, 3011 AA Rotterdam",
    "kvk": "87654321",
    "vat": "NL009876543B01",
    "iban": "NL11 TEST 0000 1111 22",
    "contact_name": "Bernadette van Dijk",
    "contact_email": "bernadette@buurtontdekkers.example",
    "contact_phone": "010 1234567",
}


def _confirmation(world, *, client_reference="", **version_fields) -> OrderConfirmation:
    plan_trajectory(world.project_a)
    for phase in world.project_a.phases.all():
        phase.description = f"Wat er gebeurt in {phase.name.lower()}."
        phase.save()
    built = build_agreement(world)
    for name, value in version_fields.items():
        setattr(built.version, name, value)
    built.version.save()
    version = services.agreement_version_propose(actor=world.designer, version=built.version)
    for party, actor in (
        (built.client, world.client_a),
        (built.residents, world.partner),
        (built.designers, world.designer),
    ):
        services.consent_to(
            actor=actor, version=version, party=party, content_hash=version.content_hash
        )
    version.refresh_from_db()
    return services.order_confirmation_generate(
        actor=world.admin,
        version=version,
        fee=Decimal("12500"),
        hours=120,
        client_reference=client_reference,
        enqueue=False,
    )


@pytest.fixture
def rendered(world, settings):
    settings.FIRM = FIRM
    confirmation = _confirmation(world, client_reference="INK-2026-0077")
    data, digest = pdf.render_pdf(confirmation)
    return confirmation, data, _text(data)


def test_pdf_states_ambition_every_commitment_and_shared_responsibility(rendered):
    confirmation, _data, text = rendered
    assert confirmation.number in text
    assert "Buren kennen elkaar en zorgen samen voor het plein." in text
    for commitment in Commitment.objects.filter(party__version=confirmation.version):
        assert commitment.description in text
    assert SHARED in text


def test_pdf_covers_the_whole_trajectory_terms_and_consents(rendered):
    _confirmation, _data, text = rendered
    for phase in ["Ontdekken", "Ontwerpen", "Doen", "Verankeren"]:
        assert phase in text
    assert "12.500,00" in text and "120 uur" in text
    assert "algemene voorwaarden" in text
    assert "impactlogboek" in text and "reflectiemomenten" in text
    assert "Client Anna" in text and "Partner Piet" in text and "Handtekening" in text
    assert "pagina 1 van" in text


def test_pdf_has_no_fixed_results_section(rendered):
    _confirmation, _data, text = rendered
    lowered = text.lower()
    assert "resultaten:" not in lowered and "doelstelling" not in lowered
    assert "outputdoelen" not in lowered


def test_pdf_has_metadata_and_embedded_fonts(rendered):
    confirmation, data, _text = rendered
    reader = PdfReader(io.BytesIO(data))
    assert confirmation.number in reader.metadata.title
    assert reader.metadata.author == "De Buurtontdekkers"
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    assert "Figtree" in fonts
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp  # declared PDF/A-3b


def test_script_in_user_text_comes_out_as_text(world):
    confirmation = _confirmation(world, ambition="<script>alert('x')</script> Samen verder.")
    text = _text(pdf.render_pdf(confirmation)[0])
    assert "<script>alert('x')</script> Samen verder." in text


def test_links_and_images_in_user_text_do_not_reach_the_pdf(world):
    hostile = (
        '<img src="file:///etc/passwd"> <img src="http://example.com/x.png">'
        ' <link rel="attachment" href="file:///etc/passwd">'
        ' <a rel="attachment" href="file:///etc/passwd">bijlage</a>'
    )
    confirmation = _confirmation(world, ambition=hostile, principles=hostile)
    data = pdf.render_pdf(confirmation)[0]
    reader = PdfReader(io.BytesIO(data))
    assert reader.attachments == {}
    assert b"root:x:0:0" not in data
    assert b"/EmbeddedFile" not in data
    assert b"/URI" not in data
    assert "<img src=" in _text(data)  # escaped: shown, not loaded


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x.png",
        "https://example.com/logo.png",
        f"{core_pdf.STATIC_BASE}../../../../etc/passwd",
        f"{core_pdf.STATIC_BASE}%2e%2e/%2e%2e/settings.py",
        f"{core_pdf.STATIC_BASE}/etc/passwd",
        f"{core_pdf.STATIC_BASE}img/missing.png",
    ],
)
def test_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(core_pdf.RefusedURL):
        core_pdf.StaticFilesOnlyFetcher().fetch(url)


def test_fetcher_serves_static_files_and_data_urls():
    fetcher = core_pdf.StaticFilesOnlyFetcher()
    logo = fetcher.fetch(f"{core_pdf.STATIC_BASE}img/logo.svg")
    assert logo.read().startswith(b"<svg") and logo.content_type == "image/svg+xml"
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"


def test_hostile_html_rendered_directly_loads_nothing_outside_static(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the pdf")
    html = (
        f'<html><body><p>x</p><img src="file://{secret}"><img src="file:///etc/passwd">'
        '<img src="http://127.0.0.1:9/x.png"><link rel="attachment" href="file:///etc/passwd">'
        '<link rel="stylesheet" href="file:///etc/passwd"></body></html>'
    )
    data = core_pdf.html_to_pdf(html, variant=None)
    reader = PdfReader(io.BytesIO(data))
    assert reader.attachments == {}
    assert b"not for the pdf" not in data and b"root:x" not in data
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data


def test_build_agreed_agreement_factory_gives_an_agreed_version(world):
    assert build_agreed_agreement(world).version.status == "agreed"
