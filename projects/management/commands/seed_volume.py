import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.demo import VOLUME_PREFIX, seed_volume


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        f"Maakt volumedata voor benchmarks: projecten met slug '{VOLUME_PREFIX}…' en hun "
        "activiteiten. Vervangt eerdere volumeprojecten. Weigert in productie."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=_positive, default=50)
        parser.add_argument("--activities", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2026, help="Zaad van de toevalsgenerator.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_volume draait niet in productie (DJANGO_ENV=production).")
        if options["activities"] < 0:
            raise CommandError("--activities kan niet negatief zijn.")
        started = time.perf_counter()
        with transaction.atomic():
            made = seed_volume(
                projects=options["projects"],
                activities=options["activities"],
                seed=options["seed"],
            )
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Volumedata klaar in {seconds:.1f} s: {made['projects']} projecten, "
                f"{made['phases']} fasen, {made['activities']} activiteiten "
                f"({made['removed']} oude volumeprojecten verwijderd)."
            )
        )
