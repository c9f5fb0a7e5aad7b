"""Configuration from the environment, checked in fresh interpreters."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from buurtontdekkers.settings import env_bool

ROOT = Path(__file__).resolve().parent.parent
PROD = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "buurt.example.org",
    "SITE_URL": "https://buurt.example.org",
}


def _run(code: str, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    base.update(env, DJANGO_SETTINGS_MODULE="buurtontdekkers.settings")
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )


def test_defaults_need_no_services():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG, "
        "s.EMAIL_BACKEND.rsplit('.', 2)[-2])"
    )
    result = _run(code)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True", "console"]


def test_database_url_selects_postgresql_and_broker_url_disables_eager():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = _run(code, DATABASE_URL="postgres://u@db:5432/x", CELERY_BROKER_URL="redis://r:6379/0")
    assert result.stdout.split() == ["django.db.backends.postgresql", "False"]


def test_production_refuses_to_start_without_secret_key():
    env = {**PROD, "SECRET_KEY": ""}
    result = _run("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "SECRET_KEY and ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_site_url():
    # A worker mailing a link has no request to take the address from.
    result = _run("import django; django.setup()", **{**PROD, "SITE_URL": ""})
    assert result.returncode != 0
    assert "In production SITE_URL must be set" in result.stderr


def test_a_site_url_that_is_no_web_address_refuses_to_start():
    result = _run("import django; django.setup()", SITE_URL="buurt.example.nl")
    assert result.returncode != 0
    assert "SITE_URL='buurt.example.nl' is not an http(s) address" in result.stderr


def test_development_leaves_site_url_to_the_request():
    result = _run("from django.conf import settings as s; print(repr(s.SITE_URL))")
    assert result.stdout.strip() == "''"


def test_production_refuses_to_start_without_allowed_hosts():
    env = {**PROD, "ALLOWED_HOSTS": ""}
    result = _run("import django; django.setup()", **env)
    assert result.returncode != 0


def test_check_deploy_is_clean_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **PROD},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_keeps_connections_and_compiled_templates():
    # The load (issue 12): no new database connection per request, checked before reuse, and
    # templates compiled once per process.
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "from django.template import engines;"
        "d = s.DATABASES['default'];"
        "loader = engines['django'].engine.template_loaders[0];"
        "print(d['CONN_MAX_AGE'] > 0, d['CONN_HEALTH_CHECKS'], type(loader).__module__)"
    )
    result = _run(code, **PROD, DATABASE_URL="postgres://u@db:5432/x")
    assert result.stdout.split() == ["True", "True", "django.template.loaders.cached"], (
        result.stderr
    )


def test_argon2_is_the_first_password_hasher():
    from buurtontdekkers import settings as configured  # the tests swap in a fast hasher

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_makemigrations_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_a_mistyped_boolean_refuses_to_start():
    result = _run("import django; django.setup()", DEBUG="flase")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG='flase'" in result.stderr


@pytest.mark.parametrize("word", ["1", "true", "True", "YES", "on", " On "])
def test_true_words_parse_as_true(monkeypatch, word):
    monkeypatch.setenv("BUURT_FLAG", word)
    assert env_bool("BUURT_FLAG", False) is True


@pytest.mark.parametrize("word", ["0", "false", "FALSE", "no", "Off", " off "])
def test_false_words_parse_as_false(monkeypatch, word):
    monkeypatch.setenv("BUURT_FLAG", word)
    assert env_bool("BUURT_FLAG", True) is False


@pytest.mark.parametrize("value", [None, "", "   "])
def test_unset_or_empty_boolean_takes_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("BUURT_FLAG", raising=False)
    else:
        monkeypatch.setenv("BUURT_FLAG", value)
    assert env_bool("BUURT_FLAG", True) is True
    assert env_bool("BUURT_FLAG", False) is False


@pytest.mark.parametrize("value", ["flase", "2", "y", "enabled"])
def test_unknown_boolean_word_raises_naming_variable_and_value(monkeypatch, value):
    monkeypatch.setenv("BUURT_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match=f"BUURT_FLAG='{value}'"):
        env_bool("BUURT_FLAG", False)


def test_worker_children_are_capped_in_memory_and_tasks():
    code = (
        "import django; django.setup(); from buurtontdekkers.celery import app;"
        "print(app.conf.worker_max_memory_per_child, app.conf.worker_max_tasks_per_child)"
    )
    result = _run(code, CELERY_BROKER_URL="redis://r:6379/0")
    assert result.stdout.split() == ["512000", "100"]


def test_a_broker_brings_no_result_backend_unless_one_is_asked_for():
    # A result backend on the broker's Redis held every click ~20 s while Redis was down.
    code = (
        "import django; django.setup(); from buurtontdekkers.celery import app;"
        "print(app.conf.result_backend, type(app.backend).__name__)"
    )
    result = _run(code, CELERY_BROKER_URL="redis://r:6379/0")
    assert result.stdout.split() == ["None", "DisabledBackend"]
    asked = _run(code, CELERY_BROKER_URL="redis://r:6379/0", CELERY_RESULT_BACKEND="redis://r/1")
    assert asked.stdout.split() == ["redis://r/1", "RedisBackend"]


def test_enqueueing_gives_up_on_a_broker_down_without_waiting():
    code = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps(s.CELERY_BROKER_TRANSPORT_OPTIONS))"
    )
    options = json.loads(_run(code).stdout)
    assert options["socket_connect_timeout"] <= 1
    assert options["max_retries"] <= 1 and options["interval_start"] == 0
