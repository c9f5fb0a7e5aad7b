"""The admin: every model of the projects app answers for the admin user."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import ActivityFactory, PhaseFactory

pytestmark = pytest.mark.django_db

PROJECT_MODELS = sorted(
    model._meta.model_name for model in admin.site._registry if model._meta.app_label == "projects"
)


def test_every_projects_model_is_registered():
    assert set(PROJECT_MODELS) >= {
        "activity",
        "auditentry",
        "neighbourhood",
        "organisation",
        "project",
        "service",
        "servicevariant",
        "theme",
        "user",
    }


@pytest.mark.parametrize("model_name", PROJECT_MODELS)
def test_changelist_answers_200_for_the_admin(client, world, model_name):
    ActivityFactory(project=world.project_a)
    client.force_login(world.admin)
    response = client.get(reverse(f"admin:projects_{model_name}_changelist"))
    assert response.status_code == 200


def test_project_change_page_shows_phases_and_members(client, world):
    PhaseFactory(project=world.project_a, name="Ontdekken", is_current=True)
    client.force_login(world.admin)
    response = client.get(reverse("admin:projects_project_change", args=[world.project_a.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ontdekken" in body and "Client Anna" in body


def test_audit_entries_cannot_be_added_in_the_admin(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("admin:projects_auditentry_add")).status_code == 403


def test_designer_without_staff_flag_cannot_open_the_admin(client, world):
    client.force_login(world.designer)
    response = client.get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 302
