"""Settings for the HTTP benchmarks: the project's own (production when DJANGO_ENV=production),
plus the baseline view of benchmarks/urls.py and a STATIC_ROOT of the benchmark's choosing."""

import os

from buurtontdekkers.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
