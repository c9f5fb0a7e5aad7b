"""Issue 17 §4: evaluations by signed link, sent once per participant, answered once, read by
the team; and the morning task that asks after yesterday's sessions."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from core.links import link_token
from projects.models import Project
from trainings.evaluations import results
from trainings.models import Evaluation
from trainings.services.evaluations import (
    send_evaluations,
    send_yesterdays_evaluations,
)

from .builders import LEARNING_NOW as NOW
from .builders import add_participants, add_session, days_ago, make_training, practice_variant

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def training(world, frozen):
    project = make_training(world.project_a, practice_variant())
    people = add_participants(project, ["Sanne de Vries", "Yusuf Kaya", "Mira Jansen"])
    held = add_session(project, "Bijeenkomst 1", days_ago(7), present=people[:2])
    planned = add_session(project, "Bijeenkomst 4", days_ago(-7))
    return project, people, held, planned


def _link(mail) -> str:
    return re.search(r"https?://\S+/training/\S+/evaluatie/", mail.body).group(0).split("/", 3)[3]


def _send(project, session, by, capture):
    with capture(execute=True):
        return send_evaluations(project, session=session, by=by)


# ---- sending -----------------------------------------------------------------------------


def test_sending_twice_asks_each_present_participant_once(
    world, training, mailoutbox, django_capture_on_commit_callbacks
):
    project, people, held, _planned = training
    assert _send(project, held, world.designer, django_capture_on_commit_callbacks) == 2
    assert _send(project, held, world.designer, django_capture_on_commit_callbacks) == 0
    assert Evaluation.objects.filter(session=held).count() == 2
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(p.email for p in people[:2])
    assert "Bijeenkomst 1" in mailoutbox[0].subject


def test_the_final_evaluation_goes_to_every_participant_once(
    world, training, mailoutbox, django_capture_on_commit_callbacks
):
    project, people, _held, _planned = training
    assert _send(project, None, world.designer, django_capture_on_commit_callbacks) == 3
    assert _send(project, None, world.designer, django_capture_on_commit_callbacks) == 0
    assert Evaluation.objects.filter(session=None).count() == 3
    assert len(mailoutbox) == 3


def test_a_session_without_attendance_is_refused_with_a_clear_message(world, training, mailoutbox):
    project, _people, _held, _planned = training
    unmarked = add_session(project, "Bijeenkomst 2", days_ago(2))
    with pytest.raises(ValidationError, match="Neem eerst de aanwezigheid op"):
        send_evaluations(project, session=unmarked, by=world.designer)
    assert not Evaluation.objects.exists() and mailoutbox == []


def test_a_session_under_way_cannot_be_evaluated_yet(world, training, mailoutbox):
    project, people, _held, _planned = training
    # Started an hour ago, ends in two: attendance is taken, the session is not over.
    running = add_session(project, "Bijeenkomst 2", days_ago(0) - HOUR, present=people)
    with pytest.raises(ValidationError, match="al is afgelopen"):
        send_evaluations(project, session=running, by=world.designer)
    assert not Evaluation.objects.exists() and mailoutbox == []


def test_a_planned_session_cannot_be_evaluated_yet(world, training, mailoutbox):
    project, _people, _held, planned = training
    with pytest.raises(ValidationError):
        send_evaluations(project, session=planned, by=world.designer)
    assert not Evaluation.objects.exists()


def test_another_trajectorys_session_is_refused(world, training):
    project, _people, _held, _planned = training
    elsewhere = add_session(world.project_b, "Elders", days_ago(3))
    with pytest.raises(ValidationError):
        send_evaluations(project, session=elsewhere, by=world.designer)


# ---- the link ----------------------------------------------------------------------------


@pytest.fixture
def invited(world, training, mailoutbox, django_capture_on_commit_callbacks):
    project, people, held, _planned = training
    _send(project, held, world.designer, django_capture_on_commit_callbacks)
    mail = next(m for m in mailoutbox if m.to == [people[0].email])
    return Evaluation.objects.get(participant=people[0], session=held), "/" + _link(mail)


ANSWER = {"usefulness": "4", "will_apply": "Vaker vragen stellen", "remark": "Fijn tempo"}


def test_anonymous_participant_answers_once_by_the_link(invited):
    evaluation, url = invited
    page = Client().get(url)
    assert page.status_code == 200
    assert "Hoe was ‘Bijeenkomst 1’?" in page.content.decode()
    response = Client().post(url, {**ANSWER, "share_remark": "on"})
    assert "Dank je wel!" in response.content.decode()
    evaluation.refresh_from_db()
    assert (evaluation.usefulness, evaluation.will_apply, evaluation.remark) == (
        4,
        "Vaker vragen stellen",
        "Fijn tempo",
    )
    assert evaluation.share_remark and evaluation.answered_at is not None


def test_a_used_link_changes_nothing(invited):
    evaluation, url = invited
    Client().post(url, ANSWER)
    again = Client().post(url, {**ANSWER, "usefulness": "1", "remark": "Anders"})
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    evaluation.refresh_from_db()
    assert (evaluation.usefulness, evaluation.remark) == (4, "Fijn tempo")


def test_a_tampered_link_changes_nothing(invited):
    evaluation, url = invited
    token = url.split("/")[2]
    forged = url.replace(token, token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    assert Client().post(forged, ANSWER).status_code == 404
    other_purpose = reverse("trainings:evaluate", args=[link_token("pulse", evaluation.pk)])
    assert Client().post(other_purpose, ANSWER).status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.answered_at is None


def test_an_expired_link_changes_nothing(invited, frozen):
    evaluation, url = invited
    frozen.shift(datetime.timedelta(days=31))
    response = Client().post(url, ANSWER)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.answered_at is None


def test_a_link_on_its_last_day_still_works(invited, frozen):
    evaluation, url = invited
    frozen.shift(datetime.timedelta(days=29))
    Client().post(url, ANSWER)
    evaluation.refresh_from_db()
    assert evaluation.answered_at is not None


@pytest.mark.parametrize("usefulness", ["0", "6", "", "vier"])
def test_usefulness_must_be_one_to_five(invited, usefulness):
    evaluation, url = invited
    response = Client().post(url, {**ANSWER, "usefulness": usefulness})
    assert response.status_code == 200
    assert "Kies een cijfer van 1 tot en met 5." in response.content.decode()
    assert "Vaker vragen stellen" in response.content.decode()  # nothing typed is lost
    evaluation.refresh_from_db()
    assert evaluation.answered_at is None


def test_what_they_will_apply_is_asked(invited):
    evaluation, url = invited
    response = Client().post(url, {**ANSWER, "will_apply": " "})
    assert "Schrijf kort op wat je gaat toepassen." in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.answered_at is None


def test_the_consent_covers_what_they_will_apply_without_a_remark(invited):
    evaluation, url = invited
    page = Client().get(url).content.decode()
    assert "De opdrachtgever mag lezen wat ik ga toepassen en mijn opmerking" in page
    Client().post(url, {**ANSWER, "remark": "", "share_remark": "on"})
    evaluation.refresh_from_db()
    assert evaluation.share_remark and evaluation.will_apply and not evaluation.remark


def test_answering_bumps_the_projects_generation(invited):
    evaluation, url = invited
    before = Project.objects.get(pk=evaluation.participant.project_id).generation
    Client().post(url, ANSWER)
    assert Project.objects.get(pk=evaluation.participant.project_id).generation > before


# ---- the morning task ----------------------------------------------------------------------


def test_the_morning_task_asks_after_yesterdays_sessions_only(
    world, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    project = make_training(world.project_a, practice_variant())
    people = add_participants(project, ["Sanne de Vries", "Yusuf Kaya"])
    # NOW is Wednesday 18 November; yesterday's session ended on the 17th.
    yesterday = add_session(
        project,
        "Gisteren",
        datetime.datetime(2026, 11, 17, 13, 0, tzinfo=datetime.UTC),
        present=people,
    )
    add_session(
        project,
        "Eergisteren",
        datetime.datetime(2026, 11, 16, 13, 0, tzinfo=datetime.UTC),
        present=people,
    )
    add_session(
        project,
        "Vanochtend",
        datetime.datetime(2026, 11, 18, 6, 0, tzinfo=datetime.UTC),
        present=people,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert send_yesterdays_evaluations() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_yesterdays_evaluations() == 0
    assert set(Evaluation.objects.values_list("session_id", flat=True)) == {yesterday.pk}
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people)


def test_the_morning_task_asks_only_those_present_and_waits_for_attendance(
    world, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    project = make_training(world.project_a)
    sanne, _yusuf = add_participants(project, ["Sanne de Vries", "Yusuf Kaya"])
    day = datetime.datetime(2026, 11, 17, 9, 0, tzinfo=datetime.UTC)
    add_session(project, "Gisteren ochtend", day, present=[sanne])
    unmarked = add_session(project, "Gisteren middag", day + 5 * HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_yesterdays_evaluations() == 1
    assert [m.to[0] for m in mailoutbox] == [sanne.email]
    assert not Evaluation.objects.filter(session=unmarked).exists()


def test_the_morning_task_skips_trajectories_that_are_not_running(world, frozen, mailoutbox):
    project = make_training(world.project_a, practice_variant())
    people = add_participants(project, ["Sanne de Vries"])
    add_session(
        project,
        "Gisteren",
        datetime.datetime(2026, 11, 17, 13, 0, tzinfo=datetime.UTC),
        present=people,
    )
    Project.objects.filter(pk=project.pk).update(status=Project.Status.PAUSED)
    assert send_yesterdays_evaluations() == 0


# ---- reading the results -----------------------------------------------------------------


def _answer(evaluation, usefulness, will_apply="", remark="", share=False):
    evaluation.usefulness, evaluation.will_apply = usefulness, will_apply
    evaluation.remark, evaluation.share_remark = remark, share
    evaluation.answered_at = NOW
    evaluation.save()


def test_results_say_who_answered_what(world, training):
    project, people, held, _planned = training
    _answer(Evaluation.objects.create(participant=people[0], session=held), 4, "Luisteren")
    Evaluation.objects.create(participant=people[1], session=held)
    [result] = results(project)
    assert (result.asked, result.answered, result.average) == (2, 1, 4.0)
    assert [e.participant.name for e in result.applying] == ["Sanne de Vries"]


# ---- the team's pages ----------------------------------------------------------------------


def _page(project):
    return reverse("trainings:evaluations", args=[project.slug])


def test_designer_reads_answers_with_names(dirk, world, training):
    project, people, held, _planned = training
    _answer(
        Evaluation.objects.create(participant=people[0], session=held),
        5,
        "Vaker doorvragen",
        "Graag meer oefenen",
        share=True,
    )
    body = dirk.get(_page(project)).content.decode()
    assert "1 van 1 beantwoord" in body and "5,0" in body
    assert "Vaker doorvragen" in body and "Graag meer oefenen" in body
    assert "Sanne de Vries" in body and "mag de opdrachtgever lezen" in body


def test_the_page_says_when_nothing_was_sent(dirk, world, training):
    project = training[0]
    assert "Nog geen evaluaties verstuurd" in dirk.get(_page(project)).content.decode()


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_others_get_404_on_the_team_pages(world, training, who):
    project, people, _held, _planned = training
    client = Client()
    client.force_login(getattr(world, who))
    assert client.get(_page(project)).status_code == 404
    send = reverse("trainings:evaluations_send", args=[project.slug])
    assert client.post(send, {"what": "final"}).status_code == 404
    assert not Evaluation.objects.exists()


def test_anonymous_is_sent_to_the_login_page(world, training):
    project = training[0]
    response = Client().get(_page(project))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_results_page_keeps_its_query_count(
    dirk, world, training, django_assert_max_num_queries, django_assert_num_queries
):
    project, people, held, _planned = training
    for person in people:
        _answer(Evaluation.objects.create(participant=person, session=held), 3, "x", "y")
    with django_assert_max_num_queries(12) as small:
        dirk.get(_page(project))
    more = add_participants(project, [f"Deelnemer {n}" for n in range(8)])
    second = add_session(project, "Bijeenkomst 2", days_ago(1))
    for person in [*people, *more]:
        _answer(Evaluation.objects.create(participant=person, session=second), 4, "x", "y")
    with django_assert_num_queries(len(small.captured_queries)):
        dirk.get(_page(project))


def test_designer_sends_a_held_sessions_evaluation(
    dirk, world, training, mailoutbox, django_capture_on_commit_callbacks
):
    project, _people, held, _planned = training
    send = reverse("trainings:evaluations_send", args=[project.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = dirk.post(send, {"what": str(held.pk)}, follow=True)
    assert "De evaluatie is naar 2 deelnemers gestuurd." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = dirk.post(send, {"what": str(held.pk)}, follow=True)
    assert "er is niets opnieuw verstuurd" in response.content.decode()
    assert len(mailoutbox) == 2
    assert mailoutbox[0].body.count("http://testserver/training/") == 1


def test_a_planned_session_cannot_be_chosen(dirk, world, training, mailoutbox):
    project, _people, _held, planned = training
    send = reverse("trainings:evaluations_send", args=[project.slug])
    response = dirk.post(send, {"what": str(planned.pk)}, follow=True)
    assert "Kies een bijeenkomst die al is afgelopen" in response.content.decode()
    assert not Evaluation.objects.exists() and mailoutbox == []


def test_the_send_page_takes_no_get(dirk, training):
    project = training[0]
    assert dirk.get(reverse("trainings:evaluations_send", args=[project.slug])).status_code == 405
