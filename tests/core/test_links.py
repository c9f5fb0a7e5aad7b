"""Signed links for answering without an account: one row, one purpose, for a while."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory

from core.links import LinkRefused, link_token, read_link_token, refused_response

THIRTY_DAYS = datetime.timedelta(days=30)


def test_a_token_names_the_row_it_was_made_for():
    assert read_link_token("pulse", link_token("pulse", 42), max_age=THIRTY_DAYS) == 42


def test_a_changed_token_is_refused_as_tampered():
    token = link_token("pulse", 42)
    forged = token.replace(token.split(":")[0], "43", 1)

    with pytest.raises(LinkRefused) as refused:
        read_link_token("pulse", forged, max_age=THIRTY_DAYS)
    assert refused.value.reason == "tampered"


def test_a_token_for_one_purpose_opens_no_other():
    with pytest.raises(LinkRefused) as refused:
        read_link_token("evaluation", link_token("pulse", 42), max_age=THIRTY_DAYS)
    assert refused.value.reason == "tampered"


def test_a_token_older_than_its_age_is_refused_as_expired():
    made = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    with time_machine.travel(made, tick=False):
        token = link_token("pulse", 42)
    later = made + THIRTY_DAYS + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False), pytest.raises(LinkRefused) as refused:
        read_link_token("pulse", token, max_age=THIRTY_DAYS)
    assert refused.value.reason == "expired"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reason", "status", "words"),
    [("tampered", 404, "klopt niet"), ("expired", 410, "verlopen"), ("used", 410, "al gebruikt")],
)
def test_the_refusal_page_says_why_in_dutch(reason, status, words):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()

    response = refused_response(request, LinkRefused(reason))

    assert response.status_code == status
    assert words in response.content.decode()
    assert "Er is niets veranderd" in response.content.decode()
