"""Backups of the database and the uploaded files, and restoring one.

A backup is one directory `buurt-<UTC time>` under a target directory:

    database.dump   pg_dump in its custom format
    media/…         a copy of MEDIA_ROOT (photos, stored PDFs)
    manifest.json   the time, the migration state, and the SHA-256 of every file above

It is written as `.buurt-<time>.partial` and renamed when complete, so a directory with the
backup's name is always whole. A restore checks every hash first and changes nothing when one
file is missing, changed or extra. PostgreSQL only: pg_dump and pg_restore get the connection
through libpq's environment variables, so the password never appears on a command line.
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath

from django.core.cache import cache
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
PREFIX = "buurt-"
NAME = re.compile(r"^buurt-\d{8}T\d{6}Z$")
DEFAULT_KEEP = 14
# Connection options of a database URL (`?sslmode=require`) that libpq reads from the environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


class BackupError(Exception):
    """A backup could not be made, or a backup may not be restored; the message says why."""


def libpq_environment(database: dict) -> dict[str, str]:
    """The environment for pg_dump/pg_restore to reach `database` (a DATABASES entry)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "Backups zijn er voor PostgreSQL; deze database is "
            f"{database['ENGINE'].rsplit('.', 1)[-1]}. Zet DATABASE_URL op PostgreSQL."
        )
    env = dict(os.environ)
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
    }
    for option, variable in LIBPQ_OPTIONS.items():
        values[variable] = database.get("OPTIONS", {}).get(option)
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} mislukte: {result.stderr.strip()[-2000:]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashed(source: Path, target: Path) -> str:
    """Copy a file and return the SHA-256 of the bytes written."""
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as src, target.open("wb") as dst:
        for chunk in iter(lambda: src.read(1024 * 1024), b""):
            digest.update(chunk)
            dst.write(chunk)
    shutil.copystat(source, target)
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    """Every regular file below `root` (symbolic links are not followed), sorted."""
    if not root.is_dir():
        return []
    found = []
    for directory, _dirs, names in os.walk(root):
        for name in names:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return sorted(found)


def _migration_state(alias: str = "default") -> dict[str, str]:
    """The last applied migration of every app, as the database records it."""
    applied = MigrationRecorder(connections[alias]).applied_migrations()
    latest: dict[str, str] = {}
    for app, name in applied:
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def create_backup(
    *, target: Path, media_root: Path, database: dict, now: datetime.datetime | None = None
) -> Path:
    """Dump the database and copy the media files into a new backup under `target`."""
    env = libpq_environment(database)
    now = now or datetime.datetime.now(datetime.UTC)
    name = PREFIX + now.strftime("%Y%m%dT%H%M%SZ")
    final = target / name
    if final.exists():
        raise BackupError(f"{final} bestaat al.")
    partial = target / f".{name}.partial"
    target.mkdir(parents=True, exist_ok=True)
    partial.mkdir()
    try:
        # The database first, then the files: a document's file is written before its row
        # commits, so every file a dumped row names is complete by the time it is copied.
        _run(["pg_dump", "--format=custom", "--file", str(partial / DUMP)], env)
        files = {DUMP: _sha256(partial / DUMP)}
        for source in _files_under(media_root):
            relative = PurePosixPath(MEDIA, *source.relative_to(media_root).parts)
            files[str(relative)] = _copy_hashed(source, partial / relative)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "database": database.get("NAME", ""),
            "migrations": _migration_state(),
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def backups_in(target: Path) -> list[Path]:
    """The complete backups in `target`, oldest first (their names sort by time)."""
    if not target.is_dir():
        return []
    return sorted(p for p in target.iterdir() if p.is_dir() and NAME.match(p.name))


def prune(target: Path, *, keep: int) -> list[Path]:
    """Delete the oldest backups beyond the newest `keep`; return what was deleted.

    Only directories named like a backup are touched, whatever else the directory holds, and
    the remains of a backup that was killed half-way, once they are a day old.
    """
    if keep < 1:
        raise BackupError("Bewaar minstens één backup (--keep 1 of meer).")
    old = backups_in(target)[:-keep]
    for path in old:
        shutil.rmtree(path)
    day_ago = datetime.datetime.now().timestamp() - 24 * 3600
    for path in target.glob(f".{PREFIX}*.partial"):
        if path.is_dir() and path.stat().st_mtime < day_ago:
            shutil.rmtree(path)
    return old


def _safe_relative(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == DUMP or (path.parts[0] == MEDIA and len(path.parts) > 1))
    )


def read_manifest(backup: Path) -> dict:
    """The manifest of `backup`, read but not yet checked against the files."""
    try:
        manifest = json.loads((backup / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{backup / MANIFEST} ontbreekt of is onleesbaar: {error}") from None
    if not isinstance(manifest, dict):
        manifest = {}
    files = manifest.get("files")
    if manifest.get("format") != FORMAT or not isinstance(files, dict) or DUMP not in files:
        raise BackupError(f"{backup / MANIFEST} is geen manifest van deze app (format {FORMAT}).")
    return manifest


def verify(backup: Path) -> dict:
    """The manifest of `backup` once every file in it has been checked against its SHA-256.

    Raises BackupError naming what is wrong: a file missing, changed, or not in the manifest.
    """
    manifest = read_manifest(backup)
    files = manifest["files"]
    problems = []
    for name, expected in sorted(files.items()):
        path = backup / name
        if not _safe_relative(name):
            problems.append(f"ongeldige naam in het manifest: {name}")
        elif not path.is_file() or path.is_symlink():
            problems.append(f"ontbreekt: {name}")
        elif _sha256(path) != expected:
            problems.append(f"gewijzigd (andere SHA-256): {name}")
    for path in _files_under(backup):
        name = path.relative_to(backup).as_posix()
        if name != MANIFEST and name not in files:
            problems.append(f"staat niet in het manifest: {name}")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … en nog {len(problems) - 20}" if len(problems) > 20 else ""
        raise BackupError(f"{backup} is niet intact; er is niets veranderd.\n  {shown}{more}")
    return manifest


def restore_backup(*, backup: Path, media_root: Path, database: dict, manifest: dict) -> int:
    """Restore a verified backup: the database, then the media files; return the file count.

    Media files the backup does not hold are left where they are (no row names them after
    the restore). The cache is emptied: it may hold pages of data that no longer exists.
    """
    env = libpq_environment(database)
    connections.close_all()
    # One transaction: a restore that fails half-way leaves the database as it was.
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            database["NAME"],
            str(backup / DUMP),
        ],
        env,
    )
    media = [name for name in manifest["files"] if name != DUMP]
    for name in media:
        target = media_root.joinpath(*PurePosixPath(name).parts[1:])
        temporary = target.with_name(f".{target.name}.restoring")
        _copy_hashed(backup / name, temporary)
        os.replace(temporary, target)
    cache.clear()
    return len(media)
