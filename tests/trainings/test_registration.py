"""Self-registration through a trajectory's signed invitation link (issue 17 §2): the team
opens, copies and closes it; a participant registers without an account; a forged, expired
or closed link, or an address already on the list, changes nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from core.links import link_token
from projects.models import Membership, ServiceVariant
from tests import factories
from trainings.models import Participant, Registration
from trainings.services import participants as services

START = datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)


@pytest.fixture
def training(world, time_machine):
    time_machine.move_to(START, tick=False)
    project = world.project_a
    project.variant = ServiceVariant.objects.filter(service__is_training=True).first()
    project.save()
    return project


@pytest.fixture
def link(world, training):
    registration = services.registration_open(actor=world.designer, project=training)
    return reverse("trainings:register", args=[services.registration_token(registration)])


def _form(**changes):
    data = {
        "name": "Fatima El Amrani",
        "email": "fatima@example.org",
        "organisation": "",
        "role": "resident",
        "consent": "on",
    }
    return {**data, **changes}


# ---- the team's page ---------------------------------------------------------------------------


def test_designer_opens_the_link_and_sees_it_to_copy(training, dirk):
    url = reverse("trainings:registration", args=[training.slug])
    assert "nog geen aanmeldlink" in dirk.get(url).content.decode()
    response = dirk.post(url, {"action": "open"})
    assert response.status_code == 302
    registration = Registration.objects.get(project=training)
    body = dirk.get(url).content.decode()
    token = services.registration_token(registration)
    assert reverse("trainings:register", args=[token]) in body
    assert "Kopiëren" in body and "1 mei 2026" in body  # 60 days from 2 March


def test_designer_closes_the_link(training, dirk, link):
    url = reverse("trainings:registration", args=[training.slug])
    dirk.post(url, {"action": "close"})
    assert Registration.objects.get(project=training).closed_at is not None
    assert "is gesloten" in dirk.get(url).content.decode()


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_only_the_team_opens_the_link(world, training, who):
    client = Client()
    client.force_login(getattr(world, who))
    url = reverse("trainings:registration", args=[training.slug])
    assert client.post(url, {"action": "open"}).status_code == 404
    assert not Registration.objects.exists()


# ---- registering -------------------------------------------------------------------------------


def test_a_participant_registers_without_an_account(training, link):
    page = Client().get(link)
    body = page.content.decode()
    assert page.status_code == 200
    assert training.client.name in body  # the client's organisation can be chosen
    assert "Wat we van deelnemers bewaren" in body
    response = Client().post(link, _form(organisation=training.client_id))
    assert response.status_code == 200
    assert "U bent aangemeld" in response.content.decode()
    fatima = Participant.objects.get()
    assert (fatima.project, fatima.organisation, fatima.role, fatima.source) == (
        training,
        training.client,
        "resident",
        "invitation",
    )


def test_a_partners_organisation_can_be_chosen_and_another_cannot(world, training, link):
    assert Membership.objects.filter(user=world.partner, project=training).exists()
    Client().post(link, _form(organisation=world.partner.organisation_id))
    assert Participant.objects.get().organisation == world.partner.organisation
    elsewhere = factories.OrganisationFactory(name="Elders")
    response = Client().post(link, _form(email="b@example.org", organisation=elsewhere.pk))
    assert response.status_code == 200 and "Elders" not in response.content.decode()
    assert Participant.objects.count() == 1


def test_without_consent_nothing_is_registered_and_the_typing_stays(training, link):
    response = Client().post(link, _form(consent=""))
    body = response.content.decode()
    assert "Vink het vakje aan" in body and "Fatima El Amrani" in body
    assert not Participant.objects.exists()


def test_registering_the_same_address_twice_creates_nothing_new(training, link):
    first = Client().post(link, _form()).content.decode()
    response = Client().post(link, _form(name="Fatima E.", email="FATIMA@example.org"))
    assert Participant.objects.get().name == "Fatima El Amrani"
    # The same answer as the first time: the page does not tell who is on the list.
    again = response.content.decode()
    assert "U bent aangemeld" in again and "stond al" not in again
    assert "fatima@example.org" not in again.lower()
    assert _main(again) == _main(first)


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_tampered_link_changes_nothing(training, link):
    response = Client().post(link.replace("/aanmelden/", "x/aanmelden/"), _form())
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_a_token_for_another_purpose_opens_nothing(world, training):
    registration = services.registration_open(actor=world.designer, project=training)
    token = link_token("evaluation", registration.pk)
    response = Client().post(reverse("trainings:register", args=[token]), _form())
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_an_expired_link_changes_nothing(training, link, time_machine, settings):
    settings.TRAINING_REGISTRATION_LINK_DAYS = 60
    time_machine.move_to(START + datetime.timedelta(days=61), tick=False)
    response = Client().post(link, _form())
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_closed_link_changes_nothing(world, training, link):
    services.registration_close(actor=world.designer, project=training)
    response = Client().post(link, _form())
    assert response.status_code == 410
    assert not Participant.objects.exists()


def test_a_link_closed_stays_closed_when_the_team_opens_a_new_one(world, training, link):
    services.registration_close(actor=world.designer, project=training)
    reopened = services.registration_open(actor=world.designer, project=training)
    assert Client().post(link, _form()).status_code == 410
    new_link = reverse("trainings:register", args=[services.registration_token(reopened)])
    assert Client().post(new_link, _form()).status_code == 200
    assert Participant.objects.count() == 1


def test_many_registrations_from_one_address_are_refused(training, link, monkeypatch):
    monkeypatch.setattr(services, "REGISTRATIONS_PER_HOUR", 1)
    Client().post(link, _form())
    response = Client().post(link, _form(email="tweede@example.org"))
    assert "net veel aanmeldingen" in response.content.decode()
    assert Participant.objects.count() == 1


def test_the_link_page_shows_the_retention_setting(training, link, settings):
    settings.TRAINING_PARTICIPANT_RETENTION_MONTHS = 6
    body = Client().get(link).content.decode()
    assert "tot 6 maanden na het einde van het traject" in body
