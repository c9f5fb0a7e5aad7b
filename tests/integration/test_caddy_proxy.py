"""The repository's Caddyfile, run by Debian's caddy in front of gunicorn on loopback.

The client connects from 127.0.0.2, Caddy from 127.0.0.1: so the throttle can tell the real
client from the proxy, and from the X-Forwarded-For the client forges. With TRUSTED_PROXY_COUNT
other than 1, or a Caddyfile that passes the client's own X-Forwarded-For on, these fail.
"""

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings

from tests.conftest import need_service
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
CLIENT = "127.0.0.2"
PASSWORD = "een-lang-en-goed-wachtwoord"  # noqa: S105 - a test account's password


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(port: int, process: subprocess.Popen, name: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not listen on {port} within {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _database_url() -> str:
    db = django_settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def proxied(transactional_db, tmp_path):
    """gunicorn (1 worker, TRUSTED_PROXY_COUNT=1) behind `caddy run` with our Caddyfile."""
    need_service("caddy (scripts/system_deps.sh installs it)", shutil.which("caddy") is not None)
    app_port, proxy_port, admin_port = _free_port(), _free_port(), _free_port()
    app_log, proxy_log = tmp_path / "gunicorn.log", tmp_path / "caddy.log"
    app_env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "",
        "REDIS_URL": "",
    }
    proxy_env = {
        **os.environ,
        "SITE_DOMAIN": f"http://:{proxy_port}",
        "UPSTREAM": f"127.0.0.1:{app_port}",
        "CADDY_ADMIN": f"localhost:{admin_port}",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    with open(app_log, "wb") as app_out, open(proxy_log, "wb") as proxy_out:
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "buurtontdekkers.wsgi:application",
             "--bind", f"127.0.0.1:{app_port}", "--workers", "1"],
            cwd=ROOT, env=app_env, stdout=app_out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        proxy = subprocess.Popen(
            ["caddy", "run", "--config", str(ROOT / "Caddyfile"), "--adapter", "caddyfile"],
            cwd=tmp_path, env=proxy_env, stdout=proxy_out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait(app_port, app, "gunicorn")
            _wait(proxy_port, proxy, "caddy")
            yield Proxied(proxy_port, app_log, proxy_log)
        finally:
            _stop(proxy)
            _stop(app)


class Proxied:
    def __init__(self, port, app_log, proxy_log):
        self.port, self.app_log, self.proxy_log = port, app_log, proxy_log

    def request(self, method, path, *, source=CLIENT, headers=None, body=None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        try:
            conn.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
            response = conn.getresponse()
            body = response.read()
            if response.getheader("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, response.getheaders(), body.decode()
        finally:
            conn.close()

    def post_oversized(self, path, size):
        """POST `size` bytes of a form on a raw socket (Caddy may answer and close before all
        is sent); return the status and the body of the answer."""
        with socket.create_connection(("127.0.0.1", self.port), source_address=(CLIENT, 0)) as sock:
            head = f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {size}\r\n"
            sock.sendall(
                f"{head}Connection: close\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode()
            )
            try:
                for _ in range(size // 65536):
                    sock.sendall(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            sock.settimeout(10)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        return int(head.split()[1]), body.decode()

    def login(self, email, password, *, source=CLIENT, forged=None):
        """GET the form (for its CSRF token), POST it. Returns the POST's status."""
        status, headers, page = self.request("GET", "/account/login/", source=source)
        assert status == 200, page[:300]
        cookie = next(v for k, v in headers if k.lower() == "set-cookie" and "csrftoken" in v)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        extra = {"X-Forwarded-For": forged} if forged else {}
        status, _, _ = self.request(
            "POST",
            "/account/login/",
            source=source,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie.split(";")[0],
                **extra,
            },
            body=urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password}),
        )
        return status


def test_the_caddyfile_is_valid_for_a_real_domain():
    need_service("caddy (scripts/system_deps.sh installs it)", shutil.which("caddy") is not None)
    env = {**os.environ, "SITE_DOMAIN": "buurt.example.nl"}
    check = subprocess.run(
        ["caddy", "validate", "--config", str(ROOT / "Caddyfile"), "--adapter", "caddyfile"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr[-2000:]
    assert "Valid configuration" in check.stdout + check.stderr


@pytest.fixture
def account(settings):
    # A hasher the gunicorn process knows (the suite's fast MD5 is configured in-process only).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    return UserFactory(email="anna@example.org", password=PASSWORD)


@pytest.mark.integration
def test_forged_forwarded_for_neither_hides_nor_frames_the_client(proxied, account):
    statuses = [proxied.login(account.email, "fout", forged=f"203.0.113.{n}") for n in range(5)]
    # Five wrong passwords through the proxy lock the pair out, whatever the client forged.
    assert statuses == [200, 200, 200, 200, 429]
    assert proxied.login(account.email, PASSWORD, forged="198.51.100.1") == 429
    counted = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert counted == {CLIENT}
    # Someone else at another address (not the proxy's 127.0.0.1 for everyone) still gets in.
    assert proxied.login(account.email, PASSWORD, source="127.0.0.3") == 302


@pytest.mark.integration
def test_the_real_client_address_reaches_both_access_logs(proxied, account):
    status, _, _ = proxied.request("GET", "/healthz", headers={"X-Forwarded-For": "203.0.113.7"})
    assert status == 200
    time.sleep(0.5)  # the loggers write asynchronously
    proxy_lines = [json.loads(line) for line in proxied.proxy_log.read_text().splitlines()]
    access = [line for line in proxy_lines if line.get("logger", "").startswith("http.log.access")]
    assert access and access[-1]["request"]["remote_ip"] == CLIENT
    app_lines = [line for line in proxied.app_log.read_text().splitlines() if "/healthz" in line]
    assert app_lines and app_lines[-1].startswith(f'{CLIENT} "GET /healthz')
    assert "203.0.113.7" not in app_lines[-1]


@pytest.mark.integration
def test_the_proxy_compresses_and_refuses_oversized_bodies_in_dutch(proxied, account):
    status, headers, page = proxied.request(
        "GET", "/account/login/", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert 'name="password"' in page
    assert dict((k.lower(), v) for k, v in headers)["content-encoding"] == "gzip"
    status, page = proxied.post_oversized("/account/login/", 110 * 1024 * 1024)
    assert status == 413
    assert "te groot" in page


@pytest.mark.integration
def test_a_body_the_size_of_several_photos_reaches_django(proxied, account):
    # Three phone photos' worth: not the proxy's to refuse. Django answers (here its Dutch
    # CSRF page: this raw POST carries no cookie), after Caddy took the whole body in.
    status, page = proxied.post_oversized("/account/login/", 15 * 1024 * 1024)
    assert status == 403
    assert "Dit formulier is verlopen" in page
