"""Fixes after the review of the trainings app: no personal text in the audit trail, certificates
withdrawn from who no longer qualifies, no organisation chosen beforehand, every team page a
training's only, and stored session titles in the site's language."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import AuditEntry
from trainings.forms.participants import ParticipantForm, PasteForm
from trainings.models import Attendance, Certificate, Participant, PracticeAssignment, Session
from trainings.services.assignments import reflection_url
from trainings.services.certificates import generate_certificates
from trainings.services.participants import participant_remove
from trainings.services.sessions import plan_sessions

from . import builders

pytestmark = pytest.mark.django_db


# ---- 1. the audit trail keeps no personal text of a participant ----------------------------

REFLECTION = {
    "tried": "Ik belde aan bij mevrouw Jansen op nummer 12.",
    "happened": "Ze vertelde over haar zoon.",
    "differently": "Eerst luisteren.",
}


def test_a_removed_participants_name_and_reflection_leave_no_trace_in_the_audit(dirk, world):
    project = builders.make_training(world.project_a, builders.practice_variant())
    sanne = builders.add_participants(project, ["Sanne Vermeulen"])[0]
    url = reverse("trainings:assignment", args=[project.slug, sanne.pk])
    dirk.post(url, {"description": "Drie buren aanspreken bij de speeltuin"})
    dirk.post(
        url,
        {"description": "Vier buren aanspreken", **REFLECTION, "share_with_client": "on"},
    )
    assignment = PracticeAssignment.objects.get(participant=sanne)
    entries = AuditEntry.objects.filter(target_id=assignment.pk, target_type__endswith="assignment")
    assert entries.count() == 2
    assert set(entries.get(action="updated").changes) >= {"description", "tried", "happened"}
    participant_remove(actor=world.designer, participant=sanne)
    trail = " ".join(
        f"{entry.target_repr} {entry.changes}"
        for entry in AuditEntry.objects.filter(project=project)
    )
    for text in ("Sanne", "Vermeulen", "speeltuin", "Vier buren", *REFLECTION.values()):
        assert text not in trail


def test_a_reflection_by_the_link_leaves_no_text_in_the_audit(client, world):
    project = builders.make_training(world.project_a, builders.practice_variant())
    sanne = builders.add_participants(project, ["Sanne Vermeulen"])[0]
    assignment = PracticeAssignment.objects.create(participant=sanne, description="Buren")
    path = reflection_url(assignment, absolute_uri=lambda p: p)
    assert client.post(path, REFLECTION).status_code in (200, 302)
    entry = AuditEntry.objects.get(target_id=assignment.pk, target_type__endswith="assignment")
    assert "Sanne" not in entry.target_repr
    assert "mevrouw Jansen" not in str(entry.changes) and "tried" in entry.changes


# ---- 3. a certificate made early is withdrawn when its participant no longer qualifies -----


@pytest.fixture
def certified(world, time_machine, eager, django_capture_on_commit_callbacks):
    time_machine.move_to(builders.CERTIFICATE_NOW, tick=False)
    training = builders.build_certificate_training(world.project_a)
    with django_capture_on_commit_callbacks(execute=True):
        run = generate_certificates(training.project, by=world.admin)
    assert run.created == [training.anna, training.bas]
    return training


def _held_since(training, present):
    """A fifth session, held two days ago: Bas (3 of 5, 60 %) drops below 75 %."""
    starts = builders.CERTIFICATE_NOW - datetime.timedelta(days=2)
    session = Session.objects.create(
        project=training.project,
        title="Bijeenkomst 5",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    for participant in present:
        Attendance.objects.create(session=session, participant=participant)


def _files(media_root: Path) -> list[Path]:
    return [path for path in (media_root / "deelnamebewijzen").rglob("*") if path.is_file()]


def test_a_certificate_of_who_no_longer_qualifies_is_withdrawn_with_its_file(
    world, certified, media_in_tmp, django_capture_on_commit_callbacks
):
    assert Certificate.objects.filter(status="ready").count() == 2
    assert len(_files(media_in_tmp)) == 2
    _held_since(certified, [certified.anna])
    with django_capture_on_commit_callbacks(execute=True):
        run = generate_certificates(certified.project, by=world.admin)
    assert run.withdrawn == [certified.bas]
    assert run.already == [certified.anna] and run.created == []
    assert certified.bas in run.below and certified.cor in run.below
    assert list(Certificate.objects.values_list("participant", flat=True)) == [certified.anna.pk]
    assert len(_files(media_in_tmp)) == 1
    # A second run has nothing left to withdraw.
    assert generate_certificates(certified.project, by=world.admin).withdrawn == []


def test_the_page_says_which_certificates_were_withdrawn(
    client, world, certified, django_capture_on_commit_callbacks
):
    _held_since(certified, [certified.anna])
    client.force_login(world.designer)
    url = reverse("trainings:certificates", args=[certified.project.slug])
    with django_capture_on_commit_callbacks(execute=True):
        body = client.post(url, follow=True).content.decode()
    assert "Het deelnamebewijs van Bas Jansen is ingetrokken" in body
    assert "Er was geen nieuw deelnamebewijs te maken." not in body


# ---- 6. the team chooses each participant's organisation -----------------------------------


def test_the_add_forms_choose_no_organisation_beforehand(dirk, world):
    project = builders.make_training(world.project_a, builders.practice_variant())
    assert ParticipantForm(project=project)["organisation"].value() is None
    assert PasteForm(project=project)["organisation"].value() is None
    page = dirk.get(reverse("trainings:participant_add", args=[project.slug])).content.decode()
    assert not re.search(rf'<option value="{project.client_id}"[^>]*selected', page)


# ---- 9. every team page answers 404 for a project that is no training ----------------------


def _team_urls(project, participant, certificate) -> list[tuple[str, str]]:
    slug = project.slug
    return [
        ("get", reverse("trainings:participants", args=[slug])),
        ("get", reverse("trainings:participant_add", args=[slug])),
        ("get", reverse("trainings:participant_remove", args=[slug, participant.pk])),
        ("get", reverse("trainings:registration", args=[slug])),
        ("get", reverse("trainings:assignment", args=[slug, participant.pk])),
        ("get", reverse("trainings:evaluations", args=[slug])),
        ("post", reverse("trainings:evaluations_send", args=[slug])),
        ("get", reverse("trainings:certificates", args=[slug])),
        ("get", reverse("trainings:certificate_download", args=[slug, certificate.pk])),
        ("post", reverse("trainings:certificate_send", args=[slug, certificate.pk])),
    ]


def test_the_training_pages_of_a_project_that_is_no_training_are_404(dirk, world):
    project = world.project_b
    assert not (project.variant_id and project.variant.service.is_training)
    participant = Participant.objects.create(
        project=project, name="Els", email="els@example.org", organisation=project.client
    )
    certificate = Certificate.objects.create(participant=participant, snapshot={})
    for method, url in _team_urls(project, participant, certificate):
        assert getattr(dirk, method)(url).status_code == 404, url


# ---- 10. pre-planned session titles in the site's language ---------------------------------


def test_pre_planned_session_titles_are_in_the_sites_language(world, settings):
    project = builders.make_training(world.project_a, builders.practice_variant())
    with translation.override("en"):
        assert translation.gettext("Bijeenkomst %(n)s") == "Session %(n)s"  # it has English
        sessions = plan_sessions(project, actor=world.designer)
    assert settings.LANGUAGE_CODE == "nl"
    assert [s.title for s in sessions] == [f"Bijeenkomst {n}" for n in range(1, 5)]
