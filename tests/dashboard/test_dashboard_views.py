"""The shared progress dashboard: what each user sees, and what a client never sees."""

import pytest
from django.urls import reverse

from cocreation.models import AgreementVersion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return factories.build_dashboard(world)


def _url(project):
    return reverse("dashboard:dashboard", kwargs={"slug": project.slug})


def _get(client, user, project):
    client.force_login(user)
    return client.get(_url(project))


def test_client_sees_ambition_phase_impact_commitments_and_check_in(client, world, data):
    response = _get(client, world.client_a, data.project)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Buren kennen elkaar en zorgen samen voor het plein." in html  # shared ambition
    assert 'aria-current="step"' in html and "Ontwerpen" in html  # current phase
    assert "Bewoners beheren samen het plein" in html  # most significant first
    assert html.index("Bewoners beheren samen") < html.index("Buren groeten elkaar weer")
    assert "Koffie op het Vlinderplein" in html  # the contributing activity
    assert data.commitment.description in html and "Vraagt aandacht" in html
    assert "Minder uren dan gepland." in html
    assert "Volgend reflectiemoment" in html
    assert "Moestuin Vlinderplein" in html and "Geleid door bewoners" in html


def test_client_never_sees_internal_or_unconsented_entries_or_hidden_initiatives(
    client, world, data
):
    html = _get(client, world.client_a, data.project).content.decode()
    assert "Intern signaal over spanningen" not in html
    assert "Citaat zonder toestemming" not in html
    assert "Verborgen initiatief" not in html


def test_client_sees_own_concern_with_reply_and_button_to_raise_one(client, world, data):
    html = _get(client, world.client_a, data.project).content.decode()
    assert "Wanneer bouwen?" in html and "In de fase Doen, vanaf mei." in html
    assert reverse("cocreation:concern_create", args=[data.project.slug]) in html


def test_partner_sees_the_dashboard_of_their_project(client, world, data):
    response = _get(client, world.partner, data.project)
    assert response.status_code == 200
    assert "Buren groeten elkaar weer" in response.content.decode()


def test_designer_sees_internal_entries_marked_and_no_raise_button(client, world, data):
    html = _get(client, world.designer, data.project).content.decode()
    assert "Intern signaal over spanningen" in html
    assert reverse("cocreation:concern_create", args=[data.project.slug]) not in html
    assert "Wanneer bouwen?" in html


def test_client_gets_404_for_other_clients_dashboard(client, world, data):
    assert _get(client, world.client_b, data.project).status_code == 404


def test_anonymous_is_redirected_to_login(client, world):
    response = client.get(_url(world.project_a))
    assert response.status_code == 302 and "login" in response["Location"]


def test_post_is_not_allowed(client, world):
    client.force_login(world.client_a)
    assert client.post(_url(world.project_a)).status_code == 405


def test_client_never_sees_a_draft_or_proposed_agreement(client, world):
    built = factories.build_agreement(world, status="proposed")
    assert built.version.status == AgreementVersion.Status.PROPOSED
    html = _get(client, world.client_a, world.project_a).content.decode()
    assert "Buren kennen elkaar en zorgen samen voor het plein." not in html
    assert built.client.commitments.get().description not in html
    assert "Nog geen afspraak" in html


def test_charts_have_data_and_a_table_alternative(client, world, data):
    html = _get(client, world.client_a, data.project).content.decode()
    charts = ("activities", "themes", "ownership", "curve")  # the curve: issue 16
    for chart in charts:
        assert f'id="chart-{chart}-data"' in html
    assert html.count("<table") == 4
    assert "<script>" not in html and 'style="' not in html


def test_empty_dashboard_explains_what_will_appear(client, world):
    html = _get(client, world.client_a, world.project_a).content.decode()
    assert "Nog geen activiteiten vastgelegd." in html
    assert "Zodra er in de buurt iets verandert" in html


def test_client_home_shows_only_own_projects_with_phase_highlight_and_dashboard(
    client, world, data
):
    client.force_login(world.client_a)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert data.project.title in html and world.project_b.title not in html
    assert "Fase: Ontwerpen" in html
    assert "Buren groeten elkaar weer" in html  # the latest shared entry
    assert _url(data.project) in html


def test_client_home_highlight_skips_internal_entries(client, world, data):
    factories.ImpactEntryFactory(project=data.project, title="Nieuw intern", visibility="internal")
    client.force_login(world.client_a)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "Nieuw intern" not in html and "Buren groeten elkaar weer" in html


def test_designer_home_has_a_dashboard_link_per_project(client, world):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    client.force_login(world.designer)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert _url(world.project_a) in html


def test_dashboard_leads_with_ambition_and_impact_and_ends_with_activity_figures(
    client, world, data
):
    html = _get(client, world.client_a, data.project).content.decode()
    order = [
        'id="dashboard-ambition-title"',
        'id="dashboard-impact-title"',
        'id="dashboard-initiatives-title"',
        'id="dashboard-trajectory-title"',
        'class="dashboard-totals',
        'id="chart-themes-title"',
        'id="chart-activities-title"',
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert html.index('id="dashboard-commitments-title"') < html.index(order[3])
