"""gunicorn + a Celery worker on loopback against a benchmark database, for the HTTP benchmarks.

Production settings (DJANGO_ENV=production, DEBUG off, manifest static files collected into a
temporary STATIC_ROOT, secure cookies) with SECURE_SSL_REDIRECT=false, a bench SECRET_KEY and
ALLOWED_HOSTS=127.0.0.1. Clients send `X-Forwarded-Proto: https`, as the TLS proxy in front of
the real deployment does, so Django treats requests as secure (CSRF referer checks included).
The database name must contain "bench" (benchmarks replace data).
"""

import http.client
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/14"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/9"
PASSWORD = "bench-wachtwoord-7263"  # noqa: S105 - bench users in a bench database only


def bench_environment(workdir: Path) -> dict:
    """Point os.environ at the bench database, Redis and production-like settings; return it."""
    from benchmarks.project_pages import _use_bench_database
    from buurtontdekkers.firm import EXAMPLE

    _use_bench_database()  # refuses a database whose name lacks "bench"; creates it if missing
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DJANGO_ENV": "production",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER_URL),
            # As in production: one Redis cache shared by every gunicorn worker.
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", DEFAULT_CACHE_URL),
            "BENCH_STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # The firm's details an order confirmation names (production leaves them empty
            # and refuses to generate): the examples.
            **{f"FIRM_{key.upper()}": value for key, value in EXAMPLE.items()},
        }
    )
    os.environ.pop("CELERY_RESULT_BACKEND", None)
    return dict(os.environ)


def django_setup() -> None:
    import warnings

    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - loopback only
                if r.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def workdir():
    path = Path(tempfile.mkdtemp(prefix="buurt-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def running(workers: int = 3, celery: bool = False, log: Path | None = None, threads: int = 1):
    """Start gunicorn (and a Celery worker) with os.environ; yield the base URL; stop them.
    With `threads` above 1 gunicorn runs gthread workers, else sync workers."""
    port = free_port()
    out = open(log or os.devnull, "ab")  # noqa: SIM115
    server = worker = None
    try:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "buurtontdekkers.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "60",
             "--threads", str(threads)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        if celery:
            worker = subprocess.Popen(
                ["nice", "-n", "10", sys.executable, "-m", "celery", "-A", "buurtontdekkers",
                 "worker", "--pool=prefork", "--concurrency=1", "--loglevel=WARNING"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        _wait_http(base + "/healthz", server)
        if celery:
            _wait_worker(worker)
        yield base
    finally:
        _stop(worker)
        _stop(server)
        out.close()


def _wait_worker(worker: subprocess.Popen, seconds: float = 60) -> None:
    from buurtontdekkers.celery import app

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"Celery worker exited with {worker.returncode}")
        if app.control.ping(timeout=1):
            return
    raise RuntimeError("No Celery worker answered a ping (is Redis up on 127.0.0.1?)")


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send Secure cookies over plain HTTP: the TLS proxy is left out on loopback."""

    def return_ok_secure(self, cookie, request):
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A logged-in user agent over urllib: cookie jar, CSRF token, no redirect following."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar(LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )
        self.headers = {"X-Forwarded-Proto": "https", "Referer": "https://" + base.split("//")[1]}

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=self.headers)  # noqa: S310
        try:
            with self.opener.open(req, timeout=60) as r:  # noqa: S310 - loopback only
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:  # 3xx (not followed), 4xx, 5xx
            return e.code, e.read().decode(errors="replace")

    def login(self, email: str, password: str = PASSWORD) -> "Browser":
        status, html = self.request("/account/login/")
        token = csrf_token(html)
        status, _ = self.request(
            "/account/login/",
            {"csrfmiddlewaretoken": token, "username": email, "password": password},
        )
        if status != 302:
            raise RuntimeError(f"Login of {email} answered {status}, not the 302 redirect")
        return self

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("No CSRF token in the page")
    return match.group(1)


def bench_user(email: str, **fields):
    """A user with the bench password (set once; Argon2 is slow on purpose)."""
    from projects.models import User

    user, _ = User.objects.get_or_create(email=email, defaults=fields)
    for name, value in fields.items():
        setattr(user, name, value)
    if not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
    user.save()
    return user


def timed_get(base: str, path: str, headers: dict) -> tuple[int, float]:
    """One GET on a fresh connection (gunicorn's sync workers close it anyway): status, ms."""
    host, port = base.split("//")[1].split(":")
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    return response.status, (time.perf_counter() - started) * 1000


def seed_dashboard(activities: int, entries: int):
    """benchmarks/dashboard.py's project. A project on which load_mix.py generated order
    confirmations cannot be deleted (they are final), so it is renamed out of the way first."""
    from benchmarks.dashboard import SLUG, _seed
    from projects.models import Project

    for project in Project.objects.filter(slug=SLUG, order_confirmations__isnull=False).distinct():
        Project.objects.filter(pk=project.pk).update(slug=f"{SLUG}-old-{project.pk}")
    seeded = _seed(activities, entries)
    # Vacuumed and with statistics for the rows just loaded, as a database in use is: without,
    # autovacuum works through them during the first minute of a run, and until its ANALYZE
    # the query plans are guesses. (Autocommit: VACUUM refuses a transaction.)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return seeded
