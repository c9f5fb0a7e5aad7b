import csv
import io

import pytest
from django.urls import reverse

from impact import services
from tests.factories import ContributionFactory, ImpactEntryFactory

pytestmark = pytest.mark.django_db


def _url(project):
    return reverse("impact:export", args=[project.slug])


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_export_is_utf8_with_bom_for_excel_and_keeps_dutch_characters(client, world):
    ContributionFactory(
        entry__project=world.project_a,
        entry__title="Café op de hoek: ideeën van één buurvrouw",
        activity__title="Koffie op het plein",
    )
    client.force_login(world.designer)
    response = client.get(_url(world.project_a))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, row = _rows(response)
    assert header[0] == "Datum"
    assert "Café op de hoek: ideeën van één buurvrouw" in row
    assert "Koffie op het plein" in row


def test_designer_export_holds_internal_entries_and_their_visibility(client, world):
    ImpactEntryFactory(project=world.project_a, visibility="internal", title="Intern signaal")
    client.force_login(world.designer)
    header, row = _rows(client.get(_url(world.project_a)))
    assert "Intern signaal" in row
    assert "Zichtbaarheid" in header


def test_client_export_holds_shared_entries_only_and_no_consent_columns(client, world):
    ImpactEntryFactory(project=world.project_a, title="Gedeelde uitkomst")
    ImpactEntryFactory(project=world.project_a, visibility="internal", title="Intern signaal")
    client.force_login(world.client_a)
    response = client.get(_url(world.project_a))
    rows = _rows(response)
    body = response.content.decode()
    assert len(rows) == 2 and "Gedeelde uitkomst" in rows[1]
    assert "Intern signaal" not in body
    assert "Toestemming" not in rows[0]


def test_designer_export_leaves_out_words_whose_consent_was_withdrawn(client, world, quote):
    services.consent_withdraw(actor=world.designer, entry=quote, note="Belde op")
    client.force_login(world.designer)
    body = client.get(_url(world.project_a)).content.decode()
    assert quote.description not in body and quote.title not in body
    assert "toestemming ingetrokken" in body


def test_cells_that_look_like_formulas_are_defused(client, world):
    ImpactEntryFactory(project=world.project_a, title='=HYPERLINK("http://x")')
    client.force_login(world.designer)
    _, row = _rows(client.get(_url(world.project_a)))
    assert '\'=HYPERLINK("http://x")' in row


def test_client_of_another_project_gets_404_for_the_export(client, world):
    client.force_login(world.client_b)
    assert client.get(_url(world.project_a)).status_code == 404


def test_anonymous_is_sent_to_login_from_the_export(client, world):
    response = client.get(_url(world.project_a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_post_to_the_export_is_405(client, world):
    client.force_login(world.designer)
    assert client.post(_url(world.project_a)).status_code == 405


def test_export_follows_the_timeline_filters(client, world):
    ImpactEntryFactory(project=world.project_a, kind="quote", title="Een citaat")
    ImpactEntryFactory(project=world.project_a, kind="signal", title="Een signaal")
    client.force_login(world.designer)
    rows = _rows(client.get(_url(world.project_a), {"kind": "signal"}))
    assert [row[2] for row in rows[1:]] == ["Een signaal"]
