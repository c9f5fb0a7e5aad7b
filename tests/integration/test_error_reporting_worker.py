"""A real Celery worker started with SENTRY_DSN reports a failing task to Sentry (here a small
HTTP server on loopback standing in for it), scrubbed: the worker reaches core.errors through
the settings it loads, as the web processes do."""

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from celery import Celery

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
RESIDENT_EMAIL = "fatima@example.org"


def _decoded(body: bytes, encoding: str) -> str:
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "br":
        import brotli

        body = brotli.decompress(body)
    return body.decode()


@pytest.fixture
def sentry_server():
    """Answers like Sentry's envelope endpoint and keeps the events it receives."""
    events = []

    class Envelopes(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            lines = _decoded(body, self.headers.get("Content-Encoding", "")).splitlines()
            for header, payload in zip(lines[1::2], lines[2::2], strict=False):
                if json.loads(header).get("type") == "event":
                    events.append(payload)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], events
    server.shutdown()


@pytest.fixture
def worker(redis_url, sentry_server):
    port, _ = sentry_server
    env = {
        **os.environ,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": "",
        "SENTRY_DSN": f"http://public@127.0.0.1:{port}/1",
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "buurtontdekkers",
            "worker",
            "--pool=solo",
            "--loglevel=ERROR",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"sentry-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
    )
    yield proc
    proc.terminate()
    proc.wait(timeout=30)


def test_a_failing_task_in_the_worker_reaches_sentry_scrubbed(worker, sentry_server, redis_url):
    _, events = sentry_server
    # A sender of its own, so the project's app keeps its configuration for other tests. ping
    # takes no arguments: the worker fails the task with a TypeError.
    with Celery("sender", broker=redis_url) as sender:
        sender.send_task("buurtontdekkers.ping", args=[RESIDENT_EMAIL], ignore_result=True)
    deadline = time.monotonic() + 60
    while not events and time.monotonic() < deadline:
        time.sleep(0.2)
    assert events, "the worker reported nothing"
    event = json.loads(events[0])
    assert event["exception"]["values"][-1]["type"] == "TypeError"
    assert event["transaction"] == "buurtontdekkers.ping"
    assert "extra" not in event  # where the SDK puts the task's arguments
    assert RESIDENT_EMAIL not in events[0]
