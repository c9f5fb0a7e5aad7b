"""Order confirmations through a real Celery worker and a real Redis: a worker killed mid-render
and a broker down at the click still end in a ready PDF."""

import contextlib
import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from kombu import pools

from buurtontdekkers.celery import app
from cocreation import services
from cocreation.models import OrderConfirmation
from tests.conftest import need_service
from tests.factories import agreed_version_for, build_agreed_agreement

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
OWN_REDIS_PORT = 6390
LONG = "\n\n".join(
    f"Alinea {n}: buren ontmoeten elkaar op het plein en praten verder." for n in range(600)
)


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    )


@contextlib.contextmanager
def broker(url: str):
    """Point this process's Celery app at `url`, not eager, and back afterwards. Celery reads
    CELERY_BROKER_URL from the environment before its own configuration."""
    before_env = os.environ.get("CELERY_BROKER_URL")
    before_eager = app.conf.task_always_eager

    def reset_pool():
        # Connections are pooled per URL, in the app and in kombu's global producer pools.
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
        pools.reset()

    reset_pool()
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.update(task_always_eager=False)
    try:
        yield
    finally:
        reset_pool()
        if before_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = before_env
        app.conf.update(task_always_eager=before_eager)


def start_worker(broker_url: str, media: Path, pool: str = "solo") -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": "",
        "MEDIA_ROOT": str(media),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "buurtontdekkers",
            "worker",
            f"--pool={pool}",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"confirm-{os.getpid()}-{time.monotonic_ns()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for(predicate, timeout: float = 60, every: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(every)
    raise AssertionError("timed out waiting")


def status_of(pk: int) -> str:
    return OrderConfirmation.objects.values_list("status", flat=True).get(pk=pk)


def flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def queue_url(redis_url):
    need_service("PostgreSQL", connection.vendor == "postgresql")
    url = redis_url.rsplit("/", 1)[0] + "/13"
    flush(url)
    yield url
    flush(url)


def _long_agreement(world):
    """An agreed version long enough (many pages) to be killed in the middle of its render."""
    return SimpleNamespace(version=agreed_version_for(world.project_a, ambition=LONG))


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_worker_child_killed_mid_render_is_redelivered_and_ends_ready(world, media, queue_url):
    built = _long_agreement(world)
    worker = start_worker(queue_url, media, pool="prefork")
    try:
        with broker(queue_url):
            confirmation = services.order_confirmation_generate(
                actor=world.admin, version=built.version, fee=Decimal(1), hours=1
            )
        wait_for(lambda: status_of(confirmation.pk) == "rendering")
        child = wait_for(lambda: _children(worker.pid))[0]
        os.kill(child, signal.SIGKILL)  # reject_on_worker_lost puts the message back
        wait_for(lambda: status_of(confirmation.pk) == "ready", timeout=90, every=0.2)
    finally:
        stop(worker)
    confirmation.refresh_from_db()
    assert confirmation.attempts >= 2
    assert [p.name for p in media.rglob("*.pdf")] == [f"{confirmation.number}.pdf"]


def test_whole_worker_killed_mid_render_ends_ready_after_restart_and_sweep(world, media, queue_url):
    built = _long_agreement(world)
    worker = start_worker(queue_url, media)
    try:
        with broker(queue_url):
            confirmation = services.order_confirmation_generate(
                actor=world.admin, version=built.version, fee=Decimal(1), hours=1
            )
            wait_for(lambda: status_of(confirmation.pk) == "rendering")
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            assert status_of(confirmation.pk) == "rendering"
            worker = start_worker(queue_url, media)
            # The unacked message only comes back after the visibility timeout; the sweep
            # (on beat every minute) does not wait that long.
            assert services.order_confirmation_sweep(older_than=datetime.timedelta(0)) == 1
            wait_for(lambda: status_of(confirmation.pk) == "ready", timeout=90, every=0.2)
    finally:
        stop(worker)
    assert [p.name for p in media.rglob("*.pdf")] == [f"{confirmation.number}.pdf"]


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def test_redis_down_at_the_click_stays_queued_then_the_sweep_delivers(
    client, world, media, redis_url
):
    need_service("PostgreSQL", connection.vendor == "postgresql")
    assert _free(OWN_REDIS_PORT), "port for the throw-away Redis is taken"
    url = f"redis://127.0.0.1:{OWN_REDIS_PORT}/0"
    build_agreed_agreement(world)
    client.force_login(world.admin)
    data = {"confirmation-fee": "5000", "confirmation-hours": "40"}
    with broker(url):
        started = time.monotonic()
        response = client.post(
            reverse("cocreation:confirmation_generate", args=[world.project_a.slug]),
            data,
            HTTP_HX_REQUEST="true",
        )
        assert time.monotonic() - started < 15  # fails fast, never hangs the request
        assert response.status_code == 200
        confirmation = OrderConfirmation.objects.get()
        assert confirmation.status == "queued"
        assert confirmation.number in response.content.decode()

        redis_server = subprocess.Popen(
            ["redis-server", "--port", str(OWN_REDIS_PORT), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        worker = None
        try:
            wait_for(lambda: not _free(OWN_REDIS_PORT), timeout=10)
            worker = start_worker(url, media)
            # The confirmation and the residents' group's copy without the money.
            assert services.order_confirmation_sweep(older_than=datetime.timedelta(0)) == 2
            wait_for(lambda: status_of(confirmation.pk) == "ready", timeout=90, every=0.2)
        finally:
            if worker:
                stop(worker)
            redis_server.terminate()
            redis_server.wait(timeout=10)
