"""The phases page: rename, add, reorder, set current and delete phases of a project."""

import pytest
from django.urls import reverse

from projects.models import Project
from projects.services.projects import project_create
from tests.factories import ActivityFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world) -> Project:
    """Project A again, now with the default trajectory as the service creates it."""
    project = project_create(
        actor=world.designer, title="Trajectproject", client=world.project_a.client
    )
    project.memberships.create(user=world.client_a, role="client")
    return project


def url(project) -> str:
    return reverse("projects:phases", args=[project.slug])


def names(project) -> list[str]:
    return [p.name for p in project.phases.all()]


def current(project) -> list[str]:
    return [p.name for p in project.phases.filter(is_current=True)]


def test_designer_sees_the_phases_in_order(client, world, project):
    client.force_login(world.designer)
    body = client.get(url(project)).content.decode()
    positions = [body.index(name) for name in names(project)]
    assert positions == sorted(positions)
    assert body.count('aria-current="step"') == 1


def test_designer_renames_a_phase(client, world, project):
    client.force_login(world.designer)
    phase = project.phases.get(name="Doen")
    response = client.post(
        url(project),
        {"action": "rename", "phase": phase.pk, f"phase-{phase.pk}-name": "Samen doen"},
    )
    assert response.status_code == 302
    assert "Samen doen" in names(project)


def test_an_empty_name_is_refused_in_dutch(client, world, project):
    client.force_login(world.designer)
    phase = project.phases.get(name="Doen")
    response = client.post(
        url(project), {"action": "rename", "phase": phase.pk, f"phase-{phase.pk}-name": ""}
    )
    assert response.status_code == 200
    assert "Geef de fase een naam." in response.content.decode()
    assert "Doen" in names(project)


def test_designer_adds_a_phase_at_the_end(client, world, project):
    client.force_login(world.designer)
    client.post(url(project), {"action": "add", "new-name": "Evalueren", "new-description": ""})
    assert names(project)[-1] == "Evalueren"


def test_designer_moves_a_phase_up(client, world, project):
    client.force_login(world.designer)
    phase = project.phases.get(name="Doen")
    client.post(url(project), {"action": "up", "phase": phase.pk})
    assert names(project) == ["Ontdekken", "Doen", "Ontwerpen", "Verankeren"]


def test_setting_the_current_phase_keeps_exactly_one_current(client, world, project):
    client.force_login(world.designer)
    for name in ["Doen", "Ontwerpen", "Verankeren"]:
        response = client.post(
            url(project), {"action": "current", "phase": project.phases.get(name=name).pk}
        )
        assert response.status_code == 302
        assert current(project) == [name]


def test_designer_deletes_a_phase_without_activities(client, world, project):
    client.force_login(world.designer)
    client.post(url(project), {"action": "delete", "phase": project.phases.get(name="Doen").pk})
    assert names(project) == ["Ontdekken", "Ontwerpen", "Verankeren"]


def test_a_phase_with_activities_stays_with_a_dutch_message(client, world, project):
    phase = project.phases.get(name="Doen")
    ActivityFactory(project=project, phase=phase)
    client.force_login(world.designer)
    response = client.post(url(project), {"action": "delete", "phase": phase.pk}, follow=True)
    assert "Deze fase heeft activiteiten" in response.content.decode()
    assert "Doen" in names(project)


def test_a_phase_of_another_project_is_refused(client, world, project):
    other = project_create(actor=world.designer, title="Ander", client=world.project_b.client)
    client.force_login(world.designer)
    phase = other.phases.get(name="Doen")
    response = client.post(url(project), {"action": "delete", "phase": phase.pk}, follow=True)
    assert "Die fase bestaat niet (meer) in dit project." in response.content.decode()
    assert "Doen" in names(other)


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_external_people_get_404_and_change_nothing(client, world, project, who):
    client.force_login(getattr(world, who))
    phase = project.phases.get(name="Doen")
    assert client.get(url(project)).status_code == 404
    assert client.post(url(project), {"action": "delete", "phase": phase.pk}).status_code == 404
    assert "Doen" in names(project)


def test_anonymous_is_sent_to_login(client, project):
    response = client.post(url(project), {"action": "add", "new-name": "X"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "X" not in names(project)


def test_put_is_405(client, world, project):
    client.force_login(world.designer)
    assert client.put(url(project)).status_code == 405


def test_phases_page_of_a_project_without_phases_explains_what_to_do(client, world):
    project = ProjectFactory()
    client.force_login(world.designer)
    body = client.get(url(project)).content.decode()
    assert "De eerste fase die u toevoegt, wordt de huidige." in body
