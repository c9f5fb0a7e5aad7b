"""Taking attendance on a phone: every participant a large button, saved as it is tapped
(issue 17 §3)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import Project
from tests.trainings.builders import ParticipantFactory, build_training
from trainings.models import Attendance
from trainings.services.sessions import set_present

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 13, 45, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def training(world):
    return build_training(world.client_a, world.partner)


@pytest.fixture
def designer_client(client, world):
    client.force_login(world.designer)
    return client


def url(training) -> str:
    return reverse("trainings:attendance", args=[training.project.slug, training.session.pk])


def present_ids(session) -> set[int]:
    return set(Attendance.objects.filter(session=session).values_list("participant_id", flat=True))


# ---- the service ------------------------------------------------------------------------------


def test_marking_present_twice_leaves_one_row(world, training):
    for _ in range(2):
        assert set_present(training.session, training.participant, True, world.designer)
    row = Attendance.objects.get()
    assert (row.participant, row.recorded_by) == (training.participant, world.designer)


def test_marking_absent_twice_leaves_none(world, training):
    set_present(training.session, training.participant, True, world.designer)
    for _ in range(2):
        assert not set_present(training.session, training.participant, False, world.designer)
    assert not Attendance.objects.exists()


def test_a_participant_of_another_trajectory_is_refused(world, training):
    other = build_training(world.client_b, prefix="Ander")
    with pytest.raises(ValidationError):
        set_present(training.session, other.participant, True, world.designer)
    assert not Attendance.objects.exists()


def test_a_tap_bumps_the_projects_generation(world, training):
    def generation():
        return Project.objects.get(pk=training.project.pk).generation

    before = generation()
    set_present(training.session, training.participant, True, world.designer)
    marked = generation()
    set_present(training.session, training.participant, False, world.designer)
    assert before < marked < generation()


# ---- the screen -------------------------------------------------------------------------------


def test_the_screen_lists_every_participant_and_the_count(designer_client, training):
    ParticipantFactory(project=training.project, name="Fatima Bakker")
    set_present(training.session, training.participant, True, None)
    body = designer_client.get(url(training)).content.decode()
    assert "Fatima Bakker" in body and training.participant.name in body
    assert "1 van 2 aanwezig" in body
    assert body.count('aria-pressed="true"') == 1


def test_a_trajectory_without_participants_says_what_to_do(designer_client, training):
    training.participant.delete()
    body = designer_client.get(url(training)).content.decode()
    assert "nog geen deelnemers" in body


def test_a_tap_with_htmx_answers_with_the_button_and_the_count(designer_client, training):
    response = designer_client.post(
        url(training),
        {"participant": training.participant.pk, "present": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="deelnemer-{training.participant.pk}"' in body
    assert 'aria-pressed="true"' in body and 'name="present" value="0"' in body
    assert 'hx-swap-oob="true"' in body and "1 van 1 aanwezig" in body
    assert present_ids(training.session) == {training.participant.pk}


def test_the_same_tap_sent_twice_keeps_them_present(designer_client, training):
    data = {"participant": training.participant.pk, "present": "1"}
    for _ in range(2):
        designer_client.post(url(training), data, headers={"HX-Request": "true"})
    assert Attendance.objects.count() == 1


def test_tapping_twice_makes_them_absent_again(designer_client, training):
    pk = training.participant.pk
    designer_client.post(url(training), {"participant": pk, "present": "1"})
    designer_client.post(url(training), {"participant": pk, "present": "0"})
    assert present_ids(training.session) == set()


def test_a_tap_without_script_saves_and_returns_to_the_list(designer_client, training):
    pk = training.participant.pk
    response = designer_client.post(url(training), {"participant": pk, "present": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{url(training)}#deelnemer-{pk}"
    assert present_ids(training.session) == {pk}


def test_a_participant_of_another_trajectory_is_404(designer_client, world, training):
    other = build_training(world.client_b, prefix="Ander")
    response = designer_client.post(
        url(training), {"participant": other.participant.pk, "present": "1"}
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_a_post_naming_nobody_changes_nothing(designer_client, training):
    response = designer_client.post(url(training), {"participant": "", "present": "1"})
    assert (response.status_code, response["Location"]) == (302, url(training))
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_others_cannot_mark_anyone_present(client, world, training, who):
    client.force_login(getattr(world, who))
    response = client.post(url(training), {"participant": training.participant.pk, "present": "1"})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def _queries_for(designer_client, training, n, django_assert_max_num_queries) -> int:
    for i in range(n - training.project.participants.count()):
        participant = ParticipantFactory(project=training.project)
        if i % 2:
            set_present(training.session, participant, True, None)
    with django_assert_max_num_queries(6) as captured:
        response = designer_client.get(url(training))
    assert response.status_code == 200
    assert response.content.decode().count('class="attendance-toggle"') == n
    return len(captured)


def test_the_screen_asks_as_many_queries_for_30_participants_as_for_5(
    designer_client, training, django_assert_max_num_queries
):
    five = _queries_for(designer_client, training, 5, django_assert_max_num_queries)
    thirty = _queries_for(designer_client, training, 30, django_assert_max_num_queries)
    assert five == thirty
