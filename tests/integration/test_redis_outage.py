"""Redis down at the click: the click still answers within a second with the row queued, the
pages that need no Redis keep answering, and the sweep finishes the job once Redis is back.

The test runs its own throw-away redis-server on a free port; the shared Redis is never stopped.
"""

import contextlib
import datetime
import shutil
import socket
import subprocess
import time

import pytest
from django.db import connection
from django.urls import reverse

from buurtontdekkers.celery import app
from dashboard import services
from dashboard.models import ProgressReport
from tests.conftest import need_service
from tests.integration.test_confirmation_worker import broker, start_worker, stop, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ONE_SECOND = 1.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


class OwnRedis:
    """A redis-server of this test alone, without persistence, to stop and start at will."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"]
            + ["--daemonize", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: _answers(self.port), timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not _answers(self.port)


@pytest.fixture
def own_redis():
    need_service("redis-server", shutil.which("redis-server") is not None)
    need_service("PostgreSQL", connection.vendor == "postgresql")
    redis = OwnRedis()
    redis.start()
    yield redis
    redis.stop()


@contextlib.contextmanager
def served_by(url: str, settings):
    """The app with everything it keeps in Redis on `url`. As deployed (docker-compose.yml) one
    Redis serves the broker, the cache and, when the settings configure one, the result
    backend, so all of them are down together."""
    backend_before = app.conf.result_backend
    if backend_before:
        app.conf.result_backend = url
    with contextlib.suppress(AttributeError):
        del app._local.backend  # the backend is made once per thread from the configuration
    settings.CELERY_BROKER_URL = url  # what /healthz checks
    cache = settings.CACHES["default"]
    if cache["BACKEND"] == "core.cache.ForgivingRedisCache":
        settings.CACHES = {"default": {**cache, "LOCATION": url}}
    try:
        with broker(url):
            yield
    finally:
        app.conf.result_backend = backend_before
        with contextlib.suppress(AttributeError):
            del app._local.backend


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_report_asked_for_while_redis_is_down_answers_at_once_and_is_made_when_it_is_back(
    client, world, own_redis, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    world.project_a.start_date = datetime.date(2025, 1, 1)
    world.project_a.save()
    client.force_login(world.client_a)
    url = reverse("dashboard:report_request", args=[world.project_a.slug])
    data = {"report-period_start": "2026-01-01", "report-period_end": "2026-03-31"}

    with served_by(own_redis.url, settings):
        own_redis.stop()
        response, took = _timed(lambda: client.post(url, data, HTTP_HX_REQUEST="true"))
        assert response.status_code == 200
        assert took < ONE_SECOND, f"the click took {took:.2f} s with Redis down"
        report = ProgressReport.objects.get()
        assert report.status == ProgressReport.Status.QUEUED
        assert "In de wachtrij" in response.content.decode()

        own_redis.start()
        worker = start_worker(own_redis.url, tmp_path)
        try:
            assert services.progress_report_sweep(older_than=datetime.timedelta(0)) == 1
            wait_for(lambda: _status(report.pk) not in ProgressReport.IN_PROGRESS, timeout=90)
        finally:
            stop(worker)
    report.refresh_from_db()
    assert report.is_ready, report.error
    assert report.pdf.read().startswith(b"%PDF")


def test_login_page_and_healthz_answer_at_once_while_redis_is_down(
    client, world, own_redis, settings
):
    with served_by(own_redis.url, settings):
        own_redis.stop()
        login, login_took = _timed(lambda: client.get(reverse("login")))
        health, health_took = _timed(lambda: client.get("/healthz"))
    assert login.status_code == 200 and login_took < ONE_SECOND
    # Liveness of the web process: it answers, and names the broker it cannot reach.
    assert health.status_code == 503 and health.json()["failing"] == ["broker"]
    assert health_took < ONE_SECOND


def _status(pk: int) -> str:
    return ProgressReport.objects.values_list("status", flat=True).get(pk=pk)
