import os
import socket
from urllib.parse import urlparse

import pytest

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

    cache.clear()
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
