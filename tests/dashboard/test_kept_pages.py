"""The dashboard and the project page are kept rendered for each user (core/kept_pages.py,
dashboard.cache.page): a kept page gives every response its own tokens, its forms still post,
flash messages still show, and what turns with the clock (a pulse closing, a session starting)
is shown on time. A response served from a kept page renders no template."""

import datetime
import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from cocreation.services.pulse import pulse_invite
from tests import factories
from tests.dashboard.test_freshness import backend  # noqa: F401
from tests.trainings.builders import AMSTERDAM, add_session, make_training

pytestmark = pytest.mark.django_db

MORNING = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=AMSTERDAM)  # a Tuesday


def _dashboard(project) -> str:
    return reverse("dashboard:dashboard", args=[project.slug])


def _browser(user, **kwargs) -> Client:
    browser = Client(**kwargs)
    browser.force_login(user)
    return browser


def _tokens(html: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)"', html)


@pytest.fixture
def built(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return factories.build_dashboard(world)


@pytest.mark.parametrize("page", ["dashboard:dashboard", "dashboard:project"])
def test_every_response_of_a_kept_page_has_its_own_tokens(world, built, page):
    browser = _browser(world.designer)
    url = reverse(page, args=[built.project.slug])
    first = browser.get(url)
    again = browser.get(url)
    assert first.templates and not again.templates, "the second response was not kept"
    first_html, again_html = first.content.decode(), again.content.decode()
    assert "kept-page-" not in first_html + again_html  # every hole is filled
    csrf = _tokens(first_html, "csrfmiddlewaretoken")
    assert csrf and set(csrf).isdisjoint(_tokens(again_html, "csrfmiddlewaretoken"))
    once = _tokens(first_html, "once") + _tokens(again_html, "once")
    assert len(set(once)) == len(once), "a one-time token was served twice"
    assert once or page == "dashboard:project"  # the project page has no create form here


def test_a_form_of_a_kept_page_posts_with_its_token(world, built):
    browser = _browser(world.client_a, enforce_csrf_checks=True)
    browser.get(_dashboard(built.project))
    kept = browser.get(_dashboard(built.project))
    assert not kept.templates
    token = _tokens(kept.content.decode(), "csrfmiddlewaretoken")[0]
    response = browser.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # 403 when the token does not match the cookie


def test_a_flash_message_shows_on_a_kept_page_once(world, built):
    browser = _browser(world.client_a)
    browser.get(_dashboard(built.project))  # kept from here
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, "Bericht voor één keer")
    carrier = HttpResponse()
    storage.update(carrier)
    browser.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value
    shown = browser.get(_dashboard(built.project))
    assert "Bericht voor één keer" in shown.content.decode()
    after = browser.get(_dashboard(built.project))
    assert "Bericht voor één keer" not in after.content.decode()
    assert not after.templates, "the page with the message replaced the kept one"


def test_the_pulse_ask_leaves_a_kept_dashboard_when_the_pulse_closes(world, built, time_machine):
    sent = MORNING - datetime.timedelta(days=14) + datetime.timedelta(hours=1)  # 10:00
    time_machine.move_to(sent, tick=False)
    invitation = pulse_invite(project=built.project, user=world.client_a, period=sent.date())
    answer = reverse("cocreation:pulse_answer", args=[built.project.slug, invitation.pk])
    browser = _browser(world.client_a)
    time_machine.move_to(MORNING, tick=False)
    assert answer in browser.get(_dashboard(built.project)).content.decode()
    time_machine.move_to(MORNING + datetime.timedelta(minutes=30), tick=False)
    assert not browser.get(_dashboard(built.project)).templates  # kept until 10:00
    time_machine.move_to(MORNING + datetime.timedelta(hours=2), tick=False)  # the same day
    assert answer not in browser.get(_dashboard(built.project)).content.decode()


def test_a_session_counts_as_held_on_a_kept_page_once_it_starts(world, time_machine):
    project = make_training(world.project_a)
    add_session(project, "Bijeenkomst in de ochtend", MORNING + datetime.timedelta(hours=1))
    browser = _browser(world.designer)
    url = reverse("dashboard:project", args=[project.slug])
    time_machine.move_to(MORNING, tick=False)
    before = browser.get(url).content.decode()
    assert "0 gehouden" in before and "1 gepland" in before
    time_machine.move_to(MORNING + datetime.timedelta(minutes=30), tick=False)
    assert not browser.get(url).templates  # kept until the session starts
    time_machine.move_to(MORNING + datetime.timedelta(hours=2), tick=False)
    after = browser.get(url).content.decode()
    assert "1 gehouden" in after and "0 gepland" in after


def test_a_page_asked_with_another_query_string_is_not_kept(world, built):
    browser = _browser(world.designer)
    url = reverse("dashboard:project", args=[built.project.slug]) + "?sort=x"
    assert browser.get(url).templates
    assert browser.get(url).templates, "kept under an address anyone can vary"


def test_a_change_overwrites_the_kept_page_instead_of_adding_one(world, built, backend):  # noqa: F811
    browser = _browser(world.designer)
    browser.get(_dashboard(built.project))
    factories.ActivityFactory(project=built.project)  # bumps the project's generation
    assert browser.get(_dashboard(built.project)).templates, "the old page was served"
    assert not browser.get(_dashboard(built.project)).templates
    stored = backend()
    if stored is not None:  # the forced Redis: one kept page, not one per generation
        assert len([key for key in stored if b":page:" in key]) == 1
