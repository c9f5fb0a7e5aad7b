"""Data made before the architecture change survives it: the code as it was before `core/` and
`dashboard/` existed migrates a database and seeds the demo (with a ready order confirmation
and progress report as PDF files); today's code then migrates the same database forward and
finds every row and every stored PDF again, byte for byte."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
from django.conf import settings

from tests.conftest import IN_CI

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
# The last commit before core/ and dashboard/ (issue 11): ProgressReport still in cocreation.
BEFORE = "7b1f1c1"

# Run in the old code: a progress report, rendered in-process like the demo's confirmations.
REPORT = """
import datetime, json
from cocreation import services
from cocreation.tasks import progress_report_render_task
from projects.models import Project, User
designer = User.objects.get(email="designer@example.org")
project = Project.objects.filter(order_confirmations__status="ready").first()
report = services.progress_report_request(actor=designer, project=project,
    period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 3, 31), enqueue=False)
progress_report_render_task.apply(args=[report.pk])
"""

# Run in both: every stored PDF with its hash and the hash of the file as it is on disk.
PDFS = """
import hashlib, json
from django.apps import apps
rows = []
for label in ["cocreation.OrderConfirmation", "{report_model}"]:
    for row in apps.get_model(label).objects.order_by("pk"):
        with row.pdf.open("rb") as f:
            on_disk = hashlib.sha256(f.read()).hexdigest()
        kind = label.rsplit(".", 1)[1]
        rows.append([kind, row.pk, row.status, row.pdf.name, row.sha256, on_disk])
print(json.dumps(rows))
"""


def _old_code(tmp_path: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", BEFORE],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        message = f"git history with {BEFORE} is needed: {archive.stderr.decode()[:200]}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    target = tmp_path / "before"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


@pytest.fixture
def scratch_database():
    """An empty PostgreSQL database of its own, dropped afterwards."""
    url = settings.DATABASES["default"]
    if url["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("this test runs on PostgreSQL (make test sets DATABASE_URL)")
    name = f"buurt_migrate_{os.getpid()}"
    admin = psycopg.connect(
        host=url["HOST"],
        port=url["PORT"] or 5432,
        user=url["USER"],
        password=url["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    parsed = urlparse(os.environ.get("DATABASE_URL", ""))
    yield parsed._replace(path=f"/{name}").geturl(), name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _last_line(output: str) -> str:
    # `shell` may first say how many objects it imported automatically.
    return output.strip().splitlines()[-1]


def _manage(code: Path, env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            # The names come from pg_tables, not from input.
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
            if table != "django_migrations"
        }


def test_demo_data_and_pdfs_survive_the_move_to_core_and_dashboard(tmp_path, scratch_database):
    url, _name = scratch_database
    old = _old_code(tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    }
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(tmp_path / "media"), DJANGO_ENV="development")

    _manage(old, env, "migrate", "--verbosity", "0")
    _manage(old, env, "seed_demo")
    _manage(old, env, "shell", "-c", REPORT)
    before_rows = _row_counts(url)
    before_pdfs = json.loads(
        _last_line(
            _manage(old, env, "shell", "-c", PDFS.format(report_model="cocreation.ProgressReport"))
        )
    )

    _manage(ROOT, env, "migrate", "--verbosity", "0")
    after_rows = _row_counts(url)
    after_pdfs = json.loads(
        _last_line(
            _manage(ROOT, env, "shell", "-c", PDFS.format(report_model="dashboard.ProgressReport"))
        )
    )

    assert before_rows["cocreation_orderconfirmation"] >= 1
    assert before_rows["cocreation_progressreport"] == 1
    assert before_rows["cocreation_agreementversion"] >= 1
    assert before_rows["projects_activity"] >= 1
    # Every table of before is still there with every row; new tables may only be added, and
    # Django's bookkeeping only grows (a content type and permissions for the moved model).
    grows = {"django_content_type", "auth_permission"}
    assert {t: after_rows.get(t) for t in before_rows if t not in grows} == {
        t: n for t, n in before_rows.items() if t not in grows
    }
    assert all(after_rows[t] >= before_rows[t] for t in grows)
    kinds = {row[0] for row in after_pdfs}
    assert kinds == {"OrderConfirmation", "ProgressReport"}
    assert after_pdfs == before_pdfs
    for _kind, _pk, status, name, sha256, on_disk in after_pdfs:
        assert status == "ready" and name and sha256 == on_disk
    assert len({row[3] for row in after_pdfs}) == len(after_pdfs)
