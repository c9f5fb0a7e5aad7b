"""A training trajectory's sessions: planned from the variant when the project is created,
then planned and changed by the team (issue 17 §1)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import AuditEntry, Project, ServiceVariant
from projects.services import projects as project_services
from tests.factories import OrganisationFactory, PhaseFactory, ProjectFactory, UserFactory
from tests.trainings.builders import SessionFactory, build_training, training_variant
from trainings.models import Session
from trainings.services.sessions import plan_sessions

pytestmark = pytest.mark.django_db

D = datetime.date
AMS = ZoneInfo("Europe/Amsterdam")
TODAY = datetime.datetime(2026, 2, 16, 10, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def designer():
    return UserFactory(role="designer", name="Dirk Designer")


@pytest.fixture
def training(world):
    return build_training(world.client_a, world.partner)


def local(session) -> tuple:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return starts.date(), starts.time(), ends.time()


def new_trajectory(designer, variant_name="Buurtwerk Verdieping", **fields):
    return project_services.project_create(
        actor=designer,
        title="Buurtwerk in de Vlinderbuurt",
        client=OrganisationFactory(),
        variant=training_variant(variant_name),
        start_date=D(2026, 3, 2),
        **fields,
    )


# ---- planning from the variant ----------------------------------------------------------------


def test_a_new_verdieping_trajectory_gets_four_afternoons_two_weeks_apart(designer):
    project = new_trajectory(designer)
    sessions = list(project.sessions.order_by("starts_at"))
    assert [s.title for s in sessions] == [f"Bijeenkomst {n}" for n in (1, 2, 3, 4)]
    assert [local(s) for s in sessions] == [
        (day, datetime.time(13, 30), datetime.time(17, 0))
        for day in (D(2026, 3, 2), D(2026, 3, 16), D(2026, 3, 30), D(2026, 4, 13))
    ]


def test_a_new_basis_trajectory_gets_two_sessions_a_week_apart(designer):
    project = new_trajectory(designer, "Buurtwerk Basis")
    assert [local(s)[0] for s in project.sessions.all()] == [D(2026, 3, 2), D(2026, 3, 9)]


def test_each_planned_session_belongs_to_the_phase_of_its_date(designer):
    project = new_trajectory(designer)
    phases = {p.pk: p for p in project.phases.all()}
    for session in project.sessions.all():
        phase = phases[session.phase_id]
        assert phase.start_date <= local(session)[0] <= phase.end_date


def test_planned_sessions_are_in_the_audit_trail(designer):
    project = new_trajectory(designer)
    entries = AuditEntry.objects.filter(project=project, target_type="trainings.session")
    assert entries.count() == 4
    assert {e.actor for e in entries} == {designer}


def test_a_session_outside_every_phase_falls_in_the_current_one(world):
    project = ProjectFactory(variant=training_variant(), start_date=D(2026, 3, 2))
    PhaseFactory(project=project, order=0)
    current = PhaseFactory(project=project, order=1, is_current=True)
    plan_sessions(project)
    assert set(project.sessions.values_list("phase_id", flat=True)) == {current.pk}


def test_a_project_of_another_service_gets_no_sessions(designer):
    variant = ServiceVariant.objects.filter(service__is_training=False).first()
    project = project_services.project_create(
        actor=designer, title="Expeditie", client=OrganisationFactory(), variant=variant
    )
    assert not project.sessions.exists()


def test_planning_a_trajectory_that_has_sessions_adds_none(designer):
    project = new_trajectory(designer)
    assert plan_sessions(project) == []
    assert project.sessions.count() == 4


def test_a_trajectory_without_a_start_date_starts_today(designer):
    project = project_services.project_create(
        actor=designer,
        title="Zonder start",
        client=OrganisationFactory(),
        variant=training_variant(),
    )
    assert local(project.sessions.first())[0] == TODAY.date()


# ---- planning and changing a session by hand --------------------------------------------------


def form_data(**changes) -> dict:
    data = {
        "title": "Terugkomdag",
        "date": "2026-05-11",
        "start_time": "09:30",
        "end_time": "12:00",
        "location": "Buurthuis De Vlinder",
        "programme": "Praktijkverhalen delen.",
        "phase": "",
    }
    return data | changes


def test_designer_plans_a_session_with_trainers(client, world, training):
    client.force_login(world.designer)
    url = reverse("trainings:session_create", args=[training.project.slug])
    response = client.post(url, form_data(trainers=[world.designer.pk]))
    assert response.status_code == 302
    session = training.project.sessions.get(title="Terugkomdag")
    assert local(session) == (D(2026, 5, 11), datetime.time(9, 30), datetime.time(12, 0))
    assert list(session.trainers.all()) == [world.designer]
    assert AuditEntry.objects.filter(target_type="trainings.session", target_id=session.pk)


def test_the_form_starts_as_an_afternoon_today(client, world, training):
    client.force_login(world.designer)
    response = client.get(reverse("trainings:session_create", args=[training.project.slug]))
    form = response.context["form"]
    assert form["date"].value() == TODAY.date()
    assert (form["start_time"].value(), form["end_time"].value()) == (
        datetime.time(13, 30),
        datetime.time(17, 0),
    )
    assert form["title"].value() == "Bijeenkomst 2"


def test_a_session_that_ends_before_it_starts_is_refused_in_dutch(client, world, training):
    client.force_login(world.designer)
    url = reverse("trainings:session_create", args=[training.project.slug])
    response = client.post(url, form_data(start_time="14:00", end_time="13:00"))
    assert response.status_code == 200
    assert response.context["form"].errors["end_time"] == [
        "De bijeenkomst eindigt na het begin: kies een latere eindtijd."
    ]
    assert "Terugkomdag" in response.content.decode()  # what was typed stays
    assert training.project.sessions.count() == 1


def test_a_session_without_date_or_title_is_refused_in_dutch(client, world, training):
    client.force_login(world.designer)
    url = reverse("trainings:session_create", args=[training.project.slug])
    response = client.post(url, form_data(title="", date=""))
    errors = response.context["form"].errors
    assert errors["title"] == ["Geef de bijeenkomst een titel."]
    assert errors["date"] == ["Vul de datum van de bijeenkomst in."]


def test_a_trainer_from_outside_the_team_is_refused(client, world, training):
    client.force_login(world.designer)
    url = reverse("trainings:session_create", args=[training.project.slug])
    response = client.post(url, form_data(trainers=[world.client_a.pk]))
    assert response.context["form"].errors["trainers"] == ["Kies trainers uit het team."]


def test_designer_moves_a_session_and_the_change_is_audited(client, world, training):
    client.force_login(world.designer)
    session = training.session
    url = reverse("trainings:session_edit", args=[training.project.slug, session.pk])
    response = client.get(url)
    assert response.context["form"]["title"].value() == session.title
    response = client.post(url, form_data(title=session.title, date="2026-03-09"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert local(session)[0] == D(2026, 3, 9)
    entry = AuditEntry.objects.get(target_type="trainings.session", action="updated")
    assert set(entry.changes) >= {"starts_at", "ends_at", "location", "programme"}


def test_a_new_session_bumps_the_projects_generation(world, training):
    before = Project.objects.get(pk=training.project.pk).generation
    SessionFactory(project=training.project)
    assert Project.objects.get(pk=training.project.pk).generation > before


# ---- who may ----------------------------------------------------------------------------------


def team_urls(training) -> list[str]:
    slug, pk = training.project.slug, training.session.pk
    return [
        reverse("trainings:session_create", args=[slug]),
        reverse("trainings:session_edit", args=[slug, pk]),
        reverse("trainings:attendance", args=[slug, pk]),
    ]


@pytest.mark.parametrize("who", ["client_a", "client_b", "partner"])
def test_client_and_partner_get_404_on_the_team_pages(client, world, training, who):
    client.force_login(getattr(world, who))
    for url in team_urls(training):
        assert client.get(url).status_code == 404
        assert client.post(url, form_data()).status_code == 404
    assert Session.objects.count() == 1


def test_anonymous_is_sent_to_login(client, training):
    for url in team_urls(training):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_a_project_that_is_no_training_has_no_session_pages(client, world):
    client.force_login(world.designer)
    url = reverse("trainings:session_create", args=[world.project_a.slug])
    assert client.get(url).status_code == 404


def test_a_session_of_another_trajectory_is_404(client, world, training):
    other = build_training(world.client_b, prefix="Ander")
    client.force_login(world.designer)
    url = reverse("trainings:session_edit", args=[training.project.slug, other.session.pk])
    assert client.get(url).status_code == 404


def test_delete_is_not_allowed(client, world, training):
    client.force_login(world.designer)
    for url in team_urls(training):
        assert client.delete(url).status_code == 405
