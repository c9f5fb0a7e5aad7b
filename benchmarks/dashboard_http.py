"""The client dashboard behind gunicorn: latency against a baseline, then under load.

Seeds (as benchmarks/dashboard.py does) one project with 5,000 activities and 1,000 impact
entries in a database whose name contains "bench", starts gunicorn (3 sync workers, as the
Dockerfile) with production settings on a free loopback port (see benchmarks/_server.py), logs
the client contact in through the login form and, over HTTP:

1. times N=50 sequential requests (after 5 warm-up) of (a) a minimal authenticated view and
   (b) the dashboard, and prints their medians and the ratio (b)/(a);
2. runs locust with 50 users that reload the dashboard without pause for 60 s and prints
   requests/s, p50, p95 and errors (any answer but 200 -- a redirect to the login page is
   one -- and connection failures).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/buurt_bench .venv/bin/python \
        benchmarks/dashboard_http.py [--requests 50] [--users 50] [--seconds 60] [--workers 3]
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _server  # noqa: E402
from benchmarks._locust_run import print_rows, run_locust  # noqa: E402

WARM_UP = 5


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--activities", type=int, default=5_000)
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (above 1: gthread workers)"
    )
    return parser.parse_args()


def _median(base: str, path: str, headers: dict, n: int) -> float:
    for _ in range(WARM_UP):
        status, _ms = _server.timed_get(base, path, headers)
        if status != 200:
            sys.exit(f"{path} answered {status}, not 200")
    timings = []
    for _ in range(n):
        status, ms = _server.timed_get(base, path, headers)
        if status != 200:
            sys.exit(f"{path} answered {status}, not 200")
        timings.append(ms)
    return statistics.median(timings)


def main() -> None:
    args = _arguments()
    with _server.workdir() as work:
        _server.bench_environment(work)
        _server.django_setup()
        from django.db import connection
        from django.urls import reverse

        project, client, _designer = _server.seed_dashboard(args.activities, args.entries)
        _server.bench_user(client.email)
        connection.close()
        dashboard = reverse("dashboard:dashboard", args=[project.slug])
        baseline = reverse("bench_ok")
        with _server.running(
            workers=args.workers, threads=args.threads, log=work / "server.log"
        ) as base:
            browser = _server.Browser(base).login(client.email)
            headers = {**browser.headers, "Cookie": browser.cookie_header()}
            a = _median(base, baseline, headers, args.requests)
            b = _median(base, dashboard, headers, args.requests)
            print(
                f"\ngunicorn ({args.workers} workers x {args.threads} threads), PostgreSQL, "
                "DEBUG off, production "
                f"settings; {args.activities} activities, {args.entries} impact entries; "
                f"{args.requests} sequential requests each after {WARM_UP} warm-up"
            )
            print(f"  (a) minimal authenticated view  {a:8.2f} ms")
            print(f"  (b) dashboard as client         {b:8.2f} ms   ratio (b)/(a) {b / a:.1f}x")
            rows = run_locust(
                base, ["DashboardLoad"], args.users, args.users, args.seconds, work,
                {"BENCH_CLIENT_EMAIL": client.email, "BENCH_DASHBOARD_PATH": dashboard},
            )  # fmt: skip
            print(f"\nlocust: {args.users} users without pause for {args.seconds} s on loopback")
            print_rows(rows, args.seconds)


if __name__ == "__main__":
    main()
