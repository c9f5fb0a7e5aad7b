import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backups


class Command(BaseCommand):
    help = (
        "Zet een backup terug: controleert eerst elke SHA-256 in het manifest (en verandert "
        "niets als er een bestand ontbreekt of gewijzigd is), zet dan de database terug "
        "(pg_restore --clean) en daarna de mediabestanden. Overschrijft de huidige gegevens: "
        "stop web, worker en beat eerst."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="De map van de backup (buurt-<tijd>).")
        parser.add_argument("--yes", action="store_true", help="Niet om bevestiging vragen.")
        parser.add_argument(
            "--check", action="store_true", help="Alleen de backup controleren; verandert niets."
        )

    def handle(self, *args, **options):
        backup = options["path"]
        database = settings.DATABASES["default"]
        try:
            if not options["check"]:
                backups.libpq_environment(database)
            manifest = backups.verify(backup)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        media = len(manifest["files"]) - 1
        self.stdout.write(
            f"Backup {backup.name} van {manifest['created_at']} is intact "
            f"(database + {media} mediabestanden)."
        )
        if options["check"]:
            return
        if not options["yes"]:
            self._confirm(database["NAME"])
        try:
            restored = backups.restore_backup(
                backup=backup,
                media_root=Path(settings.MEDIA_ROOT),
                database=database,
                manifest=manifest,
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Teruggezet: database {database['NAME']} en {restored} mediabestanden. "
                "Draai `manage.py migrate` als de code nieuwer is dan de backup; start dan de app."
            )
        )

    def _confirm(self, name: str) -> None:
        if not sys.stdin.isatty():
            raise CommandError("Dit overschrijft de database en de mediabestanden: geef --yes mee.")
        answer = input(
            f"Dit overschrijft database {name} en de mediabestanden. Typ 'ja' om door te gaan: "
        )
        if answer.strip().lower() != "ja":
            raise CommandError("Afgebroken; er is niets veranderd.")
