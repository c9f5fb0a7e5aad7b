from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"
    verbose_name = _("Projecten")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models import signals

        # Registers the Celery tasks enqueued by name (services.visits).
        from . import tasks  # noqa: F401
        from .models import Membership

        # The header names an external person's roles from their memberships, cached
        # (User.role_label): read them at login, forget them when a membership changes.
        user_logged_in.connect(_read_external_roles, dispatch_uid="projects.read_external_roles")
        for signal in (signals.post_save, signals.post_delete):
            signal.connect(
                _forget_external_roles,
                sender=Membership,
                dispatch_uid=f"projects.forget_external_roles.{signal is signals.post_save}",
            )
        signals.post_migrate.connect(
            _restore_empty_catalogue, sender=self, dispatch_uid="projects.restore_catalogue"
        )


def _read_external_roles(sender, user, **kwargs):
    if user.role == user.Role.EXTERNAL:
        user.remember_external_roles()


def _forget_external_roles(sender, instance, **kwargs):
    from django.core.cache import cache

    from .models.people import external_roles_key

    cache.delete(external_roles_key(instance.user_id))


# The data migrations that seed the catalogue, in order: 0002 the services, their variants
# and the themes; 0006 each variant's template (phases, activity kinds, agreement texts); 0011
# the training variants' sessions and certificate threshold.
CATALOGUE_SEEDS = [
    "0002_seed_catalogue",
    "0006_seed_variant_templates",
    "0011_seed_training_variants",
]


def _restore_empty_catalogue(sender, using, apps=None, **kwargs):
    """`flush` (and every test that flushes) empties the catalogue that the data migrations
    seed; refill it then, and tell the apps that add to it (`catalogue_restored`: cocreation's
    suggested commitments). A catalogue the admin has edited is never touched: only an empty
    one."""
    import importlib

    from django.apps import apps as installed_apps

    from .signals import catalogue_restored

    apps = apps or installed_apps
    Service = apps.get_model("projects", "Service")
    if Service.objects.using(using).exists():
        return
    for name in CATALOGUE_SEEDS:
        seeding = importlib.import_module(f"projects.migrations.{name}")
        seeding.seed(apps, schema_editor=None)
    catalogue_restored.send(sender=sender.__class__, apps=apps, using=using)
