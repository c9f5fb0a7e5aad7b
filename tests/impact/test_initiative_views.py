import pytest
from django.urls import reverse

from impact.models import Initiative, OwnershipStep
from tests.factories import InitiativeFactory, OwnershipStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(world):
    step = OwnershipStepFactory(
        initiative__project=world.project_a, initiative__title="Moestuin Vlinderplein"
    )
    return step.initiative


def _list_url(project):
    return reverse("impact:initiatives", args=[project.slug])


def _create_url(project):
    return reverse("impact:initiative_create", args=[project.slug])


def _detail_url(initiative):
    return reverse("impact:initiative_detail", args=[initiative.project.slug, initiative.pk])


def _step_url(initiative):
    return reverse("impact:ownership_add", args=[initiative.project.slug, initiative.pk])


# list


def test_client_sees_shared_initiatives_with_their_ownership(client, world, initiative):
    InitiativeFactory(project=world.project_a, visibility="internal", title="Nog pril idee")
    client.force_login(world.client_a)
    body = client.get(_list_url(world.project_a)).content.decode()
    assert "Moestuin Vlinderplein" in body and "Geleid door de buurtdesigners" in body
    assert "Nog pril idee" not in body
    assert _create_url(world.project_a) not in body


def test_empty_initiative_list_explains_what_will_appear(client, world):
    client.force_login(world.designer)
    assert (
        "Nog geen bewonersinitiatieven" in client.get(_list_url(world.project_a)).content.decode()
    )


def test_initiative_list_404_for_another_client(client, world):
    client.force_login(world.client_b)
    assert client.get(_list_url(world.project_a)).status_code == 404


def test_initiative_list_anonymous_login_and_post_405(client, world):
    assert client.get(_list_url(world.project_a)).status_code == 302
    client.force_login(world.designer)
    assert client.post(_list_url(world.project_a)).status_code == 405


def test_initiative_list_queries_do_not_grow_with_initiatives(
    client, world, django_assert_num_queries
):
    client.force_login(world.designer)
    url = _list_url(world.project_a)
    OwnershipStepFactory(initiative__project=world.project_a)
    client.get(url)
    # session, user, project, initiatives (with their steps)
    with django_assert_num_queries(4) as small:
        client.get(url)
    for _ in range(10):
        OwnershipStepFactory(initiative__project=world.project_a)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


# create


def test_designer_records_an_initiative_with_its_first_ownership_level(client, world):
    client.force_login(world.designer)
    response = client.post(
        _create_url(world.project_a),
        {
            "title": "Buurtapp Vlinderbuurt",
            "started_on": "2026-01-10",
            "level": "2",
            "remark": "Samen opgezet",
            "visibility": "shared",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == _detail_url(initiative)
    assert initiative.current_step.level == OwnershipStep.Level.CO_LED


def test_client_gets_404_for_creating_an_initiative(client, world):
    client.force_login(world.client_a)
    assert client.get(_create_url(world.project_a)).status_code == 404
    assert client.post(_create_url(world.project_a), {"title": "x"}).status_code == 404
    assert not Initiative.objects.exists()


def test_creating_an_initiative_anonymous_login_and_put_405(client, world):
    assert client.get(_create_url(world.project_a)).status_code == 302
    client.force_login(world.designer)
    assert client.put(_create_url(world.project_a)).status_code == 405


# detail


def test_detail_shows_ownership_over_time(client, world, initiative):
    OwnershipStepFactory(
        initiative=initiative, level=3, date="2026-03-01", remark="Bewoners trekken het nu"
    )
    client.force_login(world.client_a)
    body = client.get(_detail_url(initiative)).content.decode()
    assert "Geleid door de buurtdesigners" in body and "Bewoners trekken het nu" in body
    assert _step_url(initiative) not in body


def test_internal_initiative_is_404_for_a_client(client, world):
    hidden = InitiativeFactory(project=world.project_a, visibility="internal")
    client.force_login(world.client_a)
    assert client.get(_detail_url(hidden)).status_code == 404


def test_initiative_detail_404_for_another_client_login_for_anonymous_405_for_post(
    client, world, initiative
):
    assert client.get(_detail_url(initiative)).status_code == 302
    client.force_login(world.client_b)
    assert client.get(_detail_url(initiative)).status_code == 404
    client.force_login(world.designer)
    assert client.post(_detail_url(initiative)).status_code == 405


# ownership step


def test_designer_records_that_residents_now_lead(client, world, initiative):
    client.force_login(world.designer)
    response = client.post(
        _step_url(initiative),
        {"level": "3", "date": "2026-02-15", "remark": "Eerste eigen vergadering"},
    )
    assert response.status_code == 302
    assert initiative.current_step.level == OwnershipStep.Level.RESIDENT_LED


def test_ownership_step_form_suggests_the_next_level(client, world, initiative):
    client.force_login(world.designer)
    form = client.get(_step_url(initiative)).context["form"]
    assert form["level"].initial == OwnershipStep.Level.CO_LED


def test_client_gets_404_for_recording_ownership(client, world, initiative):
    client.force_login(world.client_a)
    assert (
        client.post(_step_url(initiative), {"level": "3", "date": "2026-02-15"}).status_code == 404
    )
    assert initiative.ownership_steps.count() == 1


def test_recording_ownership_anonymous_login_and_put_405(client, world, initiative):
    assert client.get(_step_url(initiative)).status_code == 302
    client.force_login(world.designer)
    assert client.put(_step_url(initiative)).status_code == 405
