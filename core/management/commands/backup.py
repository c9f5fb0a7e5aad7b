import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backups

# Wired to the admins' mail (settings.LOGGING; Sentry when SENTRY_DSN is set): a backup that
# fails must reach someone, not only the container's stderr.
logger = logging.getLogger("core.backups")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def _keep_from_environment() -> int:
    value = os.environ.get("BACKUP_KEEP", "")
    if not value:
        return backups.DEFAULT_KEEP
    try:
        return _positive(value)
    except ValueError:
        raise CommandError(f"BACKUP_KEEP moet 1 of meer zijn, niet {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Maakt een backup: een dump van de PostgreSQL-database, een kopie van de mediabestanden "
        "en een manifest met de SHA-256 van elk bestand, in een nieuwe map buurt-<tijd> onder "
        "--to (of BACKUP_DIR). Verwijdert daarna de oudste backups boven --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="Doelmap; standaard BACKUP_DIR.")
        parser.add_argument(
            "--keep",
            type=_positive,
            help=f"Aantal backups dat blijft; standaard BACKUP_KEEP of {backups.DEFAULT_KEEP}.",
        )

    def handle(self, *args, **options):
        target = options["to"] or os.environ.get("BACKUP_DIR")
        if not target:
            raise CommandError("Geef een doelmap op met --to DIR of zet BACKUP_DIR.")
        keep = options["keep"] or _keep_from_environment()
        try:
            made = backups.create_backup(
                target=Path(target),
                media_root=Path(settings.MEDIA_ROOT),
                database=settings.DATABASES["default"],
            )
            removed = backups.prune(Path(target), keep=keep)
        except backups.BackupError as error:
            logger.error("De backup naar %s is mislukt: %s", target, error)
            raise CommandError(str(error)) from None
        media = len(backups.read_manifest(made)["files"]) - 1
        self.stdout.write(self.style.SUCCESS(f"Backup gemaakt: {made} ({media} mediabestanden)."))
        for path in removed:
            self.stdout.write(f"  oude backup verwijderd: {path.name}")
