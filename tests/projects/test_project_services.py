"""Project, phase and member services: one transaction each, audited, invariants kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import AuditEntry, Membership, Phase, User
from projects.services import members as member_services
from projects.services import projects as services
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def designer():
    return UserFactory(role="designer")


@pytest.fixture
def project(designer):
    return services.project_create(
        actor=designer, title="Groen plein", client=OrganisationFactory()
    )


def absolute(path: str) -> str:
    return f"https://buurt.example.org{path}"


def current_names(project) -> list[str]:
    return list(project.phases.filter(is_current=True).values_list("name", flat=True))


# --- projects -------------------------------------------------------------------------------


def test_create_gives_four_phases_the_first_current_and_the_creator_in_the_team(project, designer):
    assert [p.name for p in project.phases.all()] == [
        "Ontdekken",
        "Ontwerpen",
        "Doen",
        "Verankeren",
    ]
    assert current_names(project) == ["Ontdekken"]
    assert project.memberships.get().user == designer
    assert AuditEntry.objects.get(target_type="projects.project").action == "created"


def test_a_project_titled_nieuw_does_not_hide_the_create_form(designer):
    project = services.project_create(actor=designer, title="Nieuw", client=OrganisationFactory())
    assert project.slug == "nieuw-2"


def test_same_title_gets_a_unique_slug(project, designer):
    again = services.project_create(actor=designer, title="Groen plein", client=project.client)
    assert again.slug == "groen-plein-2"


def test_update_records_what_changed_and_keeps_the_slug(project, designer):
    services.project_update(
        actor=designer, project=project, title="Groen en veilig plein", status="active"
    )
    project.refresh_from_db()
    assert (project.title, project.slug) == ("Groen en veilig plein", "groen-plein")
    entry = AuditEntry.objects.get(action="updated")
    assert entry.changes == {
        "title": ["Groen plein", "Groen en veilig plein"],
        "status": ["prospect", "active"],
    }


def test_update_without_changes_writes_no_audit_entry(project, designer):
    services.project_update(actor=designer, project=project, title="Groen plein")
    assert not AuditEntry.objects.filter(action="updated").exists()


def test_update_refuses_an_end_before_the_start(project, designer):
    with pytest.raises(ValidationError):
        services.project_update(
            actor=designer,
            project=project,
            start_date=datetime.date(2025, 5, 1),
            expected_end_date=datetime.date(2025, 4, 1),
        )


# --- phases ---------------------------------------------------------------------------------


def test_set_current_moves_the_one_current_phase(project, designer):
    doen = project.phases.get(name="Doen")
    services.phase_set_current(actor=designer, phase=doen)
    assert current_names(project) == ["Doen"]
    services.phase_set_current(actor=designer, phase=project.phases.get(name="Ontdekken"))
    assert current_names(project) == ["Ontdekken"]
    changed = AuditEntry.objects.filter(target_type="projects.phase", action="updated")
    assert changed.count() == 4  # two phases per move


def test_the_database_refuses_two_current_phases(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        project.phases.filter(name="Doen").update(is_current=True)


def test_move_up_and_down_swaps_neighbours(project, designer):
    services.phase_move(actor=designer, phase=project.phases.get(name="Doen"), step=-1)
    assert [p.name for p in project.phases.all()] == [
        "Ontdekken",
        "Doen",
        "Ontwerpen",
        "Verankeren",
    ]
    services.phase_move(actor=designer, phase=project.phases.get(name="Ontdekken"), step=1)
    assert [p.name for p in project.phases.all()] == [
        "Doen",
        "Ontdekken",
        "Ontwerpen",
        "Verankeren",
    ]


def test_moving_past_either_end_changes_nothing(project, designer):
    services.phase_move(actor=designer, phase=project.phases.get(name="Ontdekken"), step=-1)
    services.phase_move(actor=designer, phase=project.phases.get(name="Verankeren"), step=1)
    assert [p.name for p in project.phases.all()] == [
        "Ontdekken",
        "Ontwerpen",
        "Doen",
        "Verankeren",
    ]
    assert not AuditEntry.objects.filter(target_type="projects.phase").exists()


def test_added_phase_comes_last(project, designer):
    phase = services.phase_add(actor=designer, project=project, name="Evalueren")
    assert list(project.phases.all())[-1] == phase
    assert not phase.is_current


def test_first_phase_of_a_project_without_phases_becomes_current(designer):
    project = ProjectFactory()
    phase = services.phase_add(actor=designer, project=project, name="Verkennen")
    assert phase.is_current


def test_rename_is_audited(project, designer):
    phase = project.phases.get(name="Doen")
    services.phase_update(actor=designer, phase=phase, name="Samen doen")
    entry = AuditEntry.objects.get(target_type="projects.phase")
    assert entry.changes == {"name": ["Doen", "Samen doen"]}


def test_phase_without_activities_can_be_deleted(project, designer):
    services.phase_delete(actor=designer, phase=project.phases.get(name="Verankeren"))
    assert project.phases.count() == 3
    assert AuditEntry.objects.get(target_type="projects.phase").action == "deleted"


def test_phase_with_activities_is_kept(project, designer):
    phase = project.phases.get(name="Doen")
    ActivityFactory(project=project, phase=phase)
    with pytest.raises(ValidationError, match="activiteiten"):
        services.phase_delete(actor=designer, phase=phase)
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_current_phase_is_kept(project, designer):
    with pytest.raises(ValidationError, match="huidige fase"):
        services.phase_delete(actor=designer, phase=project.phases.get(is_current=True))
    assert current_names(project) == ["Ontdekken"]


# --- members --------------------------------------------------------------------------------


def test_invite_of_a_new_address_creates_an_external_account_without_password(
    project, designer, django_capture_on_commit_callbacks, mailoutbox
):
    org = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        member_services.member_invite(
            actor=designer,
            project=project,
            email="Anna@Gemeente.example",
            role="client",
            organisation=org,
            absolute_uri=absolute,
        )
    user = User.objects.get(email="anna@gemeente.example")
    assert (user.role, user.organisation, user.has_usable_password()) == ("external", org, False)
    assert project.memberships.get(user=user).role == "client"
    assert mailoutbox == [] and len(callbacks) == 1  # the mail waits for the commit


def test_invite_refuses_a_designer_address(project, designer):
    with pytest.raises(ValidationError) as exc:
        member_services.member_invite(
            actor=designer,
            project=project,
            email=UserFactory(role="designer").email,
            role="partner",
            absolute_uri=absolute,
        )
    assert "buurtdesigner" in exc.value.message_dict["email"][0]


def test_add_refuses_an_external_person_in_the_team(project, designer):
    with pytest.raises(ValidationError):
        member_services.member_add(actor=designer, project=project, user=UserFactory())


def test_remove_ends_the_membership_and_keeps_the_account(project, designer):
    membership = MembershipFactory(project=project)
    member_services.member_remove(actor=designer, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=membership.user_id).exists()
    entry = AuditEntry.objects.get(target_type="projects.membership", action="deleted")
    assert entry.changes["role"] == ["client", None]
