"""Who opted out of the weekly digest, and who had this week's already."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DigestOptOut(models.Model):
    """A client or partner contact who does not want the weekly digest e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="digest_opt_out",
    )
    at = models.DateTimeField(_("afgemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("afmelding weekoverzicht")
        verbose_name_plural = _("afmeldingen weekoverzicht")

    def __str__(self):
        return str(self.user)


class DigestSent(models.Model):
    """That a user's digest for the week starting `week` went out: the task may run twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("week van"))
    at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurd weekoverzicht")
        verbose_name_plural = _("verstuurde weekoverzichten")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="impact_digest_once_a_week"),
        ]

    def __str__(self):
        return f"{self.user} – {self.week:%Y-%m-%d}"
