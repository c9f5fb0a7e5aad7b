"""A backup can be restored: the demo with a photo, order confirmations and a progress report is
backed up with `manage.py backup`; the database is dropped and created empty and the media
deleted; `manage.py restore` brings back every row, every sequence, every file byte for byte,
and every stored PDF still matches the SHA-256 its row recorded. A backup with one byte changed
is refused before anything is touched."""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest
from django.conf import settings

from tests.conftest import need_service

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]

# Beside the demo's two ready order confirmations: a photo and a ready progress report, so the
# backup holds every kind of stored file (Celery runs eagerly without a broker).
MORE_FILES = """
import datetime, io
from PIL import Image
from django.core.files.base import ContentFile
from dashboard.services import progress_report_request
from projects.models import Activity, ActivityPhoto, Project, User
image = io.BytesIO()
Image.new("RGB", (40, 30), "teal").save(image, "PNG")
ActivityPhoto.objects.create(
    activity=Activity.objects.order_by("pk").first(),
    image=ContentFile(image.getvalue(), name="buurtfeest.png"),
)
progress_report_request(
    actor=User.objects.get(email="designer@example.org"),
    project=Project.objects.filter(order_confirmations__status="ready").first(),
    period_start=datetime.date(2026, 1, 1),
    period_end=datetime.date(2026, 3, 31),
)
"""


def _manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if check:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


def _admin_connection() -> psycopg.Connection:
    database = settings.DATABASES["default"]
    return psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )


def _database_state(url: str) -> dict:
    """Every table's row count and every sequence's position."""
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        sequences = [
            row[0]
            for row in conn.execute(
                "SELECT sequence_name FROM information_schema.sequences "
                "WHERE sequence_schema = 'public'"
            )
        ]
        # The names come from information_schema, not from input.
        return {
            **{
                f"table {t}": conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                for t in tables
            },
            **{
                f"sequence {s}": conn.execute(f'SELECT last_value FROM "{s}"').fetchone()[0]  # noqa: S608
                for s in sequences
            },
        }


def _stored_pdfs(url: str) -> list[tuple[str, str, str]]:
    """(table, file name, recorded SHA-256) of every ready rendered document."""
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND column_name IN ('pdf', 'sha256') "
                "GROUP BY table_name HAVING count(*) = 2"
            )
        ]
        return sorted(
            (table, name, sha256)
            for table in tables
            for name, sha256 in conn.execute(
                f"SELECT pdf, sha256 FROM \"{table}\" WHERE status = 'ready'"  # noqa: S608
            )
        )


def _media_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A scratch database with the demo and its files, backed up once; dropped afterwards."""
    database = settings.DATABASES["default"]
    need_service("PostgreSQL (DATABASE_URL)", database["ENGINE"].endswith("postgresql"))
    need_service(
        "pg_dump and pg_restore", bool(shutil.which("pg_dump") and shutil.which("pg_restore"))
    )
    name = f"buurt_backup_{os.getpid()}"
    url = urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    tmp = tmp_path_factory.mktemp("backup")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    }
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(tmp / "media"), DJANGO_ENV="development")
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            _manage(env, "migrate", "--verbosity", "0")
            _manage(env, "seed_demo")
            _manage(env, "shell", "-c", MORE_FILES)
            state = {
                "database": _database_state(url),
                "media": _media_hashes(tmp / "media"),
                "pdfs": _stored_pdfs(url),
            }
            _manage(env, "backup", "--to", str(tmp / "backups"))
            [backup] = (tmp / "backups").iterdir()
            yield {"env": env, "url": url, "name": name, "tmp": tmp, "backup": backup, **state}
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_into_an_empty_database_brings_back_every_row_file_and_pdf_hash(backed_up):
    env, url, name, media = (backed_up[k] for k in ("env", "url", "name", "tmp"))
    media = media / "media"
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    shutil.rmtree(media)

    _manage(env, "restore", str(backed_up["backup"]), "--yes")

    assert _database_state(url) == backed_up["database"]
    assert _media_hashes(media) == backed_up["media"]
    pdfs = _stored_pdfs(url)
    assert pdfs == backed_up["pdfs"]
    tables = {table for table, _name, _sha in pdfs}
    # The demo has a partner party, so its confirmation has a copy for the parties too; its
    # training has certificates of participation.
    assert tables == {
        "cocreation_orderconfirmation",
        "cocreation_confirmationcopy",
        "cocreation_progressreport",
        "trainings_certificate",
    }
    for _table, file_name, sha256 in pdfs:
        assert hashlib.sha256((media / file_name).read_bytes()).hexdigest() == sha256
    assert any(path.startswith("photos/") for path in backed_up["media"])
    assert backed_up["database"]["table cocreation_orderconfirmation"] >= 2


def test_a_backup_with_one_changed_byte_is_refused_and_changes_nothing(backed_up):
    env, url, tmp = backed_up["env"], backed_up["url"], backed_up["tmp"]
    tampered = tmp / "tampered" / backed_up["backup"].name
    shutil.copytree(backed_up["backup"], tampered)
    pdf = next((tampered / "media").rglob("*.pdf"))
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    # Something the restore would undo if it ran: a change to the database and a lost file.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE projects_organisation SET name = name || ' (na de backup)'")
    next((tmp / "media").rglob("*.png")).unlink()
    database, media = _database_state(url), _media_hashes(tmp / "media")

    refused = _manage(env, "restore", str(tampered), "--yes", check=False)

    assert refused.returncode != 0
    assert "niet intact" in refused.stderr
    assert pdf.relative_to(tampered).as_posix() in refused.stderr
    assert _database_state(url) == database
    assert _media_hashes(tmp / "media") == media
    with psycopg.connect(url) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM projects_organisation")]
    assert names and all(name.endswith(" (na de backup)") for name in names)


def test_restore_without_yes_and_without_a_terminal_refuses(backed_up):
    env, url = backed_up["env"], backed_up["url"]
    database = _database_state(url)

    refused = _manage(env, "restore", str(backed_up["backup"]), check=False)

    assert refused.returncode != 0
    assert "--yes" in refused.stderr
    assert _database_state(url) == database
