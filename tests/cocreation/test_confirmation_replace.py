"""Generating again for the same version and terms: nothing without a reason (no number burnt,
no e-mail to the parties); with a reason, a new confirmation that records it."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from cocreation import services
from cocreation.models import ConfirmationCounter, OrderConfirmation
from tests.factories import build_agreed_agreement

pytestmark = pytest.mark.django_db

TERMS = {"fee": Decimal("12500.00"), "hours": 120}
POST = {"confirmation-fee": "12500.00", "confirmation-hours": "120"}


@pytest.fixture
def in_force(world, eager, django_capture_on_commit_callbacks):
    """A ready confirmation of the agreed version, its e-mails already sent and cleared."""
    built = build_agreed_agreement(world)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = services.order_confirmation_generate(
            actor=world.admin, version=built.version, **TERMS
        )
    confirmation.refresh_from_db()
    assert confirmation.is_ready
    mail.outbox.clear()
    return confirmation


def _last_number() -> int:
    return ConfirmationCounter.objects.get().last


def test_the_same_version_and_terms_without_a_reason_make_nothing(
    world, in_force, django_capture_on_commit_callbacks
):
    with (
        pytest.raises(ValidationError) as refused,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.order_confirmation_generate(actor=world.admin, version=in_force.version, **TERMS)
    assert refused.value.code == "unchanged"
    assert in_force.number in refused.value.messages[0]
    assert "reden" in refused.value.messages[0]
    assert OrderConfirmation.objects.count() == 1
    assert _last_number() == 1  # no number burnt
    assert mail.outbox == []


def test_a_reason_makes_a_new_confirmation_that_records_it(
    world, in_force, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        second = services.order_confirmation_generate(
            actor=world.admin,
            version=in_force.version,
            reason="  De wethouder vroeg om een nieuwe bevestiging.  ",
            **TERMS,
        )
    second.refresh_from_db()
    in_force.refresh_from_db()
    assert second.sequence == 2 and second.is_ready
    assert second.replace_reason == "De wethouder vroeg om een nieuwe bevestiging."
    assert in_force.superseded_by == second


def test_changed_terms_need_no_reason(world, in_force):
    second = services.order_confirmation_generate(
        actor=world.admin,
        version=in_force.version,
        **{**TERMS, "fee": Decimal("14000.00")},
        enqueue=False,
    )
    assert second.sequence == 2 and second.replace_reason == ""


def test_a_failed_confirmation_does_not_count_as_in_force(world, eager):
    built = build_agreed_agreement(world)
    first = services.order_confirmation_generate(
        actor=world.admin, version=built.version, **TERMS, enqueue=False
    )
    OrderConfirmation.objects.filter(pk=first.pk).update(status="failed")
    second = services.order_confirmation_generate(
        actor=world.admin, version=built.version, **TERMS, enqueue=False
    )
    assert second.sequence == 2


def _generate(client, world, data):
    url = reverse("cocreation:confirmation_generate", kwargs={"slug": world.project_a.slug})
    return client.post(url, data, HTTP_HX_REQUEST="true")


def test_admin_sees_the_confirmation_in_force_and_is_asked_for_a_reason(client, world, in_force):
    client.force_login(world.admin)
    page = _generate(client, world, POST).content.decode()
    assert f"Opdrachtbevestiging {in_force.number} geldt al" in page
    assert f"Reden om {in_force.number} te vervangen" in page
    assert in_force.get_download_url() in page
    assert OrderConfirmation.objects.count() == 1
    assert mail.outbox == []


def test_admin_replaces_with_a_reason_and_the_list_shows_it(client, world, in_force):
    client.force_login(world.admin)
    data = {**POST, "confirmation-reason": "Het logo van de gemeente <is> veranderd."}
    _generate(client, world, data)
    second = OrderConfirmation.objects.get(sequence=2)
    assert second.replace_reason == "Het logo van de gemeente <is> veranderd."
    panel = reverse("cocreation:confirmations", kwargs={"slug": world.project_a.slug})
    page = client.get(panel).content.decode()
    assert "Reden van vervanging: Het logo van de gemeente &lt;is&gt; veranderd." in page


def test_the_first_confirmation_asks_no_reason(client, world, eager):
    build_agreed_agreement(world)
    client.force_login(world.admin)
    page = client.get(world.project_a.get_absolute_url()).content.decode()
    assert "Genereer opdrachtbevestiging" in page and "confirmation-reason" not in page
