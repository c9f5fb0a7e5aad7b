"""The progress report PDF: rendered by WeasyPrint and read back; it shows what its requester
may see on the dashboard, and nothing more."""

import datetime
import io
import subprocess

import pytest
from pypdf import PdfReader

from dashboard.models import ProgressReport
from dashboard.reports import render_report_pdf
from impact import services as impact_services
from impact.models import ImpactEntry
from tests.factories import ImpactEntryFactory, build_dashboard

pytestmark = pytest.mark.django_db

WITHDRAWN_WORDS = "Ik voel me hier eindelijk thuis"


def _text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def dashboard(world):
    built = build_dashboard(world)
    in_period = datetime.date(2026, 2, 10)
    ImpactEntry.objects.filter(pk__in=[built.internal.pk, built.unconsented.pk]).update(
        occurred_on=in_period
    )
    withdrawn = ImpactEntryFactory(
        project=built.project,
        resident_consented=True,
        title="Citaat van een bewoner",
        description=WITHDRAWN_WORDS,
        occurred_on=in_period,
    )
    impact_services.consent_withdraw(actor=world.designer, entry=withdrawn, note="Wil het niet")
    return built


def _render(project, user) -> tuple[bytes, str]:
    report = ProgressReport.objects.create(
        project=project,
        requested_by=user,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    data, _digest = render_report_pdf(report)
    return data, _text(data)


def test_client_report_shows_ambition_shared_impact_and_commitments(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert dashboard.agreement.version.ambition.split()[0] in text
    assert " ".join(dashboard.agreement.version.ambition.split()) in text
    assert dashboard.shared.title in text
    assert dashboard.significant.title in text
    assert "Koffie op het Vlinderplein" in text  # the activity that contributed
    assert "Moestuin Vlinderplein" in text
    assert dashboard.commitment.description in text and "Minder uren dan gepland." in text
    assert "Ontwerpen" in text and "pagina 1 van" in text


def test_client_report_leaves_out_internal_and_unconsented_words(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert dashboard.internal.title not in text
    assert dashboard.unconsented.title not in text
    assert WITHDRAWN_WORDS not in text
    assert dashboard.hidden_initiative.title not in text


def test_designer_report_includes_internal_entries(world, dashboard):
    _data, text = _render(dashboard.project, world.designer)
    assert dashboard.internal.title in text


def test_report_has_metadata_and_charts_with_tables(world, dashboard):
    data, text = _render(dashboard.project, world.client_a)
    reader = PdfReader(io.BytesIO(data))
    assert "Voortgangsrapportage" in reader.metadata.title
    assert reader.metadata.author == "De Buurtontdekkers"
    assert "Activiteiten en bereikte bewoners per maand" in text
    assert "feb 2026" in text and "mrt 2026" in text
    assert b"/URI" not in data


def test_chart_coordinates_keep_a_decimal_point_in_dutch():
    import re

    from django.template.loader import render_to_string
    from django.utils import translation

    from dashboard.reports import _chart

    data = {"labels": ["jan", "feb", "mrt"], "datasets": [{"label": "a", "data": [1, 2, 3]}]}
    with translation.override("nl"):
        svg = render_to_string("dashboard/pdf/_bar_chart.html", {"chart": _chart("t", data)})
    # A Dutch decimal comma in an SVG attribute makes WeasyPrint drop every bar silently.
    assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+"', svg)
    assert not re.search(r'="\d+,\d+"', svg)
