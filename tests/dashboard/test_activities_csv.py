"""CSV export of a project's activities from the dashboard (impact reuses impact:export)."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _url(project):
    return reverse("dashboard:activities_csv", kwargs={"slug": project.slug})


def test_client_downloads_activities_as_utf8_csv_with_bom(client, world):
    factories.ActivityFactory(project=world.project_a, title="Gesprek café Één", location="=plein")
    client.force_login(world.client_a)
    response = client.get(_url(world.project_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffDatum;Soort;Titel")
    assert "Gesprek café Één" in body
    assert "'=plein" in body  # no formula injection


def test_client_gets_404_for_other_clients_activities_csv(client, world):
    client.force_login(world.client_b)
    assert client.get(_url(world.project_a)).status_code == 404


def test_anonymous_is_redirected_from_the_csv(client, world):
    assert client.get(_url(world.project_a)).status_code == 302


def test_post_to_the_csv_is_not_allowed(client, world):
    client.force_login(world.client_a)
    assert client.post(_url(world.project_a)).status_code == 405


def test_shared_impact_csv_leaves_internal_entries_out_for_clients(client, world):
    factories.ImpactEntryFactory(project=world.project_a, title="Gedeeld verhaal")
    factories.ImpactEntryFactory(project=world.project_a, title="Intern", visibility="internal")
    client.force_login(world.client_a)
    body = client.get(reverse("impact:export", args=[world.project_a.slug])).content.decode()
    assert body.startswith("\ufeff") and "Gedeeld verhaal" in body and "Intern;" not in body
