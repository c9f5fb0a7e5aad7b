"""The one-time form token (core/once.py), shown through the concern form: what spends a token,
what does not, whose it is, how long it is kept, and the second request that waits."""

import datetime
import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from cocreation.models import Concern
from core import documents
from core.models import Submission
from dashboard.models import ProgressReport
from tests.conftest import need_service

TOKEN = "Vlinderplein-0123456789abcdef"
CONCERN = {"subject": "Planning", "body": "Wanneer start fase twee?"}


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="once" value="([^"]+)"', page)


def _concern_url(world) -> str:
    return reverse("cocreation:concern_create", kwargs={"slug": world.project_a.slug})


@pytest.fixture
def client_a(client, world):
    client.force_login(world.client_a)
    return client


@pytest.mark.django_db
def test_each_form_on_a_page_gets_its_own_token_and_each_showing_new_ones(client, world):
    client.force_login(world.designer)
    url = reverse("projects:members", kwargs={"slug": world.project_a.slug})
    first = _tokens(client.get(url).content.decode())
    again = _tokens(client.get(url).content.decode())
    assert len(first) == 2  # adding a designer, inviting someone
    assert len(set(first + again)) == 4


@pytest.mark.django_db
def test_a_token_sent_again_makes_nothing_and_goes_where_the_first_went(client_a, world):
    first = client_a.post(_concern_url(world), CONCERN | {"once": TOKEN})
    second = client_a.post(_concern_url(world), CONCERN | {"once": TOKEN})
    concern = Concern.objects.get()
    assert first.url == second.url == concern.get_absolute_url()
    assert Submission.objects.get().redirect_to == concern.get_absolute_url()


@pytest.mark.django_db
def test_a_form_with_errors_does_not_spend_its_token(client_a, world):
    refused = client_a.post(_concern_url(world), {"subject": "", "body": "", "once": TOKEN})
    assert refused.status_code == 200 and not Submission.objects.exists()
    sent = client_a.post(_concern_url(world), CONCERN | {"once": TOKEN})
    assert sent.url == Concern.objects.get().get_absolute_url()


@pytest.mark.django_db
def test_a_post_without_a_token_is_carried_out_as_before(client_a, world):
    # A tab opened before the tokens existed keeps working; nothing can tell two such posts apart.
    client_a.post(_concern_url(world), CONCERN)
    client_a.post(_concern_url(world), CONCERN)
    assert Concern.objects.count() == 2 and not Submission.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["x" * 5000, "kort", "één twee drie vier vijf", "a/b" * 10])
def test_a_malformed_token_is_ignored_not_an_error(client_a, world, token):
    response = client_a.post(_concern_url(world), CONCERN | {"once": token})
    assert response.status_code == 302
    assert Concern.objects.count() == 1 and not Submission.objects.exists()


@pytest.mark.django_db
def test_tokens_are_per_user(client, world):
    for user in (world.client_a, world.partner):
        client.force_login(user)
        client.post(_concern_url(world), CONCERN | {"once": TOKEN})
    assert sorted(Concern.objects.values_list("raised_by__name", flat=True)) == [
        "Client Anna",
        "Partner Piet",
    ]


@pytest.mark.django_db
def test_a_users_tokens_older_than_a_day_are_forgotten_when_they_send_a_form(
    client_a, world, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    old = Submission.objects.create(user=world.client_a, token="a" * 20, redirect_to="/")
    others = Submission.objects.create(user=world.partner, token="b" * 20, redirect_to="/")
    time_machine.move_to(datetime.datetime(2026, 3, 3, 8, 0, tzinfo=datetime.UTC), tick=False)
    recent = Submission.objects.create(user=world.client_a, token="c" * 20, redirect_to="/")
    time_machine.move_to(datetime.datetime(2026, 3, 3, 10, 0, tzinfo=datetime.UTC), tick=False)

    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(_concern_url(world), CONCERN | {"once": TOKEN})

    kept = set(Submission.objects.values_list("pk", flat=True))
    assert old.pk not in kept and {others.pk, recent.pk} <= kept and len(kept) == 3


@pytest.mark.django_db
def test_an_htmx_form_sent_again_gets_the_panel_it_made(client_a, world, monkeypatch, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
    monkeypatch.setattr(documents, "enqueue", lambda *args, **kwargs: None)
    world.project_a.start_date = datetime.date(2025, 1, 1)
    world.project_a.save()
    url = reverse("dashboard:report_request", kwargs={"slug": world.project_a.slug})
    panel = reverse("dashboard:reports", kwargs={"slug": world.project_a.slug})
    data = {"report-period_start": "2026-01-01", "report-period_end": "2026-01-31", "once": TOKEN}

    first = client_a.post(url, data, HTTP_HX_REQUEST="true")
    second = client_a.post(url, data, HTTP_HX_REQUEST="true", follow=True)

    assert first.status_code == 200 and first["Content-Location"] == panel
    assert second.redirect_chain == [(panel, 302)]
    assert ProgressReport.objects.count() == 1
    assert "Dit formulier was al verstuurd" not in second.content.decode()  # no page to show it


@pytest.mark.django_db(transaction=True)
def test_a_second_request_waits_for_the_first_and_goes_where_it_went(world):
    need_service("PostgreSQL", connection.vendor == "postgresql")
    inserted, finish = threading.Event(), threading.Event()

    def first_request_in_flight():
        # What the first request holds while its view runs: the token's row, not yet committed.
        try:
            with transaction.atomic():
                row = Submission.objects.create(user=world.client_a, token=TOKEN)
                inserted.set()
                finish.wait(timeout=30)
                row.redirect_to = "/waar-de-eerste-heen-ging/"
                row.save()
        finally:
            connection.close()

    answers = []

    def second_request():
        client = Client()
        client.force_login(world.client_a)
        try:
            answers.append(client.post(_concern_url(world), CONCERN | {"once": TOKEN}))
        finally:
            connection.close()

    first = threading.Thread(target=first_request_in_flight)
    first.start()
    assert inserted.wait(timeout=30)
    second = threading.Thread(target=second_request)
    second.start()
    time.sleep(0.5)
    assert second.is_alive() and not answers, "the second request did not wait for the first"
    finish.set()
    first.join(timeout=30)
    second.join(timeout=30)

    assert answers[0].status_code == 302
    assert answers[0]["Location"] == "/waar-de-eerste-heen-ging/"
    assert not Concern.objects.exists()
