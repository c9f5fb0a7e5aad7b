from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cocreation"
    verbose_name = _("Co-creatie")

    def ready(self):
        # Registers the Celery tasks that core.documents enqueues by name.
        from . import tasks  # noqa: F401
