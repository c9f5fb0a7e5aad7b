"""Locust users for benchmarks/dashboard_http.py and benchmarks/load_mix.py (not run on its own).

Every user logs in through the login form, sends `X-Forwarded-Proto: https` (the TLS proxy of
the real deployment) and does not follow redirects. The driver scripts pass the paths, e-mail
addresses and ids in BENCH_* environment variables; the quick-log titles that got their 302 and
the confirmation requests are appended as JSON lines to BENCH_RECORD for the after-run check.
"""

import itertools
import json
import os
import re
import secrets
import time
import uuid

from locust import HttpUser, between, constant, events, task

from benchmarks._server import PASSWORD

ENV = os.environ
RUN = uuid.uuid4().hex[:8]
# Unique numbers (titles, fees) also across the two locust runs of load_mix.py.
_counter = itertools.count(int(time.time() * 100) % 10**6)
ERROR = re.compile(r'class="(?:alert alert-danger|invalid-feedback[^"]*)"[^>]*>([^<]*)')


def _record(**row) -> None:
    with open(ENV["BENCH_RECORD"], "a") as f:
        f.write(json.dumps(row) + "\n")


_spawned = []  # not empty once every user is spawned


@events.spawning_complete.add_listener
def _all_spawned(**kwargs) -> None:
    _spawned.append(True)


@events.request.add_listener
def _timed(name, response_time, **kwargs) -> None:
    """Each request but the logins, with its milliseconds, to BENCH_TIMES when it is set (with
    BENCH_STEADY, from when every user is spawned): for a p95 over every kind at once."""
    if "BENCH_TIMES" not in ENV or name.startswith("login"):
        return
    if ENV.get("BENCH_STEADY") and not _spawned:
        return
    with open(ENV["BENCH_TIMES"], "a") as f:
        f.write(f"{name}\t{response_time}\n")


class _LoggedIn(HttpUser):
    abstract = True
    email_variable = ""

    def on_start(self):
        self.client.headers.update(
            {"X-Forwarded-Proto": "https", "Referer": "https://" + self.host.split("//")[1] + "/"}
        )
        page = self.client.get("/account/login/", name="login form")
        self.unsecure()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        with self.client.post(
            "/account/login/",
            data={
                "csrfmiddlewaretoken": token,
                "username": ENV[self.email_variable],
                "password": PASSWORD,
            },
            name="login POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login answered {response.status_code}")

    def unsecure(self) -> None:
        """Let the Secure cookies go over plain HTTP: the TLS proxy is left out on loopback.
        (requests copies the jar per request, so a cookie policy on it would not hold.)"""
        for cookie in self.client.cookies:
            cookie.secure = False

    def csrf(self) -> str:
        self.unsecure()
        return self.client.cookies.get("csrftoken")

    def _get(self, path: str, name: str):
        """A page that must answer 200: a redirect to the login page is an error here."""
        self.unsecure()
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")


class DashboardLoad(_LoggedIn):
    """dashboard_http.py: a client reloading the dashboard without pause."""

    email_variable = "BENCH_CLIENT_EMAIL"
    wait_time = constant(0)

    @task
    def dashboard(self):
        self._get(ENV["BENCH_DASHBOARD_PATH"], "dashboard")


class MixClient(_LoggedIn):
    """load_mix.py: a client reading the dashboard, now and then the page again."""

    email_variable = "BENCH_CLIENT_EMAIL"
    weight = 40
    wait_time = between(1, 3)

    @task
    def dashboard(self):
        self._get(ENV["BENCH_DASHBOARD_PATH"], "client: dashboard")


class MixDesigner(_LoggedIn):
    """load_mix.py: a designer logging activities with the quick-log form, each titled uniquely."""

    email_variable = "BENCH_DESIGNER_EMAIL"
    weight = 9
    wait_time = between(2, 5)

    @task(3)
    def quick_log(self):
        title = f"load-{RUN}-{next(_counter)}"
        data = {
            "csrfmiddlewaretoken": self.csrf(),
            "kind": "street_conversation",
            "title": title,
            "date": "2025-06-01",
            "residents_reached": "7",
            "new_contacts": "2",
            "location": "Plein",
            "notes": "Gesprek bij de bank op het plein.",
            "phase": ENV["BENCH_PHASE_ID"],
            "themes": ENV["BENCH_THEME_ID"],
        }
        with self.client.post(
            ENV["BENCH_ACTIVITY_PATH"],
            data=data,
            name="designer: quick-log POST",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code == 302:
                _record(kind="activity", title=title)
            else:
                r.failure(f"status {r.status_code}, not the 302 redirect")

    @task(1)
    def project_page(self):
        self._get(ENV["BENCH_PROJECT_PATH"], "designer: project page")


class MixAdmin(_LoggedIn):
    """load_mix.py: one admin generating order confirmations (htmx, as the button does)."""

    email_variable = "BENCH_ADMIN_EMAIL"
    fixed_count = 1
    wait_time = between(3, 6)

    @task
    def generate(self):
        """Like the admin: open the panel; click generate only when it offers the form."""
        self.unsecure()
        with self.client.get(
            ENV["BENCH_LIST_PATH"],
            name="admin: confirmations panel",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            if 'name="confirmation-fee"' not in r.text:
                return  # one is still being made: the button is not there
        fee = f"{1000 + next(_counter)}.00"
        with self.client.post(
            ENV["BENCH_CONFIRM_PATH"],
            data={
                "csrfmiddlewaretoken": self.csrf(),
                "confirmation-fee": fee,
                "confirmation-hours": "40",
            },
            headers={"HX-Request": "true"},
            name="admin: confirmation POST",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            error = ERROR.search(r.text)
            if error:
                r.failure(f"refused: {error.group(1).strip()}")
            _record(kind="confirmation", fee=fee, refused=error.group(1).strip() if error else "")


class MixHostile(_LoggedIn):
    """load_mix.py --hostile: one designer account abused as an outsider would: a report over
    two thousand years, the same quick-log form sent twice at once, a body of 3 MB. Each must be
    refused or carried out once, never a 5xx; the double posts are checked in the database."""

    email_variable = "BENCH_DESIGNER_EMAIL"
    fixed_count = 1
    wait_time = between(0.5, 1.5)

    def _post(self, path, name, data, expect):
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code >= 500 or r.status_code not in expect:
                r.failure(f"status {r.status_code}")
            return r.status_code

    @task
    def endless_report(self):
        data = {
            "csrfmiddlewaretoken": self.csrf(),
            "report-period_start": "0001-01-01",
            "report-period_end": "2026-01-01",
        }
        self._post(ENV["BENCH_REPORT_PATH"], "hostile: report 0001-2026", data, {200, 302})

    @task
    def double_post(self):
        from gevent.pool import Group

        title = f"double-{RUN}-{next(_counter)}"
        data = {
            "csrfmiddlewaretoken": self.csrf(),
            "once": secrets.token_urlsafe(24),
            "kind": "street_conversation",
            "title": title,
            "date": "2025-06-01",
            "residents_reached": "3",
            "new_contacts": "0",
            "phase": ENV["BENCH_PHASE_ID"],
            "themes": ENV["BENCH_THEME_ID"],
        }
        path, name = ENV["BENCH_ACTIVITY_PATH"], "hostile: same quick-log twice at once"
        statuses = Group().map(lambda _: self._post(path, name, data, {302}), range(2))
        _record(kind="double", title=title, statuses=statuses)

    @task
    def oversized_body(self):
        self.unsecure()
        with self.client.post(
            ENV["BENCH_ACTIVITY_PATH"],
            data={"csrfmiddlewaretoken": self.csrf(), "notes": "x" * 3_000_000},
            name="hostile: 3 MB body",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            # 400 (Django's Dutch page, refused by its Content-Length before reading it), or the
            # connection closed right after that answer while the client was still sending
            # (status 0): either way the server did not take the body in.
            if r.status_code in (400, 0):
                r.success()
                _record(kind="oversized", status=r.status_code)
            else:
                r.failure(f"status {r.status_code}, not 400")
