"""How fast are the project pages with a realistic amount of data?

Migrates a database of its own (default `buurt_bench`; the name must contain "bench", because
seed_volume replaces data), seeds volume data, then times in-process requests with Django's test
client as a logged-in designer: (a) a minimal authenticated view as the baseline, (b) the page
of the project with the most activities, warm (kept rendered), (c) the same page cold
(the generation bumped before each request), (d) posting the quick-log form, (e) the same
post to a view that does only the quick-log's database work, written out in SQL: a lower bound
for (d) on this machine (benchmarks/urls.py). Prints medians, ratios against (a) measured in the
same run, the SQL queries per request and the cache's hit ratio during (b).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/buurt_bench .venv/bin/python \
        benchmarks/project_pages.py [--requests 50] [--projects 50] [--activities 20000]
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/buurt_bench"
WARM_UP = 5


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per measurement")
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--no-seed", action="store_true", help="keep the volume data there is")
    return parser.parse_args()


def _use_bench_database() -> str:
    """Point DATABASE_URL at a benchmark database, creating it on PostgreSQL when missing."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    config = dj_database_url.parse(url)
    name = str(config["NAME"])
    if "bench" not in Path(name).name:
        sys.exit(
            f"Refusing to run against database {name!r}: its name must contain 'bench', "
            "because this script replaces data. Leave DATABASE_URL unset to use buurt_bench."
        )
    if config["ENGINE"] == "django.db.backends.postgresql":
        import psycopg
        from psycopg import sql

        server = {
            "host": config.get("HOST") or None,
            "port": config.get("PORT") or None,
            "user": config.get("USER") or None,
            "password": config.get("PASSWORD") or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    os.environ["DATABASE_URL"] = url
    return name


def _measure(requests: int, send, expect: int, before=None) -> tuple[float, int]:
    """Median milliseconds of `requests` calls of send(i), and the queries of one more call;
    `before()`, when given, runs before each call, untimed and uncounted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepare = before or (lambda: None)
    for i in range(WARM_UP):
        prepare()
        _check(send(-1 - i), expect)
    timings = []
    for i in range(requests):
        prepare()
        started = time.perf_counter()
        response = send(i)
        timings.append((time.perf_counter() - started) * 1000)
        _check(response, expect)
    prepare()
    with CaptureQueriesContext(connection) as queries:
        _check(send(requests), expect)
    return statistics.median(timings), len(queries)


def _check(response, expect: int) -> None:
    # A failing form answers 200 and would be measured as fast; stop instead.
    if response.status_code != expect:
        sys.exit(
            f"Expected {expect}, got {response.status_code} from {response.request['PATH_INFO']}"
        )


def main() -> None:
    args = _arguments()
    database = _use_bench_database()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtontdekkers.settings")
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic here
    import django

    django.setup()

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db.models import Count, F
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from dashboard import cache as dashboard_cache
    from projects.demo import VOLUME_PREFIX
    from projects.models import Project, User

    if settings.PRODUCTION:
        sys.exit("Refusing to run in production (DJANGO_ENV=production).")
    call_command("migrate", verbosity=0)
    if not args.no_seed:
        call_command("seed_volume", projects=args.projects, activities=args.activities)

    project = (
        Project.objects.filter(slug__startswith=VOLUME_PREFIX)
        .annotate(n=Count("activities"))
        .order_by("-n", "slug")
        .first()
    )
    if project is None:
        sys.exit("No volume projects: run without --no-seed.")
    designer = User.objects.get(email="volume-ben@example.org")
    phase = project.phases.get(is_current=True)
    themes = list(project.themes.values_list("pk", flat=True))[:2]

    setup_test_environment(debug=False)
    with override_settings(ROOT_URLCONF="benchmarks.urls", DEBUG=False):
        client = Client()
        client.force_login(designer)
        baseline_url = reverse("bench_ok")
        detail_url = reverse("dashboard:project", args=[project.slug])
        create_url = reverse("projects:activity_create", args=[project.slug])
        written_out_url = reverse("bench_written_out_log", args=[project.slug])

        def quick_log(i, url=create_url):
            return client.post(
                url,
                {
                    "date": timezone.localdate().isoformat(),
                    "kind": "street_conversation",
                    "title": f"Straatgesprekken bij het winkelcentrum ({i})",
                    "notes": "Veel mensen stopten bij de koffie; twee willen meedenken.",
                    "location": "Winkelcentrum Centrum",
                    "residents_reached": "18",
                    "new_contacts": "3",
                    "partners_present": "wijkagent",
                    "phase": str(phase.pk),
                    "themes": [str(pk) for pk in themes],
                },
            )

        def shown():
            # A browser follows the redirect and shows the "logged" message, so its next form
            # carries no unread ones; the test client follows none, and would send them all back.
            client.cookies.pop("messages", None)

        def change():
            # What the first reader after a change waits for: the generation bumped, as every
            # write does (dashboard/freshness.py), so nothing kept for it is found.
            Project.objects.filter(pk=project.pk).update(generation=F("generation") + 1)

        cache.clear()
        rows = [
            (
                "(a) minimal authenticated view",
                *_measure(args.requests, lambda i: client.get(baseline_url), 200),
            ),
        ]
        dashboard_cache.STATS.clear()
        rows.append(
            (
                f"(b) project page, {project.n} activities, warm",
                *_measure(args.requests, lambda i: client.get(detail_url), 200),
            )
        )
        warm_stats = dict(dashboard_cache.STATS)
        rows += [
            (
                "(c) project page, cold",
                *_measure(args.requests, lambda i: client.get(detail_url), 200, change),
            ),
            ("(d) quick-log POST (302)", *_measure(args.requests, quick_log, 302, shown)),
            (
                "(e) its database work only, in SQL",
                *_measure(args.requests, lambda i: quick_log(i, written_out_url), 302),
            ),
        ]

    baseline = rows[0][1]
    print(
        f"\n{args.requests} requests each (after {WARM_UP} warm-up), database {database}, "
        f"{Project.objects.filter(slug__startswith=VOLUME_PREFIX).count()} volume projects, "
        f"project {project.slug}"
    )
    print(f"{'':40} {'median ms':>10} {'ratio':>7} {'queries':>8}")
    for label, median, queries in rows:
        print(f"{label:40} {median:10.2f} {median / baseline:6.1f}x {queries:8d}")
    hits, looked_up = warm_stats.get("hit", 0), sum(warm_stats.values())
    print(
        f"cache ({settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}) during (b): "
        f"{hits} hits of {looked_up} lookups ({hits / max(looked_up, 1):.0%})"
    )


if __name__ == "__main__":
    main()
