from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """Composition only: what each user sees on the dashboard, home and project pages, in
    progress reports and in the weekly digest, built from the other apps' selectors."""

    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        # Registers the Celery tasks that core.documents enqueues by name.
        from . import freshness, health_stamps, tasks  # noqa: F401

        freshness.connect()
        health_stamps.connect()
