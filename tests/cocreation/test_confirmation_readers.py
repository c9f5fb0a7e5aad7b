"""Whoever signs up to a confirmation reads it (DESIGN §5): the client in full, every other
party of the agreement a copy without fee, hours and payment, made by the same pipeline."""

import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from buurtontdekkers.celery import app
from cocreation import services
from cocreation.models import ConfirmationCopy
from cocreation.rules import confirmations_visible_to
from projects.models import Membership
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    agreed_version_for,
    build_agreed_agreement,
)

pytestmark = pytest.mark.django_db

# The figures and the payment row; the general terms annex speaks of fees in general.
MONEY = ["12.500,00", "120 uur", "Wij factureren in twee termijnen", "Rekening"]


@pytest.fixture
def ready(world, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    built = build_agreed_agreement(world)
    with django_capture_on_commit_callbacks(execute=True):
        confirmation = services.order_confirmation_generate(
            actor=world.admin, version=built.version, fee=Decimal("12500"), hours=120
        )
    app.conf.task_always_eager = before
    confirmation.refresh_from_db()
    return confirmation


def _download(client, user, confirmation):
    client.force_login(user)
    return client.get(confirmation.get_download_url())


def _text(response) -> str:
    data = b"".join(response.streaming_content)
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def test_the_partner_downloads_the_copy_without_fee_hours_and_payment(client, world, ready):
    response = _download(client, world.partner, ready)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{ready.number}-partijen.pdf"'
    text = _text(response)
    assert ready.number in text and "Gedeelde verantwoordelijkheid" in text
    assert ready.snapshot["version"]["ambition"].split()[0] in text
    for word in MONEY:
        assert word not in text, word


@pytest.mark.parametrize("who", ["client_a", "admin", "designer"])
def test_the_client_and_the_firm_download_it_with_the_money(client, world, ready, who):
    response = _download(client, getattr(world, who), ready)
    assert response["Content-Disposition"] == f'attachment; filename="{ready.number}.pdf"'
    text = _text(response)
    for word in MONEY:
        assert word in text, word


def test_the_copy_is_made_once_by_the_pipeline(ready):
    copy = ready.party_copy
    assert copy.status == "ready" and copy.attempts == 1 and len(copy.sha256) == 64
    from cocreation.tasks import confirmation_copy_render_task

    assert confirmation_copy_render_task.apply(args=[copy.pk]).get() == "skipped"
    copy.refresh_from_db()
    assert copy.attempts == 1


def test_the_partner_gets_the_ready_mail_with_a_link_to_it(world, ready):
    to_partner = [m for m in mail.outbox if m.to == [world.partner.email]]
    assert len(to_partner) == 1
    assert ready.number in to_partner[0].subject
    assert ready.get_download_url() in to_partner[0].body
    assert [m.to for m in mail.outbox].count([world.client_a.email]) == 1


def test_an_outsider_gets_404(client, world, ready):
    assert _download(client, world.client_b, ready).status_code == 404


def test_a_partner_member_whose_organisation_is_no_party_gets_404(client, world, ready):
    stranger = UserFactory(organisation=OrganisationFactory(), name="Partner Paula")
    MembershipFactory(user=stranger, project=world.project_a, role=Membership.Role.PARTNER)
    assert _download(client, stranger, ready).status_code == 404
    client.force_login(stranger)
    panel = reverse("cocreation:confirmations", kwargs={"slug": world.project_a.slug})
    assert ready.number not in client.get(panel).content.decode()


def test_a_colleague_of_the_residents_group_reads_the_copy(client, world, ready):
    colleague = UserFactory(organisation=world.partner.organisation, name="Partner Pim")
    MembershipFactory(user=colleague, project=world.project_a, role=Membership.Role.PARTNER)
    assert _download(client, colleague, ready).status_code == 200


def test_the_partner_panel_links_the_copy_and_shows_no_reason(client, world, ready):
    client.force_login(world.partner)
    panel = reverse("cocreation:confirmations", kwargs={"slug": world.project_a.slug})
    page = client.get(panel).content.decode()
    assert ready.get_download_url() in page and "every 2s" not in page


def test_only_client_and_firm_make_no_copy(world):
    version = agreed_version_for(world.project_b)
    confirmation = services.order_confirmation_generate(
        actor=world.admin, version=version, fee=Decimal(1), hours=1, enqueue=False
    )
    assert not ConfirmationCopy.objects.filter(confirmation=confirmation).exists()


def test_visible_to_agrees_with_view_confirmation(world, ready):
    stranger = UserFactory(organisation=OrganisationFactory())
    MembershipFactory(user=stranger, project=world.project_a, role=Membership.Role.PARTNER)
    users = [world.admin, world.designer, world.client_a, world.client_b, world.partner, stranger]
    for user in users:
        listed = ready in confirmations_visible_to(user, world.project_a)
        assert listed is user.has_perm("cocreation.view_confirmation", ready), user
    assert ready in confirmations_visible_to(world.partner, world.project_a)
    assert ready not in confirmations_visible_to(stranger, world.project_a)
