"""Every cell of DESIGN §5 that the foundation can reach, asked through the permission layer."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from projects.models import Project
from projects.rules import get_project_for_user

pytestmark = pytest.mark.django_db

ROLES = ["admin", "designer", "client_a", "client_b", "partner", "anonymous"]


def _user(world, role):
    return AnonymousUser() if role == "anonymous" else getattr(world, role)


# perm -> roles that hold it on project A (the project of client_a and the partner).
EXPECTED_ON_PROJECT_A = {
    "projects.view_project": {"admin", "designer", "client_a", "partner"},
    "projects.view_internal": {"admin", "designer"},
    "projects.log_activity": {"admin", "designer"},
    "projects.change_project": {"admin", "designer"},
    "cocreation.draft_agreement": {"admin", "designer"},
    "cocreation.raise_concern": {"client_a", "partner"},
    "cocreation.generate_confirmation": {"admin"},
    "cocreation.download_confirmation": {"admin", "designer", "client_a", "partner"},
    "cocreation.see_confirmation_fees": {"admin", "designer", "client_a"},
}


@pytest.mark.parametrize("perm", sorted(EXPECTED_ON_PROJECT_A))
@pytest.mark.parametrize("role", ROLES)
def test_permission_table_on_project_a(world, perm, role):
    user = _user(world, role)
    assert user.has_perm(perm, world.project_a) is (role in EXPECTED_ON_PROJECT_A[perm])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"a", "b"}),
        ("designer", {"a", "b"}),
        ("client_a", {"a"}),
        ("client_b", {"b"}),
        ("partner", {"a"}),
        ("anonymous", set()),
    ],
)
def test_visible_projects_per_role(world, role, expected):
    names = {world.project_a.pk: "a", world.project_b.pk: "b"}
    visible = Project.objects.visible_to(_user(world, role))
    assert {names[p.pk] for p in visible} == expected


def test_inactive_designer_sees_nothing(world):
    world.designer.is_active = False
    world.designer.save()
    assert not Project.objects.visible_to(world.designer).exists()


def test_get_project_for_user_answers_404_for_another_clients_project(world):
    with pytest.raises(Http404):
        get_project_for_user(world.client_a, world.project_b.slug)


def test_get_project_for_user_answers_404_when_the_permission_is_missing(world):
    with pytest.raises(Http404):
        get_project_for_user(world.client_a, world.project_a.slug, "projects.change_project")


def test_get_project_for_user_returns_own_project(world):
    assert get_project_for_user(world.partner, world.project_a.slug) == world.project_a
