"""Bad input answers in Dutch, never with a 500; small safety fixes (issue 15, items 5 and 7)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cocreation.models import OrderConfirmation
from cocreation.services import concern_raise
from tests.factories import build_agreed_agreement
from tests.test_settings import PROD, _run

pytestmark = pytest.mark.django_db


def test_an_absurd_number_of_hours_is_a_dutch_form_error_not_a_500(client, world):
    build_agreed_agreement(world)
    client.force_login(world.admin)
    url = reverse("cocreation:confirmation_generate", kwargs={"slug": world.project_a.slug})
    data = {"confirmation-fee": "100", "confirmation-hours": "3000000000"}
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "100000" in response.content.decode()
    followed = client.post(url, data, follow=True)
    assert followed.status_code == 200
    assert "100000" in followed.content.decode()
    assert not OrderConfirmation.objects.exists()


@pytest.mark.parametrize("number", ["OB-2026-0001%00", "%00", "OB-2026-0001'--", "x" * 40])
def test_a_confirmation_number_that_cannot_be_one_is_a_404(client, world, number):
    client.force_login(world.admin)
    base = f"/projecten/{world.project_a.slug}/opdrachtbevestigingen/"
    assert client.get(f"{base}{number}.pdf").status_code == 404
    assert client.post(f"{base}{number}/opnieuw/").status_code == 404


def test_a_nul_byte_in_the_query_string_is_a_404(client, world):
    client.force_login(world.designer)
    url = reverse("dashboard:dashboard", kwargs={"slug": world.project_a.slug})
    assert client.get(url + "?thema=%00").status_code == 404
    assert client.get(url).status_code == 200


def test_an_oversized_body_is_refused_with_a_dutch_page(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(world.client_a)
    url = reverse("cocreation:concern_create", kwargs={"slug": world.project_a.slug})
    response = client.post(url, {"subject": "x", "body": "y" * 5000})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit verzoek konden we niet verwerken" in page
    assert "Bad Request" not in page


def test_the_csrf_failure_page_is_dutch_and_says_nothing_of_debug(world):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("login"), {"username": "a@b.nl", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Dit formulier is verlopen" in page
    assert "DEBUG" not in page and "Forbidden" not in page


def test_mail_subjects_and_bodies_read_as_typed(world, django_capture_on_commit_callbacks):
    world.project_a.title = "'t plein & de bankjes"
    world.project_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        concern_raise(
            actor=world.client_a, project=world.project_a, subject="Bankjes <weg>?", body="Waar?"
        )
    sent = mail.outbox[-1]
    assert "'t plein & de bankjes" in sent.subject
    assert "&amp;" not in sent.subject and "&#x27;" not in sent.subject
    assert "Bankjes <weg>?" in sent.body or "'t plein & de bankjes" in sent.body
    assert "&lt;" not in sent.body and "&amp;" not in sent.body


def test_password_reset_mails_are_throttled_per_address(world):
    browser = Client()
    statuses = [
        browser.post(reverse("password_reset"), {"email": world.client_a.email}).status_code
        for _ in range(12)
    ]
    # Every answer is the same redirect; only the first three send a mail.
    assert set(statuses) == {302}
    assert len(mail.outbox) == 3
    browser.post(reverse("password_reset"), {"email": world.client_b.email})
    assert len(mail.outbox) == 4


def test_authenticated_pages_and_exports_are_private_and_not_stored(client, world):
    client.force_login(world.designer)
    slug = world.project_a.slug
    for url in [
        reverse("dashboard:dashboard", kwargs={"slug": slug}),
        reverse("dashboard:activities_csv", kwargs={"slug": slug}),
        reverse("dashboard:home"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "no-store" in response["Cache-Control"], url


def test_the_language_cookie_is_secure_in_production():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE)"
    )
    result = _run(code, **PROD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "Lax"]
