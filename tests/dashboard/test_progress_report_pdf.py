"""The progress report PDF: rendered by WeasyPrint and read back; it shows what its requester
may see on the dashboard, and nothing more."""

import datetime
import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from core.charts import bar_chart
from dashboard import figures
from dashboard.models import ProgressReport
from dashboard.reports import activity_charts, render_report_pdf
from impact import services as impact_services
from impact.models import ImpactEntry, SignificantChange
from projects import selectors as project_selectors
from tests.factories import ImpactEntryFactory, build_dashboard

pytestmark = pytest.mark.django_db

WITHDRAWN_WORDS = "Ik voel me hier eindelijk thuis"
WITHDRAWN_REASON = "Deze woorden raken de kern van de ambitie."
JAN_1, MAR_31 = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


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
    ImpactEntry.objects.filter(pk=built.shared.pk).update(
        substantiated_by="de voorzitter van de bewonersgroep", substantiated=True
    )
    ImpactEntry.objects.filter(pk=built.significant.pk).update(
        substantiated_by="de wijkagent", substantiated=False
    )
    built.initiative.ownership_steps.filter(level=3).update(
        remark="De bewoners hebben nu zelf de sleutel van de schuur."
    )
    withdrawn = ImpactEntryFactory(
        project=built.project,
        resident_consented=True,
        title="Citaat van een bewoner",
        description=WITHDRAWN_WORDS,
        occurred_on=in_period,
    )
    SignificantChange.objects.create(
        entry=withdrawn,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 2, 28),
        reason=WITHDRAWN_REASON,
        selected_by=world.designer,
    )
    impact_services.consent_withdraw(actor=world.designer, entry=withdrawn, note="Wil het niet")
    return built


def _render(project, user, start=JAN_1, end=MAR_31) -> tuple[bytes, str]:
    report = ProgressReport.objects.create(
        project=project, requested_by=user, period_start=start, period_end=end
    )
    data, _digest = render_report_pdf(report)
    return data, _text(data)


def _in_order(text: str, *parts: str) -> bool:
    """Whether each of `parts` occurs in `text`, each after the one before."""
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


def test_client_report_shows_ambition_shared_impact_and_commitments(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert " ".join(dashboard.agreement.version.ambition.split()) in text
    assert dashboard.shared.title in text
    assert dashboard.significant.title in text
    assert "Koffie op het Vlinderplein" in text  # the activity that contributed
    assert "Moestuin Vlinderplein" in text
    assert dashboard.commitment.description in text and "Minder uren dan gepland." in text
    assert "Ontwerpen" in text and "pagina 1 van" in text


def test_report_leads_with_impact_and_ends_with_the_activity_figures(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert _in_order(
        text,
        "Onze gedeelde ambitie",
        "Meest significante veranderingen",
        dashboard.significant.title,
        "Wat er verder veranderde in de buurt",
        dashboard.shared.title,
        "Inzet van alle partijen",
        "Bewonersinitiatieven en eigenaarschap",
        "Het traject",
        "Activiteiten in cijfers",
    )
    assert text.index("Activiteiten per maand") > text.index("Inzet van alle partijen")


def test_report_says_why_a_change_was_chosen_and_who_confirmed_each_change(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    reason = "Waarom het team deze verandering koos: Voor het eerst nemen bewoners zelf het beheer"
    assert _in_order(text, dashboard.significant.title, reason, "de wijkagent kan het bevestigen")
    assert "Nog niet bevestigd; de wijkagent kan het bevestigen." in text
    assert "Bevestigd door de voorzitter van de bewonersgroep." in text


def test_report_shows_each_commitments_status_at_the_last_check_in(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert "op het laatste reflectiemoment, 20 februari 2026" in text
    assert _in_order(text, dashboard.commitment.description, "Vraagt aandacht", "Minder uren")


def test_report_shows_the_steps_of_ownership_with_their_remarks(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert _in_order(
        text,
        "Moestuin Vlinderplein",
        "Geleid door de buurtdesigners",
        "2 maart 2026 Geleid door bewoners — De bewoners hebben nu zelf de sleutel",
    )


def test_the_activity_table_appears_once(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert text.count("Soorten") == 1
    # "Maand" heads the ownership curve's table too (issue 16).
    assert text.count("Maand Activiteiten Soorten") == 1
    assert "februari 2026 1 Straatgesprek (1) 12" in text
    assert "Vastgelegde impact per maand" not in text


def test_activities_and_residents_are_drawn_each_on_its_own_scale(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert "Activiteiten per maand" in text and "Bewoners bereikt per maand" in text
    assert "Activiteiten en bereikte bewoners per maand" not in text


def test_an_empty_period_says_so_in_one_sentence_without_a_table_of_zeros(world, dashboard):
    _data, text = _render(
        dashboard.project, world.client_a, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
    )
    assert "Activiteiten in cijfers In deze periode zijn geen activiteiten vastgelegd." in text
    assert "Maand" not in text and "Activiteiten per maand" not in text
    assert not re.search(r"(?<![\d.,])0(?![\d.,])", text)


def test_dates_in_the_report_are_written_out_alike(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert "Voortgangsrapportage 1 januari 2026 – 31 maart 2026" in text  # the footer
    assert "20 januari 2026" in text and "3 februari 2026" in text
    assert not re.search(r"\d{2}-\d{2}-\d{4}", text)


def test_client_report_leaves_out_internal_and_unconsented_words(world, dashboard):
    _data, text = _render(dashboard.project, world.client_a)
    assert dashboard.internal.title not in text
    assert dashboard.unconsented.title not in text
    assert WITHDRAWN_WORDS not in text
    assert dashboard.hidden_initiative.title not in text


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_a_change_chosen_before_its_consent_was_withdrawn_stays_out(world, dashboard, who):
    _data, text = _render(dashboard.project, getattr(world, who))
    assert "Citaat van een bewoner" not in text
    assert WITHDRAWN_REASON not in text
    assert dashboard.internal.title not in text


def test_designer_report_includes_internal_entries(world, dashboard):
    _data, text = _render(dashboard.project, world.designer)
    assert dashboard.internal.title in text
    assert "Citaat van een bewoner" in text and "toestemming ingetrokken" in text


def test_report_has_metadata_and_no_links(world, dashboard):
    data, _text = _render(dashboard.project, world.client_a)
    reader = PdfReader(io.BytesIO(data))
    assert "Voortgangsrapportage" in reader.metadata.title
    assert reader.metadata.author == "De Buurtontdekkers"
    assert b"/URI" not in data


def test_each_activity_chart_is_scaled_to_its_own_figures(world, dashboard):
    months = project_selectors.activity_months(dashboard.project, period=(JAN_1, MAR_31))
    activities, residents = activity_charts(figures.activity_chart(months, period=(JAN_1, MAR_31)))
    # Feb: 1 activity, 12 residents; one scale for both would make the activity a sliver.
    assert activities["svg"]["top"] == 1 and residents["svg"]["top"] == 15
    assert [bar["height"] for bar in activities["svg"]["bars"]] == [98.0, 98.0, 0.0]
    assert [line["label"] for line in residents["svg"]["gridlines"]] == [5, 10, 15]


def test_chart_coordinates_keep_a_decimal_point_in_dutch():
    from django.template.loader import render_to_string
    from django.utils import translation

    data = {"labels": ["jan", "feb", "mrt"], "datasets": [{"label": "a", "data": [1, 2, 3]}]}
    chart = {"title": "t", "svg": bar_chart(data, width=301, height=117)}
    with translation.override("nl"):
        svg = render_to_string("dashboard/pdf/_bar_chart.html", {"chart": chart})
    # A Dutch decimal comma in an SVG attribute makes WeasyPrint drop every bar silently.
    assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+"', svg)
    assert not re.search(r'="\d+,\d+"', svg)


def test_report_shows_the_continuation_decisions_on_the_trajectory(world, dashboard):
    from cocreation import services as cocreation_services

    ontdekken = dashboard.project.phases.get(name="Ontdekken")
    cocreation_services.continuation_decision_record(
        actor=world.designer,
        phase=ontdekken,
        outcome="continue",
        reason="Bewoners willen zelf verder ontwerpen.",
        decided_on=datetime.date(2026, 3, 2),
        parties=[
            {"organisation": dashboard.project.client, "agreed": True, "decided_by": "Anna"},
        ],
    )
    _data, text = _render(dashboard.project, world.client_a)
    assert _in_order(
        text,
        "Het traject",
        "Ontdekken",
        "Besluit over het vervolg: Doorgaan zoals afgesproken (2 maart 2026).",
        "Bewoners willen zelf verder ontwerpen.",
        f"{dashboard.project.client.name} stemt in (Anna)",
        "Ontwerpen",
    )


def test_report_leaves_out_a_decision_taken_after_its_period(world, dashboard):
    from cocreation import services as cocreation_services

    cocreation_services.continuation_decision_record(
        actor=world.designer,
        phase=dashboard.project.phases.get(name="Ontdekken"),
        outcome="continue",
        reason="Later besloten.",
        decided_on=datetime.date(2026, 4, 2),
        parties=[{"organisation": dashboard.project.client, "agreed": True}],
    )
    _data, text = _render(dashboard.project, world.client_a)
    assert "Later besloten." not in text


def test_report_shows_the_independent_substantiation_beside_each_change(world, dashboard):
    from core.links import link_token
    from impact import substantiation
    from impact.models.substantiation import LINK_PURPOSE

    asked = substantiation.request_substantiation(
        actor=world.designer,
        entry=dashboard.shared,
        name="Ria",
        email="ria@example.org",
        role="partner",
    )
    substantiation.answer_substantiation(
        token=link_token(LINK_PURPOSE, asked.pk),
        answers={
            "description": ("agrees", ""),
            "significance": ("partly", "Niet iedereen groet."),
            "contribution": ("agrees", ""),
        },
        answer_name="Ria Bakker",
        answer_role="bewonersgroep",
    )
    substantiation.request_substantiation(
        actor=world.designer,
        entry=dashboard.significant,
        name="Wijkagent",
        email="wijkagent@example.org",
        role="other",
    )
    _data, text = _render(dashboard.project, world.client_a)
    assert _in_order(
        text,
        dashboard.significant.title,
        "Onafhankelijke bevestiging: gevraagd, nog geen antwoord",
        dashboard.shared.title,
        "Onafhankelijke bevestiging: deels bevestigd door een partner",
    )
    assert "Ria Bakker" not in text and "Niet iedereen groet." not in text


def _links(data: bytes) -> list[str]:
    """The addresses of the PDF's link annotations."""
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(data)).pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/A", {}).get("/URI")
    ]


def test_report_links_to_what_was_agreed_on_its_last_day(world, dashboard, settings):
    settings.SITE_URL = "https://buurt.example.nl"
    data, text = _render(dashboard.project, world.client_a)
    assert "Wat spraken we af op 31 maart 2026?" in text
    page = f"/projecten/{dashboard.project.slug}/samenwerking/"
    assert f"https://buurt.example.nl{page}?datum=2026-03-31#op-datum" in _links(data)
