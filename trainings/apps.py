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
        from django.db.models.signals import post_delete

        from projects.signals import project_created

        # Registers the Celery tasks that core.documents and the beat schedule name.
        from . import tasks  # noqa: F401
        from .models import Certificate
        from .services.certificates import delete_file_on_commit

        project_created.connect(_plan_sessions, dispatch_uid="trainings.plan_sessions")
        # A removed participant takes their certificate's PDF (their name) along.
        post_delete.connect(
            delete_file_on_commit, sender=Certificate, dispatch_uid="trainings.certificate_file"
        )


def _plan_sessions(sender, project, actor, **kwargs):
    from .services.sessions import plan_sessions

    plan_sessions(project, actor=actor)
