import pytest
from django.urls import reverse

from projects.models import AuditEntry

pytestmark = pytest.mark.django_db


def _url(entry):
    return reverse("impact:consent_withdraw", args=[entry.project.slug, entry.pk])


def test_designer_withdraws_consent_with_a_note_and_it_is_logged(client, world, quote):
    client.force_login(world.designer)
    response = client.post(_url(quote), {"note": "Belde ons op 3 maart"})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.consent_withdrawn and quote.visibility == "internal"
    logged = AuditEntry.objects.get(target_type="impact.impactentry", target_id=quote.pk)
    assert logged.actor == world.designer


def test_withdrawal_needs_a_note(client, world, quote):
    client.force_login(world.designer)
    response = client.post(_url(quote), {"note": ""})
    assert response.status_code == 200
    quote.refresh_from_db()
    assert not quote.consent_withdrawn


def test_withdrawing_twice_shows_it_was_already_withdrawn(client, world, quote):
    client.force_login(world.designer)
    client.post(_url(quote), {"note": "Belde op"})
    response = client.post(_url(quote), {"note": "Nog eens"})
    assert "al ingetrokken" in response.content.decode()
    assert AuditEntry.objects.filter(target_id=quote.pk).count() == 1


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_clients_and_partners_get_404_for_withdrawal(client, world, quote, who):
    client.force_login(getattr(world, who))
    assert client.get(_url(quote)).status_code == 404
    assert client.post(_url(quote), {"note": "x"}).status_code == 404
    quote.refresh_from_db()
    assert not quote.consent_withdrawn


def test_anonymous_is_sent_to_login_from_withdrawal(client, world, quote):
    response = client.post(_url(quote), {"note": "x"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_put_to_withdrawal_is_405(client, world, quote):
    client.force_login(world.designer)
    assert client.put(_url(quote)).status_code == 405
