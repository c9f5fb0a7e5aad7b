"""core.backups without PostgreSQL: what a backup holds, retention, and the checks before a
restore. pg_dump is replaced by a stand-in that writes a file; the round trip on a real database
is tests/integration/test_backup_restore.py."""

import datetime
import hashlib
import io
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from core import backups

DATABASE = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "buurtontdekkers",
    "USER": "buurt",
    "PASSWORD": "geheim-wachtwoord",
    "HOST": "db",
    "PORT": 5432,
    "OPTIONS": {"sslmode": "require"},
}
NOW = datetime.datetime(2026, 3, 14, 2, 15, tzinfo=datetime.UTC)


@pytest.fixture
def pg_dump(monkeypatch):
    """A stand-in for pg_dump that writes a small dump and records how it was called."""
    calls = []

    def run(command, env, **kwargs):
        calls.append((command, env))
        Path(command[command.index("--file") + 1]).write_bytes(b"PGDMP fake dump")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backups.subprocess, "run", run)
    return calls


@pytest.fixture
def media(tmp_path):
    root = tmp_path / "media"
    (root / "photos" / "2026" / "03").mkdir(parents=True)
    (root / "photos" / "2026" / "03" / "a.jpg").write_bytes(b"jpeg bytes")
    (root / "opdrachtbevestigingen").mkdir()
    (root / "opdrachtbevestigingen" / "OB-2026-0001.pdf").write_bytes(b"%PDF-1.7 ...")
    return root


@pytest.fixture
def backup(db, tmp_path, media, pg_dump):
    return backups.create_backup(
        target=tmp_path / "backups", media_root=media, database=DATABASE, now=NOW
    )


def test_backup_holds_the_dump_every_media_file_and_their_hashes(backup):
    manifest = json.loads((backup / "manifest.json").read_text())
    assert backup.name == "buurt-20260314T021500Z"
    assert manifest["created_at"] == "2026-03-14T02:15:00+00:00"
    assert set(manifest["files"]) == {
        "database.dump",
        "media/photos/2026/03/a.jpg",
        "media/opdrachtbevestigingen/OB-2026-0001.pdf",
    }
    for name, sha256 in manifest["files"].items():
        assert hashlib.sha256((backup / name).read_bytes()).hexdigest() == sha256
    assert "projects" in manifest["migrations"]


def test_password_reaches_pg_dump_through_the_environment_only(backup, pg_dump):
    [(command, env)] = pg_dump
    assert not any("geheim" in part for part in command)
    assert env["PGPASSWORD"] == "geheim-wachtwoord"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db", "5432", "buurt")
    assert (env["PGDATABASE"], env["PGSSLMODE"]) == ("buurtontdekkers", "require")
    assert "--format=custom" in command


def test_backups_are_refused_on_sqlite(tmp_path, media):
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    with pytest.raises(backups.BackupError, match="PostgreSQL"):
        backups.create_backup(target=tmp_path / "backups", media_root=media, database=sqlite)
    assert not (tmp_path / "backups").exists()


def test_a_failed_dump_leaves_no_partial_backup(db, tmp_path, media, monkeypatch):
    def fail(command, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "connection refused")

    monkeypatch.setattr(backups.subprocess, "run", fail)
    with pytest.raises(backups.BackupError, match="connection refused"):
        backups.create_backup(target=tmp_path / "backups", media_root=media, database=DATABASE)
    assert list((tmp_path / "backups").iterdir()) == []


def test_prune_keeps_the_newest_and_touches_nothing_else(tmp_path):
    for day in range(1, 6):
        (tmp_path / f"buurt-202603{day:02}T021500Z").mkdir()
    (tmp_path / "notities").mkdir()
    (tmp_path / "buurt-export.tar").write_bytes(b"")
    # Left by a backup killed half-way: two days ago, and one running now.
    (tmp_path / ".buurt-20260301T021500Z.partial").mkdir()
    os.utime(tmp_path / ".buurt-20260301T021500Z.partial", (0, time.time() - 2 * 86400))
    (tmp_path / ".buurt-20260306T021500Z.partial").mkdir()
    # Its time from the same clock prune reads (the file system's is the real one; the suite may
    # run with a travelled clock, BUURT_TODAY).
    os.utime(tmp_path / ".buurt-20260306T021500Z.partial", (0, time.time()))

    removed = backups.prune(tmp_path, keep=2)

    assert [p.name for p in removed] == [f"buurt-202603{d:02}T021500Z" for d in (1, 2, 3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".buurt-20260306T021500Z.partial",
        "buurt-20260304T021500Z",
        "buurt-20260305T021500Z",
        "buurt-export.tar",
        "notities",
    ]


def test_verify_accepts_an_intact_backup(backup):
    assert backups.verify(backup)["files"]["database.dump"]


@pytest.mark.parametrize(
    "damage, reported",
    [
        (lambda b: (b / "media/photos/2026/03/a.jpg").write_bytes(b"jpeg bytez"), "gewijzigd"),
        (lambda b: (b / "database.dump").unlink(), "ontbreekt: database.dump"),
        (lambda b: (b / "media/extra.jpg").write_bytes(b"x"), "niet in het manifest"),
    ],
    ids=["changed", "missing", "extra"],
)
def test_verify_refuses_a_damaged_backup_and_names_the_file(backup, damage, reported):
    damage(backup)
    with pytest.raises(backups.BackupError, match=reported):
        backups.verify(backup)


def test_verify_refuses_a_manifest_naming_a_path_outside_the_backup(backup):
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"]["media/../../etc/passwd"] = "0" * 64
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backups.BackupError, match="ongeldige naam"):
        backups.verify(backup)


def test_verify_refuses_a_directory_without_a_manifest(tmp_path):
    with pytest.raises(backups.BackupError, match="manifest.json ontbreekt"):
        backups.verify(tmp_path)


def test_restore_check_verifies_and_restores_nothing(backup, monkeypatch):
    monkeypatch.setattr(backups, "restore_backup", pytest.fail)
    out = io.StringIO()
    call_command("restore", str(backup), "--check", stdout=out)
    assert "is intact (database + 2 mediabestanden)" in out.getvalue()


def test_restore_check_refuses_a_changed_backup(backup):
    (backup / "database.dump").write_bytes(b"PGDMP other dump")
    with pytest.raises(CommandError, match="gewijzigd .*: database.dump"):
        call_command("restore", str(backup), "--check")


def test_a_failed_backup_mails_the_admins(db, tmp_path, media, monkeypatch, settings, mailoutbox):
    settings.ADMINS = [("Beheer", "beheer@example.org")]
    settings.MEDIA_ROOT = media

    def failing(command, env, **kwargs):
        return subprocess.CompletedProcess(command, 1, "", "pg_dump: connection refused")

    monkeypatch.setattr(backups.subprocess, "run", failing)
    monkeypatch.setattr(backups, "libpq_environment", lambda database: {})
    with pytest.raises(CommandError, match="connection refused"):
        call_command("backup", "--to", str(tmp_path / "backups"))
    [mail] = mailoutbox
    assert mail.to == ["beheer@example.org"]
    assert "backup" in mail.subject.lower()
