from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cocreation"
    verbose_name = _("Co-creatie")

    def ready(self):
        from projects.signals import catalogue_restored

        # Registers the Celery tasks that core.documents enqueues by name.
        from . import tasks  # noqa: F401

        catalogue_restored.connect(
            _restore_suggested_commitments, dispatch_uid="cocreation.restore_suggestions"
        )


def _restore_suggested_commitments(sender, apps, using, **kwargs):
    """The catalogue was emptied (`flush`) and seeded again: give its variants their
    suggested commitments again too, as migration 0010 did."""
    import importlib

    seeding = importlib.import_module("cocreation.migrations.0011_seed_suggested_commitments")
    seeding.seed(apps, schema_editor=None)
