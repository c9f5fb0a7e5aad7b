"""Errors and logs configured from the environment (core/errors.py), checked in fresh
interpreters where the start itself matters."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.errors import admins_from_env, sample_rate

ROOT = Path(__file__).resolve().parents[2]
PROD = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "buurt.example.org",
    "SITE_URL": "https://buurt.example.org",
}
LOG_SOME = (
    "import django, logging; django.setup(); log = logging.getLogger('core.documents');"
    "log.warning('attempt %s failed', 2)\n"
    "try:\n    1 / 0\nexcept ZeroDivisionError:\n    log.exception('failed for good')"
)


def _run(code: str, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    base.update(env, DJANGO_SETTINGS_MODULE="buurtontdekkers.settings")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )


def test_production_logs_one_json_object_per_line():
    result = _run(LOG_SOME, **PROD)
    assert result.returncode == 0, result.stderr
    warning, error = [json.loads(line) for line in result.stderr.splitlines()]
    assert warning["level"] == "WARNING" and warning["message"] == "attempt 2 failed"
    assert warning["logger"] == "core.documents" and warning["time"].endswith("+00:00")
    assert error["level"] == "ERROR" and "ZeroDivisionError" in error["exc_info"]


def test_development_logs_plain_lines_unless_json_is_asked_for():
    plain = _run(LOG_SOME)
    assert plain.stderr.splitlines()[0].endswith("WARNING core.documents attempt 2 failed")
    as_json = _run(LOG_SOME, LOG_FORMAT="json")
    assert json.loads(as_json.stderr.splitlines()[0])["message"] == "attempt 2 failed"


def test_an_unknown_log_format_stops_the_start():
    result = _run("import django; django.setup()", LOG_FORMAT="xml")
    assert result.returncode != 0 and "LOG_FORMAT='xml'" in result.stderr


def test_sentry_reports_from_a_process_that_loads_the_settings_only_with_a_dsn():
    code = (
        "import django, sentry_sdk; django.setup(); c = sentry_sdk.get_client();"
        "print(c.is_active(), sorted(n for n in c.integrations if n in {'django', 'celery'}),"
        "c.options['before_send'].__name__, c.options['environment'])"
    )
    with_dsn = _run(code, SENTRY_DSN="http://public@127.0.0.1:9/1", SENTRY_ENVIRONMENT="staging")
    assert with_dsn.stdout.split() == ["True", "['celery',", "'django']", "scrub_event", "staging"]
    without = _run("import django, sentry_sdk; django.setup(); print(sentry_sdk.is_initialized())")
    assert without.stdout.split() == ["False"]


def test_admins_are_read_from_the_environment():
    assert admins_from_env("Anna Beheer <anna@example.org>, ops@example.org") == [
        ("Anna Beheer", "anna@example.org"),
        ("", "ops@example.org"),
    ]
    assert admins_from_env("") == []
    with pytest.raises(ImproperlyConfigured):
        admins_from_env("Anna Beheer")


def test_the_traces_sample_rate_is_a_fraction():
    assert sample_rate("") == 0 and sample_rate("0.25") == 0.25
    for wrong in ("1.5", "-1", "vaak"):
        with pytest.raises(ImproperlyConfigured):
            sample_rate(wrong)
