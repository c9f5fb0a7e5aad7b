"""Security headers on every page, and the production settings behind HTTPS (issue 8)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def page(client, world):
    client.force_login(world.designer)
    return client.get(f"/projecten/{world.project_a.slug}/")


def test_page_has_a_csp_without_unsafe_inline_or_eval_for_scripts(page):
    assert page.status_code == 200
    directives = _directives(page["Content-Security-Policy"])
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert directives["object-src"] == ["'none'"]


def test_page_may_not_be_framed(page):
    directives = _directives(page["Content-Security-Policy"])
    assert page["X-Frame-Options"] == "DENY" or directives.get("frame-ancestors") == ["'none'"]


def test_page_forbids_content_type_sniffing(page):
    assert page["X-Content-Type-Options"] == "nosniff"


def test_page_sends_a_referrer_policy(page):
    assert page["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }


def test_login_page_for_anonymous_has_the_same_headers(client, db):
    response = client.get("/account/login/")
    assert "'unsafe-inline'" not in _directives(response["Content-Security-Policy"])["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "SECURE_PROXY_SSL_HEADER",
]}))
"""


@pytest.fixture(scope="module")
def production_settings():
    env = {
        **{name: value for name, value in os.environ.items() if name != "DEBUG"},
        "DJANGO_SETTINGS_MODULE": "buurtontdekkers.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "buurtontdekkers.example.org",
        "SITE_URL": "https://buurtontdekkers.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_with_subdomains(production_settings):
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True


def test_production_cookies_are_sent_over_https_only(production_settings):
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True


def test_production_runs_without_debug(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production_settings["X_FRAME_OPTIONS"] == "DENY"
