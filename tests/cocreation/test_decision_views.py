"""Recording a continuation decision in the browser's forms, and where decisions show: the
trajectory of the project page and of the client's dashboard, with the guard's warning."""

import datetime

import pytest
from django.urls import reverse

from cocreation.models import ContinuationDecision
from tests import factories

pytestmark = pytest.mark.django_db

DISCOVER_ENDS = datetime.date(2026, 3, 29)  # tests/factories.py TRAJECTORY: Ontdekken


@pytest.fixture
def agreed(world, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC), tick=False)
    return factories.build_agreed_agreement(world)


def _url(project, phase) -> str:
    return reverse("cocreation:decision_create", args=[project.slug, phase.pk])


def _discover(world):
    return world.project_a.phases.get(name="Ontdekken")


def test_form_asks_each_party_of_the_agreement_in_force(client, world, agreed):
    client.force_login(world.designer)
    html = client.get(_url(world.project_a, _discover(world))).content.decode()
    for party in (agreed.client, agreed.residents, agreed.designers):
        assert f"{party.organisation.name} ({party.role}) stemt in" in html
    assert f'value="{world.client_a.name}"' in html  # who speaks for the client
    assert f'value="{world.designer.name}"' in html  # the firm speaks through its recorder


def test_designer_records_a_decision_with_every_partys_agreement(client, world, agreed):
    client.force_login(world.designer)
    response = client.post(
        _url(world.project_a, _discover(world)),
        {
            "outcome": "continue",
            "decided_on": "2026-03-18",
            "reason": "Bewoners willen zelf verder ontwerpen.",
            "agreed_0": "on",
            "by_0": "Client Anna",
            "agreed_1": "on",
            "by_1": "Partner Piet",
            "agreed_2": "on",
            "by_2": "Designer Dirk",
        },
    )
    assert response.status_code == 302
    decision = ContinuationDecision.objects.get(phase=_discover(world))
    assert decision.outcome == "continue" and decision.recorded_by == world.designer
    assert [p.decided_by for p in decision.parties.all()] == [
        "Client Anna",
        "Partner Piet",
        "Designer Dirk",
    ]


def test_a_party_that_does_not_agree_keeps_the_form_open(client, world, agreed):
    client.force_login(world.designer)
    response = client.post(
        _url(world.project_a, _discover(world)),
        {"outcome": "continue", "decided_on": "2026-03-18", "reason": "Door.", "agreed_0": "on"},
    )
    assert response.status_code == 200
    assert "vraagt de instemming van elke partij" in response.content.decode()
    assert not ContinuationDecision.objects.exists()


def test_adjusting_leads_to_the_new_draft(client, world, agreed):
    client.force_login(world.designer)
    response = client.post(
        _url(world.project_a, _discover(world)),
        {
            "outcome": "adjust",
            "decided_on": "2026-03-18",
            "reason": "Meer tijd voor ontwerpen.",
            "agreed_0": "on",
            "agreed_1": "on",
            "agreed_2": "on",
        },
    )
    assert response.url == reverse(
        "cocreation:version_edit", args=[world.project_a.slug, agreed.version.number + 1]
    )


def test_client_gets_404_for_the_decision_form(client, world, agreed):
    client.force_login(world.client_a)
    assert client.get(_url(world.project_a, _discover(world))).status_code == 404


def test_designer_gets_404_for_a_phase_of_another_project(client, world, agreed):
    other = factories.PhaseFactory(project=world.project_b)
    client.force_login(world.designer)
    assert client.get(_url(world.project_a, other)).status_code == 404


def _record(world):
    from cocreation import services

    return services.continuation_decision_record(
        actor=world.designer,
        phase=_discover(world),
        outcome="continue",
        reason="Genoeg energie in de buurt om door te gaan.",
        decided_on=datetime.date(2026, 3, 18),
        parties=[{"organisation": world.project_a.client, "agreed": True, "decided_by": "Anna"}],
    )


def test_project_page_warns_of_a_phase_ending_without_a_decision(client, world, agreed):
    client.force_login(world.designer)
    html = client.get(world.project_a.get_absolute_url()).content.decode()
    assert 'class="continuation-guard is-due"' in html
    assert "Ontdekken eindigt over 9 dagen" in html
    assert _url(world.project_a, _discover(world)) in html


def test_project_page_turns_red_past_the_end(client, world, agreed, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 2, 10, tzinfo=datetime.UTC), tick=False)
    client.force_login(world.client_a)
    html = client.get(world.project_a.get_absolute_url()).content.decode()
    assert 'class="continuation-guard is-overdue"' in html
    assert "Ontdekken is 4 dagen voorbij" in html
    assert _url(world.project_a, _discover(world)) not in html  # the client does not record


def test_project_page_shows_the_decision_instead_of_the_warning(client, world, agreed):
    _record(world)
    client.force_login(world.partner)
    html = client.get(world.project_a.get_absolute_url()).content.decode()
    assert "continuation-guard" not in html
    assert "Doorgaan zoals afgesproken" in html
    assert "Genoeg energie in de buurt om door te gaan." in html
    assert f"{world.project_a.client.name} stemt in (Anna)" in html


def test_client_dashboard_shows_the_decision_on_the_trajectory(client, world, agreed):
    client.force_login(world.client_a)
    url = reverse("dashboard:dashboard", args=[world.project_a.slug])
    assert "is-due" in client.get(url).content.decode()
    _record(world)
    html = client.get(url).content.decode()
    assert "Genoeg energie in de buurt om door te gaan." in html
    assert "is-due" not in html
