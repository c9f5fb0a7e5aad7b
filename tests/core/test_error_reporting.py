"""With SENTRY_DSN, errors go to Sentry without residents' names or e-mail addresses
(core/errors.py, core/scrubbing.py). Sentry's server is replaced by a transport that keeps the
events it would have sent; everything before it is the real SDK with our options."""

import json
import logging
from decimal import Decimal

import pytest
import sentry_sdk
from django.contrib.auth.decorators import login_required
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.test import RequestFactory
from django.urls import path
from sentry_sdk.transport import Transport

from buurtontdekkers import urls as root_urls
from cocreation import services as cocreation_services
from cocreation import tasks as cocreation_tasks
from core import errors
from core.scrubbing import scrub_text
from projects.models import Organisation
from tests.factories import OrganisationFactory, UserFactory, build_agreed_agreement

# Apart from the tests: the event's stack holds the source lines around each frame.
FIRST_NAME, LAST_NAME = "Fatima", "Vries"
RESIDENT = f"{FIRST_NAME} de {LAST_NAME}"
RESIDENT_EMAIL = f"{FIRST_NAME.lower()}@example.org"


@login_required
def rename_group(request):
    group = Organisation.objects.get(pk=request.GET["group"])
    raise ValueError(f"cannot rename {group!r} for {request.user.email}")


urlpatterns = [path("rename/", rename_group, name="rename-group"), *root_urls.urlpatterns]


class KeptEvents(Transport):
    """Sentry's server, as far as the SDK can tell: keeps each event it is sent."""

    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        self.events += [item.payload.json for item in envelope.items if item.type == "event"]


@pytest.fixture
def sentry(settings):
    settings.SENTRY_DSN = "http://public@127.0.0.1:9/1"
    transport = KeptEvents()
    with sentry_sdk.isolation_scope() as scope:
        scope.clear()  # no breadcrumbs or user of an earlier test
        errors.init_sentry(settings.SENTRY_DSN, environment="test", transport=transport)
        yield transport
        sentry_sdk.get_client().close()
    sentry_sdk.init(dsn=None)


def _sent(transport) -> str:
    assert transport.events, "no event was sent"
    return json.dumps(transport.events)


@pytest.mark.django_db
def test_an_integrity_error_reaches_sentry_without_the_residents_name(sentry):
    OrganisationFactory(name=RESIDENT, kind="bewonersgroep")
    try:
        with transaction.atomic():
            Organisation.objects.create(name=RESIDENT, kind="bewonersgroep")
    except IntegrityError as exc:
        sentry_sdk.capture_exception(exc)
    sent = _sent(sentry)
    assert "IntegrityError" in sent
    assert FIRST_NAME not in sent and LAST_NAME not in sent
    if connection.vendor == "postgresql":
        assert "Key (name)=([filtered]) already exists." in sent


def test_an_error_log_reaches_sentry_without_names_addresses_or_extra(sentry):
    logger = logging.getLogger("impact.consent")
    logger.info("consent recorded for %s", RESIDENT_EMAIL)  # a breadcrumb
    try:
        raise KeyError(f"<ImpactEntry: story of {RESIDENT}>")
    except KeyError:
        logger.exception("could not notify '%s'", RESIDENT, extra={"resident": RESIDENT})
    sent = _sent(sentry)
    assert "could not notify" in sent and "KeyError" in sent
    assert RESIDENT not in sent and RESIDENT_EMAIL not in sent
    assert '"extra"' not in sent and '"vars"' not in sent


def _through_wsgi(client, url: str, **headers) -> str:
    """GET `url` as gunicorn would hand it over (WSGIHandler, where Sentry wraps each request),
    with the test client's session; returns the status line."""
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    environ = RequestFactory().get(url, HTTP_COOKIE=cookie, **headers).environ
    status = []
    # As Django's test client does: the test's transaction needs its connection kept open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda line, headers, exc_info=None: status.append(line))
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return status[0]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_500_reaches_sentry_with_the_user_as_an_id_only_and_no_mail(
    sentry, client, settings, mailoutbox
):
    settings.ADMINS = [("Anna Beheer", "anna@example.org")]
    resident = UserFactory(name=RESIDENT, email=RESIDENT_EMAIL)
    group = OrganisationFactory(name=f"Bewonersgroep {RESIDENT}", kind="bewonersgroep")
    client.force_login(resident)
    status = _through_wsgi(
        client,
        f"/rename/?group={group.pk}&naam={RESIDENT}&mail={RESIDENT_EMAIL}",
        HTTP_REFERER=f"https://x.example/?naam={RESIDENT}",
        HTTP_USER_AGENT="Firefox",
    )
    assert status.startswith("500")
    [event] = sentry.events
    assert event["user"] == {"id": str(resident.pk)}
    assert event["request"]["query_string"] == "group=[filtered]&naam=[filtered]&mail=[filtered]"
    assert event["request"]["headers"] == {"User-Agent": "Firefox"}  # no cookie, no referer
    assert not {"data", "cookies"} & event["request"].keys()
    sent = json.dumps(event)
    assert event["transaction"] == "/rename/" and "ValueError" in sent
    assert FIRST_NAME.lower() not in sent.lower() and LAST_NAME.lower() not in sent.lower()
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_pdf_job_that_failed_for_good_reaches_sentry_scrubbed(
    sentry, world, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    def failing_render(_confirmation):
        raise ValueError(f"no consent from {RESIDENT!r} <{RESIDENT_EMAIL}>")

    monkeypatch.setattr(cocreation_tasks, "render_pdf", failing_render)
    confirmation = cocreation_services.order_confirmation_generate(
        actor=world.admin,
        version=build_agreed_agreement(world).version,
        fee=Decimal(1),
        hours=1,
        enqueue=False,
    )
    cocreation_tasks.order_confirmation_render_task.apply(args=[confirmation.pk])
    [event] = sentry.events
    assert event["logger"] == "core.documents"
    assert event["exception"]["values"][-1]["type"] == "ValueError"
    assert RESIDENT not in json.dumps(event) and RESIDENT_EMAIL not in json.dumps(event)


def test_scrubbing_keeps_what_reads_as_code():
    text = 'relation "projects_user" does not exist; "Consent.party" must be a "Party"'
    assert scrub_text(text) == (
        'relation "projects_user" does not exist; "Consent.party" must be a "[filtered]"'
    )


def test_a_failing_scrubber_drops_the_event(sentry, monkeypatch):
    def broken(event, hint):
        raise RuntimeError("scrubber bug")

    monkeypatch.setitem(sentry_sdk.get_client().options, "before_send", broken)
    sentry_sdk.capture_message(f"about {RESIDENT}")
    assert sentry.events == []
