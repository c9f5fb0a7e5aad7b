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
        from projects.signals import project_created

        project_created.connect(_plan_sessions, dispatch_uid="trainings.plan_sessions")


def _plan_sessions(sender, project, actor, **kwargs):
    from .services.sessions import plan_sessions

    plan_sessions(project, actor=actor)
