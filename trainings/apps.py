from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    """BUURTWERK trainings: a project of the Buurtwerk service with sessions, participants
    (no account), attendance, practice assignments, evaluations by signed link and
    certificates of participation (rendered by core.documents, like confirmations)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "trainings"
    verbose_name = _("Trainingen")

    def ready(self):
        from . import signals

        signals.connect()
