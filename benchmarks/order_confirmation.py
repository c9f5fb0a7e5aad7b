"""How long does an order confirmation take, and what does the worker need?

Migrates a database of its own (default `buurt_bench_confirm`; the name must contain "bench"),
seeds the demo data, then prints in one run: (a) the median time bare WeasyPrint needs for the
confirmation's HTML, (b) the median of the full task (claim in the database, template, render,
store the file, mark ready), (b)/(a), (c) the median click-to-ready time through a real Celery
worker and Redis, and (d) the peak resident memory of that worker (all its processes).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/buurt_bench_confirm \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/15 .venv/bin/python benchmarks/order_confirmation.py \\
        [--runs 15]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/buurt_bench_confirm"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/15"


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measurements per figure")
    return parser.parse_args()


def _rss_kib(pid: int) -> int:
    """Resident memory of `pid` and its children, in KiB."""
    out = subprocess.run(["ps", "-o", "pid=,ppid=,rss="], capture_output=True, text=True).stdout
    rows = [tuple(int(x) for x in line.split()) for line in out.splitlines() if line.strip()]
    family, total, grew = {pid}, 0, True
    while grew:
        grew = False
        for child, parent, _rss in rows:
            if parent in family and child not in family:
                family.add(child)
                grew = True
    for child, _parent, rss in rows:
        if child in family:
            total += rss
    return total


def main() -> None:
    args = _arguments()
    from benchmarks.project_pages import _use_bench_database

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    _use_bench_database()
    broker_url = os.environ.setdefault("CELERY_BROKER_URL", DEFAULT_BROKER_URL)
    media = tempfile.mkdtemp(prefix="bench-confirmations-")
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtontdekkers.settings")
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    from django.conf import settings
    from django.core.management import call_command
    from weasyprint import HTML

    from cocreation import pdf, services
    from cocreation.models import AgreementVersion, OrderConfirmation
    from cocreation.tasks import order_confirmation_render_task
    from core import pdf as core_pdf
    from projects.models import User

    if settings.PRODUCTION:
        sys.exit("Refusing to run in production (DJANGO_ENV=production).")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    admin = User.objects.get(email="admin@example.org")
    version = AgreementVersion.objects.filter(status="agreed").order_by("pk").first()
    sample = OrderConfirmation.objects.filter(version=version, status="ready").first()

    def generate(enqueue: bool):
        return services.order_confirmation_generate(
            actor=admin, version=version, fee=Decimal("9500"), hours=80, enqueue=enqueue
        )

    # (a) bare WeasyPrint on the same HTML, with the same fetcher and PDF variant
    html = pdf.render_html(sample)
    bare = []
    for i in range(args.runs + 2):
        started = time.perf_counter()
        HTML(
            string=html,
            base_url=f"{core_pdf.PDF_ORIGIN}/",
            url_fetcher=core_pdf.StaticFilesOnlyFetcher(),
        ).write_pdf(pdf_variant=core_pdf.PDF_VARIANT)
        if i >= 2:
            bare.append((time.perf_counter() - started) * 1000)

    # (b) the full task in-process: claim, template, render, store, mark ready
    full = []
    for i in range(args.runs + 2):
        confirmation = generate(enqueue=False)
        started = time.perf_counter()
        assert order_confirmation_render_task.apply(args=[confirmation.pk]).get() == "ready"
        if i >= 2:
            full.append((time.perf_counter() - started) * 1000)

    # (c) click to ready through a real worker, (d) its peak memory
    env = {**os.environ, "CELERY_BROKER_URL": broker_url, "CELERY_RESULT_BACKEND": ""}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "buurtontdekkers", "worker", "--pool=prefork",
         "--concurrency=1", "--loglevel=ERROR", "--without-heartbeat", "--without-mingle",
         "--without-gossip", "-n", f"bench-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    peak, sampling = [0], [True]

    def sample_memory():
        while sampling[0]:
            peak[0] = max(peak[0], _rss_kib(worker.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    from buurtontdekkers.celery import app

    app.conf.update(task_always_eager=False)
    click = []
    try:
        for i in range(args.runs + 2):
            started = time.perf_counter()
            confirmation = generate(enqueue=True)
            while OrderConfirmation.objects.filter(pk=confirmation.pk, status="ready").count() == 0:
                if time.perf_counter() - started > 120:
                    sys.exit("No worker finished the confirmation within 120 s (is Redis up?)")
                time.sleep(0.01)
            if i >= 2:
                click.append((time.perf_counter() - started) * 1000)
    finally:
        sampling[0] = False
        sampler.join()
        worker.terminate()
        worker.wait(timeout=30)

    a, b, c = (statistics.median(x) for x in (bare, full, click))
    print(f"order confirmation, {args.runs} runs each (medians):")
    print(f"  (a) bare WeasyPrint, same HTML     {a:8.1f} ms")
    print(f"  (b) full task (DB+render+store)    {b:8.1f} ms")
    print(f"      ratio (b)/(a)                  {b / a:8.2f}")
    print(f"  (c) click to ready, real worker    {c:8.1f} ms")
    print(f"  (d) peak worker memory (RSS, all)  {peak[0] / 1024:8.1f} MiB")


if __name__ == "__main__":
    main()
