import datetime
import os
import socket
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from projects.demo import DEMO_PASSWORD

from . import factories

IN_CI = bool(os.environ.get("CI"))


def _answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def need_service(name: str, available: bool) -> None:
    """Skip a test whose service is absent, except under CI, where that fails the run."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{name} is required under CI but does not answer")
    pytest.skip(f"{name} does not answer (set CI=true to make this a failure)")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Argon2 is right for people and slow on purpose; tests hash hundreds of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    # Project ids start again in every new test database: an entry of an earlier test (or run)
    # under the same project id and generation must not be found.
    from django.core.cache import cache

    from core import error_mail

    cache.clear()
    error_mail._counted_here.clear()  # the per-process count of error mails, for the same reason
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def dutch_by_default():
    # A request in English leaves its language active in the thread; start each test in Dutch.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def redis_url(settings):
    url = settings.CELERY_BROKER_URL
    need_service("Redis (CELERY_BROKER_URL)", bool(url) and _answers(url, 6379))
    return url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    need_service("Chromium (/usr/bin/chromium)", os.path.exists("/usr/bin/chromium"))
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_configure(config):
    """BUURT_TODAY=2027-01-03 runs the whole suite as if it were that day (10:00 in Amsterdam,
    the clock ticking on): proof that no test depends on the weekday or the year's end without
    freezing its own clock. `make test-dates` runs it on a Sunday and on 31 December."""
    today = os.environ.get("BUURT_TODAY")
    if today:
        start = datetime.datetime.combine(
            datetime.date.fromisoformat(today),
            datetime.time(10, 0),
            tzinfo=ZoneInfo("Europe/Amsterdam"),
        )
        config._buurt_clock = time_machine.travel(start, tick=True)
        config._buurt_clock.start()


def pytest_report_header(config):
    if os.environ.get("BUURT_TODAY"):
        return f"clock set to {os.environ['BUURT_TODAY']} (BUURT_TODAY)"
    return None


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if IN_CI and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise pytest.UsageError("Under CI the tests must run on PostgreSQL (set DATABASE_URL).")


@pytest.fixture
def password():
    return DEMO_PASSWORD


@pytest.fixture
def world(db):
    """Two clients with a project each, a partner in project A, a designer and an admin."""
    return factories.build_world()


@pytest.fixture
def dirk(world):
    """The world's designer, logged in: the first of two people editing one thing."""
    client = Client()
    client.force_login(world.designer)
    return client


@pytest.fixture
def dana(world):
    """A second designer, logged in: the other person editing the same thing."""
    client = Client()
    client.force_login(
        factories.UserFactory(role=factories.User.Role.DESIGNER, name="Designer Dana")
    )
    return client


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Files a test makes in-process (the demo's confirmation PDFs) go to a temporary folder,
    not into the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def eager(media_in_tmp):
    """Celery tasks run in-process (the PDF pipeline without a worker); files go to a
    temporary MEDIA_ROOT."""
    from buurtontdekkers.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
