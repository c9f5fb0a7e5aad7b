"""The participants of a training (issue 17 §2): reading a pasted list, the list page and who
sees which names, adding one or a list, and removing one with all their data."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import AuditEntry, Project, ServiceVariant
from tests import factories
from trainings.models import (
    Attendance,
    Certificate,
    Evaluation,
    Participant,
    PracticeAssignment,
    Session,
)
from trainings.pasted import read_pasted

# ---- reading a pasted list (no database) -------------------------------------------------------


def test_the_three_ways_of_writing_a_line_are_read():
    pasted = read_pasted(
        "Anna de Vries, anna@example.org\n"
        "Bram Bos <bram@example.org>\n"
        "Chris Claes\tchris@example.org\tWijkteam\n"
        "\n"
        "Dewi; dewi@example.org\n"
    )
    assert pasted.errors == [] and pasted.repeats == []
    assert [(p.line, p.name, p.email) for p in pasted.people] == [
        (1, "Anna de Vries", "anna@example.org"),
        (2, "Bram Bos", "bram@example.org"),
        (3, "Chris Claes Wijkteam", "chris@example.org"),
        (5, "Dewi", "dewi@example.org"),
    ]


def test_a_spreadsheets_heading_row_is_skipped():
    pasted = read_pasted("Naam\tE-mail\nAnna\tanna@example.org\n")
    assert [p.email for p in pasted.people] == ["anna@example.org"]
    assert pasted.errors == []


def test_each_bad_line_is_named_with_what_is_wrong():
    pasted = read_pasted(
        "Anna, anna@example.org\nBram Bos\nChris, chris@example\n, dewi@example.org\n"
    )
    assert [p.line for p in pasted.people] == [1]
    assert len(pasted.errors) == 3
    assert pasted.errors[0].startswith("Regel 2 (‘Bram Bos’): geen e-mailadres gevonden")
    assert "Regel 3" in pasted.errors[1] and "geen geldig e-mailadres" in pasted.errors[1]
    assert "Regel 4" in pasted.errors[2] and "de naam ontbreekt" in pasted.errors[2]


def test_an_address_twice_in_the_list_is_a_repeat_in_any_case():
    pasted = read_pasted("Anna, anna@example.org\nAnna V., ANNA@example.org\n")
    assert [p.line for p in pasted.people] == [1]
    assert pasted.errors == []
    assert pasted.repeats == ["Regel 2: ANNA@example.org staat al op regel 1."]


# ---- the pages ---------------------------------------------------------------------------------


def _training(project: Project) -> Project:
    project.variant = ServiceVariant.objects.filter(service__is_training=True).first()
    project.save()
    return project


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def training(world):
    return _training(world.project_a)


def _participant(project, name, organisation=None, email=None):
    return Participant.objects.create(
        project=project,
        name=name,
        email=email or f"{name.split()[0].lower()}@example.org",
        organisation=organisation,
    )


def test_designer_sees_every_participant_and_the_privacy_note(world, training, dirk, settings):
    settings.TRAINING_PARTICIPANT_RETENTION_MONTHS = 18
    _participant(training, "Anna de Vries", training.client)
    _participant(training, "Bram Bos")
    response = dirk.get(reverse("trainings:participants", args=[training.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anna de Vries" in body and "Bram Bos" in body and "anna@example.org" in body
    assert "tot 18 maanden na het einde van het traject" in body
    assert reverse("trainings:participant_add", args=[training.slug]) in body


def test_empty_list_says_how_to_add_participants(training, dirk):
    response = dirk.get(reverse("trainings:participants", args=[training.slug]))
    assert "Nog geen deelnemers" in response.content.decode()


def test_client_sees_only_the_participants_of_their_own_organisation(world, training):
    _participant(training, "Anna de Vries", training.client)
    _participant(training, "Bram Bos", factories.OrganisationFactory(name="Welzijn Elders"))
    _participant(training, "Chris Claes")
    body = _login(world.client_a).get(reverse("trainings:participants", args=[training.slug]))
    body = body.content.decode()
    assert "Anna de Vries" in body
    assert "Bram Bos" not in body and "Chris Claes" not in body and "Welzijn Elders" not in body
    assert reverse("trainings:participant_add", args=[training.slug]) not in body


@pytest.mark.parametrize("who", ["partner", "client_b"])
def test_partner_and_other_client_get_404(world, training, who):
    response = _login(getattr(world, who)).get(
        reverse("trainings:participants", args=[training.slug])
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(training):
    response = Client().get(reverse("trainings:participants", args=[training.slug]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_client_gets_404_on_adding(world, training):
    client = _login(world.client_a)
    response = client.post(
        reverse("trainings:participant_add", args=[training.slug]),
        {"form": "one", "one-name": "X", "one-email": "x@example.org", "one-role": "resident"},
    )
    assert response.status_code == 404 and not Participant.objects.exists()


def _list_queries(client, project) -> int:
    url = reverse("trainings:participants", args=[project.slug])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_page_makes_as_many_queries_for_3_as_for_40(world, training, dirk):
    organisation = training.client
    for n in range(3):
        _participant(training, f"Deelnemer{n} X", organisation)
    few = _list_queries(dirk, training)
    for n in range(3, 40):
        _participant(training, f"Deelnemer{n} X", factories.OrganisationFactory())
    assert _list_queries(dirk, training) == few
    assert few <= 6


def test_a_long_list_is_paged(training, dirk, monkeypatch):
    from trainings.views import participants as views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    for name in ("Anna A", "Bram B", "Chris C"):
        _participant(training, name)
    url = reverse("trainings:participants", args=[training.slug])
    first, second = dirk.get(url).content.decode(), dirk.get(url + "?page=2").content.decode()
    assert "Pagina 1 van 2" in first and "Chris C" not in first
    assert "Chris C" in second and "Anna A" not in second


# ---- adding ------------------------------------------------------------------------------------


def _add(client, project, data):
    return client.post(reverse("trainings:participant_add", args=[project.slug]), data)


def test_designer_adds_a_pasted_list_in_one_insert(world, training, dirk):
    text = "Anna, anna@example.org\nBram <bram@example.org>\nChris\tchris@example.org"
    generation = training.generation
    with CaptureQueriesContext(connection) as queries:
        response = _add(
            dirk,
            training,
            {
                "form": "paste",
                "paste-lines": text,
                "paste-organisation": training.client_id,
                "paste-role": "volunteer",
            },
        )
    assert response.status_code == 302
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "trainings_participant"')]
    assert len(inserts) == 1
    added = Participant.objects.filter(project=training).order_by("name")
    assert [p.email for p in added] == ["anna@example.org", "bram@example.org", "chris@example.org"]
    assert {(p.organisation_id, p.role, p.source) for p in added} == {
        (training.client_id, "volunteer", "team")
    }
    training.refresh_from_db()
    assert training.generation > generation


def test_a_bad_line_adds_nobody_and_keeps_the_text(training, dirk):
    text = "Anna, anna@example.org\nBram Bos zonder adres\n"
    response = _add(
        dirk, training, {"form": "paste", "paste-lines": text, "paste-role": "resident"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<li>Regel 2 (‘Bram Bos zonder adres’): geen e-mailadres gevonden" in body
    assert "Eén regel kon niet worden gelezen" in body
    assert "Anna, anna@example.org\nBram Bos zonder adres" in body  # the textarea keeps it
    assert not Participant.objects.exists()


def test_addresses_already_on_the_list_are_reported_not_added_twice(training, dirk):
    _participant(training, "Anna de Vries", email="Anna@Example.org")
    text = "Anna, anna@example.org\nBram, bram@example.org\nBram B., BRAM@example.org"
    response = _add(
        dirk, training, {"form": "paste", "paste-lines": text, "paste-role": "resident"}
    )
    assert response.status_code == 302
    assert Participant.objects.filter(project=training).count() == 2
    shown = [str(m) for m in response.wsgi_request._messages]
    assert "1 deelnemer toegevoegd." in shown
    assert any("anna@example.org" in m and "Stond al op de lijst" in m for m in shown)
    assert any("Regel 3" in m and "staat al op regel 2" in m for m in shown)


def test_designer_adds_one_participant(training, dirk):
    response = _add(
        dirk,
        training,
        {
            "form": "one",
            "one-name": "Fatima",
            "one-email": "fatima@example.org",
            "one-organisation": "",
            "one-role": "resident",
        },
    )
    assert response.status_code == 302
    fatima = Participant.objects.get()
    assert (fatima.name, fatima.organisation, fatima.role) == ("Fatima", None, "resident")
    entry = AuditEntry.objects.get(target_type="trainings.participant")
    assert "Fatima" not in entry.target_repr and entry.action == "created"


def test_one_participant_already_on_the_list_is_an_error_beside_the_address(training, dirk):
    _participant(training, "Fatima", email="fatima@example.org")
    response = _add(
        dirk,
        training,
        {
            "form": "one",
            "one-name": "Fatima B",
            "one-email": "FATIMA@example.org",
            "one-role": "resident",
        },
    )
    assert response.status_code == 200
    assert "staat al op de deelnemerslijst" in response.content.decode()
    assert Participant.objects.count() == 1


# ---- removing ----------------------------------------------------------------------------------


@pytest.fixture
def full_participant(training, world, media_in_tmp):
    """A participant with everything a training keeps of them, and another one beside."""
    anna = _participant(training, "Anna de Vries", training.client)
    other = _participant(training, "Bram Bos", training.client)
    start = datetime.datetime(2026, 3, 2, 13, tzinfo=datetime.UTC)
    session = Session.objects.create(
        project=training,
        title="Eerste",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    Attendance.objects.create(session=session, participant=anna)
    Attendance.objects.create(session=session, participant=other)
    Evaluation.objects.create(participant=anna, session=session, usefulness=4)
    PracticeAssignment.objects.create(participant=anna, description="Buurtgesprek voeren")
    certificate = Certificate.objects.create(participant=anna, status="ready", sha256="0" * 64)
    certificate.pdf.save("bewijs.pdf", ContentFile(b"%PDF-1.4 bewijs"), save=True)
    return anna, other, certificate


def test_removing_a_participant_removes_their_data_and_certificate_file(
    world, training, dirk, full_participant, django_capture_on_commit_callbacks
):
    anna, other, certificate = full_participant
    storage, name = certificate.pdf.storage, certificate.pdf.name
    assert storage.exists(name)
    url = reverse("trainings:participant_remove", args=[training.slug, anna.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = dirk.post(url)
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=anna.pk).exists()
    assert not Attendance.objects.filter(participant_id=anna.pk).exists()
    assert not Evaluation.objects.filter(participant_id=anna.pk).exists()
    assert not PracticeAssignment.objects.filter(participant_id=anna.pk).exists()
    assert not Certificate.objects.exists()
    assert not storage.exists(name)
    assert Attendance.objects.filter(participant=other).count() == 1  # the other one stays
    entry = AuditEntry.objects.get(target_type="trainings.participant", action="deleted")
    assert "Anna" not in entry.target_repr and "anna" not in str(entry.changes)


def test_the_remove_page_asks_first_and_changes_nothing(training, dirk, full_participant):
    anna, _, _ = full_participant
    response = dirk.get(reverse("trainings:participant_remove", args=[training.slug, anna.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anna de Vries" in body and "het deelnamebewijs" in body and "1 evaluatie" in body
    assert Participant.objects.filter(pk=anna.pk).exists()


def test_client_cannot_remove_a_participant(world, training, full_participant):
    anna, _, _ = full_participant
    url = reverse("trainings:participant_remove", args=[training.slug, anna.pk])
    assert _login(world.client_a).post(url).status_code == 404
    assert Participant.objects.filter(pk=anna.pk).exists()


def test_a_participant_of_another_project_gets_404(world, training, dirk):
    other = _participant(world.project_b, "Bram Bos")
    url = reverse("trainings:participant_remove", args=[training.slug, other.pk])
    assert dirk.post(url).status_code == 404
    assert Participant.objects.filter(pk=other.pk).exists()


def test_removing_bumps_the_generation(training, dirk):
    anna = _participant(training, "Anna de Vries")
    training.refresh_from_db()
    before = training.generation
    dirk.post(reverse("trainings:participant_remove", args=[training.slug, anna.pk]))
    training.refresh_from_db()
    assert training.generation > before


def test_script_in_a_pasted_line_comes_back_as_text(training, dirk):
    payload = "<script>alert(1)</script>"
    bad = _add(dirk, training, {"form": "paste", "paste-lines": payload, "paste-role": "resident"})
    assert payload not in bad.content.decode() and "&lt;script&gt;" in bad.content.decode()
    _add(
        dirk,
        training,
        {"form": "paste", "paste-lines": f"{payload}, s@example.org", "paste-role": "resident"},
    )
    body = dirk.get(reverse("trainings:participants", args=[training.slug])).content.decode()
    assert Participant.objects.get().name == payload
    assert payload not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
