"""`make deploy-check`, the operator's one command before going live (no Docker here: the local
path with the venv and Debian's caddy)."""

import os
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import need_service

ROOT = Path(__file__).resolve().parent.parent


def _deploy_check(**variables):
    # Also without DJANGO_ALLOW_ASYNC_UNSAFE, which the suite needs and check --deploy refuses.
    unset = {"SECRET_KEY", "SITE_DOMAIN", "ADMINS", "SENTRY_DSN", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        ["make", "--no-print-directory", "deploy-check"],
        cwd=ROOT, env={**env, **variables}, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


@pytest.fixture
def caddy():
    need_service("caddy (scripts/system_deps.sh installs it)", shutil.which("caddy") is not None)


def test_a_complete_configuration_is_ready_to_go_live(caddy):
    result = _deploy_check(
        SECRET_KEY=secrets.token_urlsafe(60),
        SITE_DOMAIN="buurt.example.nl",
        ADMINS="Beheer <beheer@example.org>",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   check --deploy" in result.stdout
    assert "ok   Caddyfile" in result.stdout
    assert "Ready to go live." in result.stdout


def test_missing_variables_are_named_and_stop_the_check(caddy):
    result = _deploy_check(SITE_DOMAIN="buurt.example.nl")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "neither ADMINS nor SENTRY_DSN is set" in result.stderr
    assert "SITE_DOMAIN is not set" not in result.stderr


def test_a_short_secret_key_fails(caddy):
    result = _deploy_check(SECRET_KEY="kort", SITE_DOMAIN="buurt.example.nl", SENTRY_DSN="x")
    assert result.returncode != 0
    assert "SECRET_KEY is shorter than 50 characters" in result.stderr


def test_the_env_file_is_read_as_compose_reads_it(caddy, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        f'SECRET_KEY="{secrets.token_urlsafe(60)}"\n'
        "# a comment\n"
        "SITE_DOMAIN=buurt.example.nl\n"
        "DEFAULT_FROM_EMAIL=De Buurtontdekkers <noreply@example.nl>\n"
        "ADMINS=Beheer <beheer@example.nl>\n"
    )
    result = _deploy_check(ENV_FILE=str(env_file))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   SECRET_KEY" in result.stdout
