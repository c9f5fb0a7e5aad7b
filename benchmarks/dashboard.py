"""How fast is the client dashboard of a busy project?

Seeds (in a database of its own whose name contains "bench") one project with 5,000 activities
and 1,000 impact entries (two thirds shared, each linked to an activity), an agreed agreement,
an initiative, and a client contact. Then, in-process with Django's test client (no network,
no gunicorn) and DEBUG off, logs the client in and times after warm-up N requests of
(a) a minimal authenticated view, the baseline, and (b) the dashboard, and (c) the same
dashboard for a designer, each warm (kept) and cold (the generation bumped before each
request). Prints medians, ratios to (a), SQL queries per request and the cache's hit ratio.
Set CACHE_URL to measure with Redis; without it the cache is in local memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/buurt_bench .venv/bin/python \
        benchmarks/dashboard.py [--requests 50] [--activities 5000] [--entries 1000]

Not measured here: the same behind gunicorn, and a 50-connection load (wrk/locust).
"""

import argparse
import datetime
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-dashboard"


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per measurement")
    parser.add_argument("--activities", type=int, default=5_000)
    parser.add_argument("--entries", type=int, default=1_000)
    return parser.parse_args()


def _seed(activities: int, entries: int):
    """Replace the benchmark project with a fresh one of the asked size; return its client."""
    from cocreation import services
    from cocreation.models import Agreement, AgreementVersion, Commitment, Party
    from impact.models import Contribution, ImpactEntry, Initiative, OwnershipStep
    from projects.models import Activity, Membership, Organisation, Phase, Project, Theme, User

    Project.objects.filter(slug=SLUG).delete()
    municipality, _ = Organisation.objects.get_or_create(
        name="Gemeente Benchmark", defaults={"kind": "gemeente"}
    )
    own, _ = Organisation.objects.get_or_create(
        name="De Buurtontdekkers", defaults={"kind": Organisation.Kind.OWN}
    )
    project = Project.objects.create(
        title="Benchmark dashboard", slug=SLUG, client=municipality, status="active"
    )
    themes = list(Theme.objects.all()[:4]) or [Theme.objects.create(name="Sociale cohesie")]
    project.themes.set(themes)
    # Dated phases, a quarter each: an order confirmation must cover the whole trajectory.
    quarter = datetime.timedelta(days=91)
    phases = [
        Phase.objects.create(
            project=project,
            name=name,
            order=i,
            is_current=i == 1,
            start_date=datetime.date(2024, 1, 1) + i * quarter,
            end_date=datetime.date(2024, 1, 1) + (i + 1) * quarter - datetime.timedelta(days=1),
        )
        for i, name in enumerate(["Ontdekken", "Ontwerpen", "Doen", "Verankeren"])
    ]
    client, _ = User.objects.get_or_create(
        email="bench-client@example.org", defaults={"name": "Bench Client"}
    )
    client.organisation = municipality
    client.save()
    designer, _ = User.objects.get_or_create(
        email="bench-designer@example.org", defaults={"name": "Bench Designer", "role": "designer"}
    )
    Membership.objects.create(user=client, project=project, role="client")
    start = datetime.date(2024, 1, 1)
    made = Activity.objects.bulk_create(
        Activity(
            project=project,
            phase=phases[i % 2],
            kind="street_conversation" if i % 2 else "meeting",
            title=f"Activiteit {i}",
            date=start + datetime.timedelta(days=i % 700),
            residents_reached=i % 25,
        )
        for i in range(activities)
    )
    Activity.themes.through.objects.bulk_create(
        Activity.themes.through(activity_id=a.pk, theme_id=themes[i % len(themes)].pk)
        for i, a in enumerate(made)
    )
    impact = ImpactEntry.objects.bulk_create(
        ImpactEntry(
            project=project,
            title=f"Verandering {i}",
            visibility="internal" if i % 3 == 0 else "shared",
            occurred_on=start + datetime.timedelta(days=i % 700),
        )
        for i in range(entries)
    )
    ImpactEntry.themes.through.objects.bulk_create(
        ImpactEntry.themes.through(impactentry_id=e.pk, theme_id=themes[i % len(themes)].pk)
        for i, e in enumerate(impact)
    )
    Contribution.objects.bulk_create(
        Contribution(entry=e, activity=made[i % len(made)]) for i, e in enumerate(impact)
    )
    for n in range(5):
        initiative = Initiative.objects.create(project=project, title=f"Initiatief {n}")
        for level in (1, 2, 3):
            OwnershipStep.objects.create(
                initiative=initiative,
                level=level,
                date=initiative.started_on + datetime.timedelta(days=30 * level),
            )
    version = AgreementVersion.objects.create(
        agreement=Agreement.objects.create(project=project),
        number=1,
        ambition="Samen het plein",
        approach="Ontdekken, ontwerpen, doen, verankeren",
    )
    for organisation, representative in [(municipality, client), (own, None)]:
        party = Party.objects.create(
            version=version, organisation=organisation, representative=representative, role="x"
        )
        Commitment.objects.create(party=party, description="Vier uur per week")
    version = services.agreement_version_propose(actor=designer, version=version)
    for party, actor in zip(
        version.parties.order_by("order", "id"), [client, designer], strict=True
    ):
        services.consent_to(
            actor=actor, version=version, party=party, content_hash=version.content_hash
        )
    return project, client, designer


def main() -> None:
    args = _arguments()
    sys.path.insert(0, str(ROOT))
    from benchmarks.project_pages import WARM_UP, _measure, _use_bench_database

    database = _use_bench_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtontdekkers.settings")
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import django

    django.setup()

    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db.models import F
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import reverse

    from dashboard import cache as dashboard_cache
    from projects.models import Project

    if settings.PRODUCTION:
        sys.exit("Refusing to run in production (DJANGO_ENV=production).")
    call_command("migrate", verbosity=0)
    project, client_user, designer = _seed(args.activities, args.entries)

    setup_test_environment(debug=False)
    with override_settings(ROOT_URLCONF="benchmarks.urls", DEBUG=False):
        as_client, as_designer = Client(), Client()
        as_client.force_login(client_user)
        as_designer.force_login(designer)
        baseline_url = reverse("bench_ok")
        dashboard_url = reverse("dashboard:dashboard", args=[project.slug])

        def change():
            # What the first reader after a change waits for: the project's generation is
            # bumped before each request (untimed), as every write does (dashboard/
            # freshness.py), so nothing kept for it is found.
            Project.objects.filter(pk=project.pk).update(generation=F("generation") + 1)

        cache.clear()
        dashboard_cache.STATS.clear()
        rows = [
            (
                "(a) minimal authenticated view",
                *_measure(args.requests, lambda i: as_client.get(baseline_url), 200),
            ),
            (
                "(b) dashboard as client, warm",
                *_measure(args.requests, lambda i: as_client.get(dashboard_url), 200),
            ),
            (
                "(c) dashboard as designer, warm",
                *_measure(args.requests, lambda i: as_designer.get(dashboard_url), 200),
            ),
        ]
        warm_stats = dict(dashboard_cache.STATS)
        rows += [
            (
                "(d) dashboard as client, cold",
                *_measure(args.requests, lambda i: as_client.get(dashboard_url), 200, change),
            ),
            (
                "(e) dashboard as designer, cold",
                *_measure(args.requests, lambda i: as_designer.get(dashboard_url), 200, change),
            ),
        ]

    baseline = rows[0][1]
    print(
        f"\n{args.requests} requests each (after {WARM_UP} warm-up), in-process, DEBUG off, "
        f"database {database}, {args.activities} activities, {args.entries} impact entries"
    )
    print(f"{'':34} {'median ms':>10} {'ratio':>7} {'queries':>8}")
    for label, median, queries in rows:
        print(f"{label:34} {median:10.2f} {median / baseline:6.1f}x {queries:8d}")
    looked_up = warm_stats.get("hit", 0) + warm_stats.get("miss", 0)
    print(
        f"cache ({settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}) during (b) and (c): "
        f"{warm_stats.get('hit', 0)} hits of {looked_up} lookups "
        f"({warm_stats.get('hit', 0) / max(looked_up, 1):.0%})"
    )


if __name__ == "__main__":
    main()
