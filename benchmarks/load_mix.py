"""Load and soak: a realistic mix on gunicorn + PostgreSQL + Redis + a Celery worker; nothing lost.

Seeds the benchmark project of benchmarks/dashboard.py (5,000 activities, 1,000 impact entries,
an agreed agreement) in a database whose name contains "bench", starts gunicorn (3 sync workers)
and a Celery worker with production settings on loopback (see benchmarks/_server.py), then runs
locust for a bounded time with, per 50 users, about 40 clients reading the dashboard (1-3 s
think time), 9 designers posting the quick-log form with a unique title each (2-5 s) and now
and then opening the project page, and one admin generating order confirmations (3-6 s; like
a person, the admin opens the panel and clicks generate only when it offers the form, i.e.
when no confirmation is being made).

It runs twice for --seconds each: first this mix alone, then the same mix with one hostile user
added (a progress report from year 1, the same quick-log form sent twice at once with one
token, a 3 MB body), and prints the normal users' p95 of both runs side by side.

Afterwards it checks in the database that every activity that got its 302 exists, that each
double post made exactly one activity, that no hostile request got a 5xx, that every generate
request that was not refused made a confirmation, and that every confirmation made in the run
ends `ready` within --settle seconds. Prints requests/s, p50, p95 and errors per kind.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/buurt_bench_load \
    BENCH_BROKER_URL=redis://127.0.0.1:6379/14 .venv/bin/python benchmarks/load_mix.py \
        [--users 50] [--seconds 60] [--settle 120] [--workers 3]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _server  # noqa: E402
from benchmarks._locust_run import p95_without_logins, print_rows, run_locust  # noqa: E402


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--settle", type=int, default=120, help="seconds for PDFs to finish")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--steady",
        action="store_true",
        help="warm the server up first (15 s, not reported), then count from the moment every "
        "user is spawned (the burst of logins left out)",
    )
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    # A database of its own: the confirmations made here may not be deleted, which would stop
    # the other benchmarks from reseeding their project in buurt_bench.
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/buurt_bench_load")
    with _server.workdir() as work:
        _server.bench_environment(work)
        _server.django_setup()
        from django.db import connection
        from django.urls import reverse

        from cocreation.models import OrderConfirmation
        from projects.models import Activity

        project, client, designer = _server.seed_dashboard(5_000, 1_000)
        _server.bench_user(client.email)
        _server.bench_user(designer.email, role="designer")
        admin = _server.bench_user("bench-admin@example.org", name="Bench Admin", role="admin")
        phase = project.phases.get(is_current=True)
        env = {
            "BENCH_CLIENT_EMAIL": client.email,
            "BENCH_DESIGNER_EMAIL": designer.email,
            "BENCH_ADMIN_EMAIL": admin.email,
            "BENCH_DASHBOARD_PATH": reverse("dashboard:dashboard", args=[project.slug]),
            "BENCH_PROJECT_PATH": project.get_absolute_url(),
            "BENCH_ACTIVITY_PATH": reverse("projects:activity_create", args=[project.slug]),
            "BENCH_CONFIRM_PATH": reverse("cocreation:confirmation_generate", args=[project.slug]),
            "BENCH_LIST_PATH": reverse("cocreation:confirmations", args=[project.slug]),
            "BENCH_REPORT_PATH": reverse("dashboard:report_request", args=[project.slug]),
            "BENCH_PHASE_ID": str(phase.pk),
            "BENCH_THEME_ID": str(project.themes.first().pk),
            "BENCH_RECORD": str(work / "record.jsonl"),
        }
        (work / "record.jsonl").touch()
        connection.close()
        with _server.running(workers=args.workers, celery=True, log=work / "server.log") as base:
            started = time.monotonic()
            mix = ["MixClient", "MixDesigner", "MixAdmin"]
            if args.steady:
                # A server just started is slow for a while (each worker imports, compiles its
                # templates, opens its connections): a run of 15 s first, not reported.
                run_locust(base, mix, args.users, 10, 15, work / "warm-up", env)
            calm = run_locust(
                base, mix, args.users, 10, args.seconds, work / "calm", env, steady=args.steady
            )
            rows = run_locust(
                base, [*mix, "MixHostile"], args.users + 1, 10, args.seconds, work / "hostile",
                env, steady=args.steady,
            )  # fmt: skip
            for title, table in [("the mix alone", calm), ("with one hostile user", rows)]:
                print(
                    f"\n{title}: locust on gunicorn ({args.workers} sync workers) + PostgreSQL + "
                    f"Redis + Celery worker, {args.users} users, {args.seconds} s, production "
                    "settings"
                )
                print_rows(table, args.seconds)
            for title, folder in [("alone", "calm"), ("with the hostile user", "hostile")]:
                count, p95 = p95_without_logins(work / folder)
                print(
                    f"\noverall p95 of the normal users {title} (every kind, logins left "
                    f"out): {p95:.0f} ms over {count} requests"
                )
            print("\nnormal users' p95 (ms), alone -> with the hostile user:")
            alone = {row["Name"]: row["95%"] for row in calm}
            for row in rows:
                name = row["Name"]
                if name in alone and name != "Aggregated" and not name.startswith("login"):
                    print(f"  {name[:40]:40} {alone[name]:>7} -> {row['95%']:>7}")
            hostile_failures = sum(
                int(row["Failure Count"]) for row in rows if row["Name"].startswith("hostile")
            )

            # Nothing lost: read back what the load tool was told had succeeded.
            records = [
                json.loads(line) for line in Path(env["BENCH_RECORD"]).read_text().splitlines()
            ]
            titles = {r["title"] for r in records if r["kind"] == "activity"}
            stored = set(
                Activity.objects.filter(project=project, title__in=titles).values_list(
                    "title", flat=True
                )
            )
            posts = [r for r in records if r["kind"] == "confirmation"]
            accepted = {r["fee"] for r in posts if not r["refused"]}
            refusals = sorted({r["refused"] for r in posts if r["refused"]})
            made = OrderConfirmation.objects.filter(project=project)
            made_fees = {f"{fee:.2f}" for fee in made.values_list("fee", flat=True)}
            deadline = time.monotonic() + args.settle
            while made.filter(status__in=OrderConfirmation.IN_PROGRESS).exists():
                if time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            statuses = dict.fromkeys(OrderConfirmation.Status.values, 0)
            for status in made.values_list("status", flat=True):
                statuses[status] += 1
            print(f"\nafter the run (checked {time.monotonic() - started:.0f} s after the start):")
            print(
                f"  activities: {len(titles)} got their 302, {len(stored)} in the database, "
                f"missing {len(titles - stored)}"
            )
            print(
                f"  confirmations: {len(posts)} generate requests, "
                f"{len(posts) - len(accepted)} refused {refusals}, "
                f"{len(accepted)} accepted, {made.count()} rows, "
                f"missing {len(accepted - made_fees)}; status {statuses}"
            )
            doubles = [r["title"] for r in records if r["kind"] == "double"]
            double_rows = Activity.objects.filter(project=project, title__in=doubles)
            duplicated = len(doubles) - double_rows.count()
            print(
                f"  double posts: {len(doubles)} pairs sent, {double_rows.count()} activities "
                f"made ({'one each' if not duplicated else 'NOT one each'}); "
                f"hostile requests refused wrongly or with a 5xx: {hostile_failures}"
            )
            oversized = [r["status"] for r in records if r["kind"] == "oversized"]
            print(
                f"  3 MB bodies: {oversized.count(400)} answered 400, {oversized.count(0)} closed "
                "by the server before the client finished sending"
            )
            lost = len(titles - stored) + len(accepted - made_fees) + abs(duplicated)
            lost += hostile_failures
            unfinished = made.exclude(status=OrderConfirmation.Status.READY).count()
            print(
                "  nothing lost" if not lost and not unfinished
                else f"  LOST {lost}, NOT READY {unfinished}"
            )  # fmt: skip
        if lost or unfinished:
            sys.exit(1)


if __name__ == "__main__":
    main()
