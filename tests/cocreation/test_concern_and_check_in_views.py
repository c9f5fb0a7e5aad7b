import pytest
from django.core import mail
from django.urls import reverse

from cocreation import services
from cocreation.models import AgreementVersion, CheckIn, Concern
from projects.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def _concern_url(name, concern):
    return reverse(f"cocreation:{name}", kwargs={"slug": concern.project.slug, "pk": concern.pk})


def test_client_raises_a_concern_and_designers_get_mail(
    client, world, django_capture_on_commit_callbacks
):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    client.force_login(world.client_a)
    url = reverse("cocreation:concern_create", kwargs={"slug": world.project_a.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"subject": "Planning", "body": "Wanneer start fase twee?"})
    concern = Concern.objects.get()
    assert response.url == _concern_url("concern", concern)
    assert mail.outbox[0].to == [world.designer.email]


def test_designer_gets_404_for_raising_a_concern(client, world):
    client.force_login(world.designer)
    url = reverse("cocreation:concern_create", kwargs={"slug": world.project_a.slug})
    assert client.get(url).status_code == 404


def test_other_client_gets_404_for_a_concern(client, world):
    concern = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    client.force_login(world.client_b)
    assert client.get(_concern_url("concern", concern)).status_code == 404


def test_partner_does_not_see_the_clients_concern(client, world):
    concern = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    client.force_login(world.partner)
    assert client.get(_concern_url("concern", concern)).status_code == 404


def test_designer_replies_and_closes_a_concern(client, world):
    concern = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    client.force_login(world.designer)
    client.post(_concern_url("concern", concern), {"body": "Volgende week."})
    assert concern.replies.get().author == world.designer
    assert client.get(_concern_url("concern_close", concern)).status_code == 405
    client.post(_concern_url("concern_close", concern))
    concern.refresh_from_db()
    assert not concern.is_open


def test_client_cannot_close_a_concern(client, world):
    concern = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    client.force_login(world.client_a)
    assert client.post(_concern_url("concern_close", concern)).status_code == 404


def _agreed(world):
    built = factories.build_agreement(world, status="proposed")
    version = built.version
    for actor, party in [
        (world.client_a, built.client),
        (world.partner, built.residents),
        (world.designer, built.designers),
    ]:
        services.consent_to(
            actor=actor, version=version, party=party, content_hash=version.content_hash
        )
    return built


def test_designer_records_a_check_in_and_starts_a_new_version(client, world):
    built = _agreed(world)
    commitment = built.client.commitments.get()
    client.force_login(world.designer)
    url = reverse("cocreation:check_in_create", kwargs={"slug": world.project_a.slug})
    data = {
        "date": "2026-03-01",
        "attendees": "Anna, Piet, Dirk",
        "notes": "Goed gesprek",
        "adjustments": "Minder uren van de gemeente",
        f"status_{commitment.pk}": "attention",
        f"remark_{commitment.pk}": "Krap",
        "start_new_version": "on",
    }
    response = client.post(url, data)
    check_in = CheckIn.objects.get()
    assert check_in.reviews.get().status == "attention"
    assert response.url.endswith("/samenwerking/versies/2/bewerken/")


def _check_in_with_new_version():
    return {
        "date": "2026-03-01",
        "attendees": "Anna, Piet, Dirk",
        "notes": "Goed gesprek",
        "adjustments": "",
        "start_new_version": "on",
    }


def test_a_refused_check_in_stores_nothing(client, world):
    built = _agreed(world)
    # A draft is open already, so no new version can start: the whole check-in is refused.
    services.agreement_version_new_draft(actor=world.designer, agreement=built.version.agreement)
    client.force_login(world.designer)
    url = reverse("cocreation:check_in_create", kwargs={"slug": world.project_a.slug})
    response = client.post(url, _check_in_with_new_version())
    assert response.status_code == 200
    assert "nog in de maak" in response.content.decode()
    assert not CheckIn.objects.exists()
    assert not AuditEntry.objects.filter(target_type__icontains="checkin").exists()


def test_two_posts_of_a_check_in_with_a_new_version_store_one(client, world):
    _agreed(world)
    client.force_login(world.designer)
    url = reverse("cocreation:check_in_create", kwargs={"slug": world.project_a.slug})
    first = client.post(url, _check_in_with_new_version())
    second = client.post(url, _check_in_with_new_version())
    assert first.status_code == 302 and second.status_code == 200
    assert CheckIn.objects.count() == 1
    assert AgreementVersion.objects.filter(status="draft").count() == 1


def test_client_gets_404_for_recording_a_check_in(client, world):
    _agreed(world)
    client.force_login(world.client_a)
    url = reverse("cocreation:check_in_create", kwargs={"slug": world.project_a.slug})
    assert client.get(url).status_code == 404
