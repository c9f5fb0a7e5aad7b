from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from projects.demo import DEMO_PASSWORD, seed_demo

QUIET_EMAIL = "django.core.mail.backends.locmem.EmailBackend"


def seed_other_apps() -> None:
    """Let every other app add its demo data through its own `demo.seed_demo()`.

    Found by name, so projects never imports the apps that build on it (DESIGN §3).
    """
    for config in apps.get_app_configs():
        if config.name == "projects" or not find_spec(f"{config.name}.demo"):
            continue
        module = import_module(f"{config.name}.demo")
        if hasattr(module, "seed_demo"):
            module.seed_demo()


class Command(BaseCommand):
    help = "Laadt realistische demodata (idempotent). Weigert in productie."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo draait niet in productie (DJANGO_ENV=production).")
        # Demo people have example.org addresses: the mails the seeding triggers (proposals,
        # ready confirmations, sent when the transaction commits) go nowhere.
        with override_settings(EMAIL_BACKEND=QUIET_EMAIL), transaction.atomic():
            logins = seed_demo()
            seed_other_apps()
        self.stdout.write(
            self.style.SUCCESS(f"Demodata staat klaar. Inloggen met wachtwoord '{DEMO_PASSWORD}':")
        )
        for email, label in logins:
            self.stdout.write(f"  {email:<24} {label}")
