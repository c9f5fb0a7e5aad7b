from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cross-cutting parts that know no domain: health, login throttle, locale, photos, CSV,
    charts, e-mail and the pipeline that renders documents to PDF."""

    name = "core"
    verbose_name = _("Basis")
