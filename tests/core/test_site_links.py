"""E-mail links start with the site's real address: SITE_URL when set (required in production,
tests/test_settings.py), else in development the address of the request that caused the mail,
also when a worker sends it later."""

import pytest
from django.core import mail
from django.urls import reverse

from buurtontdekkers.celery import app
from tests import factories
from tests.factories import build_agreed_agreement

pytestmark = pytest.mark.django_db

DATA = {"confirmation-fee": "12500", "confirmation-hours": "120"}


def _raise_concern(client, world, **extra):
    factories.MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    client.force_login(world.client_a)
    url = reverse("cocreation:concern_create", kwargs={"slug": world.project_a.slug})
    client.post(url, {"subject": "Planning", "body": "Wanneer start fase twee?"}, **extra)


def test_a_mail_link_in_development_uses_the_requests_host(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        _raise_concern(client, world, HTTP_HOST="localhost:8123")
    assert "http://localhost:8123/projecten/vlinderbuurt-samen/vragen/" in mail.outbox[0].body
    assert "127.0.0.1:8000" not in mail.outbox[0].body


def test_site_url_wins_over_the_requests_host(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://buurt.example.nl"
    with django_capture_on_commit_callbacks(execute=True):
        _raise_concern(client, world, HTTP_HOST="localhost:8123")
    assert "https://buurt.example.nl/projecten/vlinderbuurt-samen/vragen/" in mail.outbox[0].body


def test_the_workers_ready_mail_uses_the_host_the_admin_generated_on(
    client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.MEDIA_ROOT = tmp_path
    build_agreed_agreement(world)
    client.force_login(world.admin)
    url = reverse("cocreation:confirmation_generate", kwargs={"slug": world.project_a.slug})
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, DATA, HTTP_HOST="127.0.0.1:8765", HTTP_HX_REQUEST="true")
    finally:
        app.conf.task_always_eager = before
    ready = [m for m in mail.outbox if m.to == [world.client_a.email]]
    assert len(ready) == 1
    assert "http://127.0.0.1:8765/projecten/vlinderbuurt-samen/opdrachtbevestigingen/" in (
        ready[0].body
    )
