from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Laadt realistische demodata (idempotent). Weigert in productie."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo draait niet in productie (DJANGO_ENV=production).")
        with transaction.atomic():
            logins = seed_demo()
        self.stdout.write(
            self.style.SUCCESS(f"Demodata staat klaar. Inloggen met wachtwoord '{DEMO_PASSWORD}':")
        )
        for email, label in logins:
            self.stdout.write(f"  {email:<24} {label}")
