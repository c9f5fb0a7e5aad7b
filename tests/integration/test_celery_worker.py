"""A real Celery worker process against the real Redis round-trips a task."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from buurtontdekkers.celery import app, ping

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(redis_url):
    env = {**os.environ, "CELERY_BROKER_URL": redis_url, "CELERY_RESULT_BACKEND": redis_url}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "buurtontdekkers",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    yield proc
    proc.terminate()
    proc.wait(timeout=30)


def _forget_backend() -> None:
    # Celery makes the result backend once per thread from its configuration.
    with contextlib.suppress(AttributeError):
        del app._local.backend


@pytest.mark.integration
def test_worker_round_trips_a_task_through_redis(worker, redis_url):
    # The app has no result backend (nothing reads a result); this test reads one.
    backend = app.conf.result_backend
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    _forget_backend()
    try:
        result = ping.apply_async()
        assert result.get(timeout=60) == "pong"
    finally:
        app.conf.update(task_always_eager=True, result_backend=backend)
        _forget_backend()


def test_reliable_defaults_are_configured(settings):
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 5
