"""Issue 17 §4: the team records a participant's practice assignment and reflection; and a
notable learning outcome is an impact entry of its own kind."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from impact.forms.entries import kind_choices
from impact.models import ImpactEntry
from projects.models import AuditEntry
from trainings.models import PracticeAssignment

from .builders import LEARNING_NOW as NOW
from .builders import add_participants, make_training, practice_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(world):
    project = make_training(world.project_a, practice_variant())
    return add_participants(project, ["Sanne de Vries"])[0]


def _url(participant):
    return reverse("trainings:assignment", args=[participant.project.slug, participant.pk])


ASSIGNMENT = {"description": "Drie buren aanspreken over de speeltuin"}
REFLECTION = {
    "tried": "Ik belde aan met een vraag in plaats van een plan.",
    "happened": "Twee buren kwamen naar de avond.",
    "differently": "Eerst luisteren, dan pas vragen.",
}


def test_designer_records_the_assignment(dirk, participant):
    response = dirk.post(_url(participant), ASSIGNMENT)
    assert response.status_code == 302
    assignment = PracticeAssignment.objects.get(participant=participant)
    assert assignment.description == ASSIGNMENT["description"]
    assert assignment.reflected_at is None and not assignment.share_with_client
    assert AuditEntry.objects.filter(target_id=assignment.pk, action="created").exists()


def test_designer_adds_the_reflection_later_and_the_client_may_read_it(dirk, participant):
    dirk.post(_url(participant), ASSIGNMENT)
    with time_machine.travel(NOW, tick=False):
        dirk.post(_url(participant), {**ASSIGNMENT, **REFLECTION, "share_with_client": "on"})
    assignment = PracticeAssignment.objects.get(participant=participant)
    assert assignment.happened == REFLECTION["happened"]
    assert assignment.share_with_client and assignment.reflected_at == NOW
    assert PracticeAssignment.objects.count() == 1
    page = dirk.get(_url(participant)).content.decode()
    assert "Twee buren kwamen naar de avond." in page


def test_nothing_is_shared_without_a_reflection(dirk, participant):
    dirk.post(_url(participant), {**ASSIGNMENT, "share_with_client": "on"})
    assert not PracticeAssignment.objects.get(participant=participant).share_with_client


def test_an_assignment_needs_a_description_and_keeps_what_was_typed(dirk, participant):
    response = dirk.post(_url(participant), {"description": " ", **REFLECTION})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Beschrijf de praktijkopdracht." in body and REFLECTION["tried"] in body
    assert not PracticeAssignment.objects.exists()


def test_saving_bumps_the_projects_generation(dirk, participant):
    before = participant.project.generation
    dirk.post(_url(participant), ASSIGNMENT)
    participant.project.refresh_from_db()
    assert participant.project.generation > before


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_others_get_404(world, participant, who):
    client = Client()
    client.force_login(getattr(world, who))
    assert client.get(_url(participant)).status_code == 404
    assert client.post(_url(participant), ASSIGNMENT).status_code == 404
    assert not PracticeAssignment.objects.exists()


def test_anonymous_is_sent_to_the_login_page(participant):
    response = Client().get(_url(participant))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_participant_of_another_trajectory_is_404(dirk, world, participant):
    url = reverse("trainings:assignment", args=[world.project_b.slug, participant.pk])
    assert dirk.get(url).status_code == 404


def test_the_team_page_lists_the_assignments_of_a_verdieping(dirk, participant):
    dirk.post(_url(participant), {**ASSIGNMENT, **REFLECTION})
    page = dirk.get(reverse("trainings:evaluations", args=[participant.project.slug]))
    body = page.content.decode()
    assert _url(participant) in body and "met reflectie" in body


def test_a_basis_without_assignments_lists_none(dirk, world):
    project = make_training(world.project_a, practice_variant(practice_assignment=False))
    participant = add_participants(project, ["Yusuf Kaya"])[0]
    body = dirk.get(reverse("trainings:evaluations", args=[project.slug])).content.decode()
    assert _url(participant) not in body


# ---- learning outcomes as impact entries ------------------------------------------------------


def test_a_training_offers_learning_outcomes(world):
    project = make_training(world.project_a, practice_variant())
    kinds = [value for value, _label in kind_choices(project, ImpactEntry(project=project))]
    assert "learning" in kinds


def test_a_buurtexpeditie_does_not(world):
    project = world.project_b
    kinds = [value for value, _label in kind_choices(project, ImpactEntry(project=project))]
    assert "learning" not in kinds and "outcome" in kinds


def test_designer_records_a_learning_outcome_and_the_timeline_shows_it(dirk, world):
    project = make_training(world.project_a, practice_variant())
    response = dirk.post(
        reverse("impact:create", args=[project.slug]),
        {
            "kind": "learning",
            "title": "Wijkteam vraagt nu eerst wat buren zelf al doen",
            "occurred_on": "2026-11-10",
            "visibility": "shared",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ImpactEntry.objects.get(project=project)
    assert entry.kind == "learning" and entry.get_kind_display() == "Leeropbrengst"
    assert entry.kind_icon == "bi-mortarboard"
    timeline = dirk.get(reverse("impact:timeline", args=[project.slug]), {"kind": "learning"})
    assert "Wijkteam vraagt nu eerst" in timeline.content.decode()


def test_a_learning_outcome_about_a_resident_needs_consent_to_be_shared(dirk, world):
    project = make_training(world.project_a, practice_variant())
    response = dirk.post(
        reverse("impact:create", args=[project.slug]),
        {
            "kind": "learning",
            "title": "Bewoner leidt nu zelf de buurttafel",
            "occurred_on": "2026-11-10",
            "visibility": "shared",
            "involves_resident": "on",
        },
    )
    assert response.status_code == 200
    assert "Delen met de opdrachtgever kan pas als de bewoner" in response.content.decode()
    assert not ImpactEntry.objects.exists()


# ---- the participant's own reflection by link -------------------------------------------------


@pytest.fixture
def at_now():
    """The whole test on LEARNING_NOW: the link is made and opened on the same frozen day (it
    lasts 30 days, so a test opening it on the real day would expire with the calendar)."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def asked(at_now, dirk, participant, mailoutbox, django_capture_on_commit_callbacks):
    dirk.post(_url(participant), ASSIGNMENT)
    ask = reverse("trainings:assignment_ask", args=[participant.project.slug, participant.pk])
    with django_capture_on_commit_callbacks(execute=True):
        dirk.post(ask)
    [mail] = mailoutbox
    assert mail.to == [participant.email] and ASSIGNMENT["description"] in mail.body
    link = re.search(r"https?://\S+/training/\S+/reflectie/", mail.body).group(0)
    return PracticeAssignment.objects.get(participant=participant), "/" + link.split("/", 3)[3]


def test_participant_writes_the_reflection_once_by_the_link(asked):
    assignment, url = asked
    assert ASSIGNMENT["description"] in Client().get(url).content.decode()
    response = Client().post(url, {**REFLECTION, "share_with_client": "on"})
    assert "Dank je wel!" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.tried == REFLECTION["tried"] and assignment.share_with_client
    assert assignment.reflected_at is not None
    again = Client().post(url, {**REFLECTION, "tried": "Iets anders"})
    assert again.status_code == 410
    assignment.refresh_from_db()
    assert assignment.tried == REFLECTION["tried"]


def test_an_empty_reflection_is_refused_and_changes_nothing(asked):
    assignment, url = asked
    response = Client().post(url, {"tried": " ", "happened": "", "differently": ""})
    assert "Schrijf bij minstens één vraag iets op." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.reflected_at is None


def test_a_tampered_or_expired_reflection_link_changes_nothing(asked):
    assignment, url = asked
    token = url.split("/")[2]
    forged = url.replace(token, token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    assert Client().post(forged, REFLECTION).status_code == 404
    with time_machine.travel(NOW + datetime.timedelta(days=31), tick=False):
        assert Client().post(url, REFLECTION).status_code == 410
    assignment.refresh_from_db()
    assert assignment.reflected_at is None


def test_no_link_once_the_team_wrote_the_reflection(dirk, participant, mailoutbox):
    dirk.post(_url(participant), {**ASSIGNMENT, **REFLECTION})
    ask = reverse("trainings:assignment_ask", args=[participant.project.slug, participant.pk])
    response = dirk.post(ask, follow=True)
    assert "De reflectie is al vastgelegd." in response.content.decode()
    assert mailoutbox == []


def test_the_team_link_needs_an_assignment(dirk, participant):
    ask = reverse("trainings:assignment_ask", args=[participant.project.slug, participant.pk])
    assert dirk.post(ask).status_code == 404
