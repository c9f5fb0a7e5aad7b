"""Every party's answer to a proposed version: a consent tied to its content hash, or a
decline with the reason."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .agreements import AgreementVersion, Party


class Consent(models.Model):
    """A party's yes to exactly one content of a version, proven by its SHA-256."""

    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("versie"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("partij"), on_delete=models.CASCADE, related_name="consents"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingestemd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    content_hash = models.CharField(_("SHA-256 van de inhoud"), max_length=64)

    class Meta:
        verbose_name = _("instemming")
        verbose_name_plural = _("instemmingen")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party", "content_hash"], name="one_consent_per_party_content"
            ),
        ]

    def __str__(self):
        return f"{self.party} – {self.user} ({self.at:%Y-%m-%d})"


class Decline(models.Model):
    """A party's no to a proposed version, with its reason; the version went back to draft."""

    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("versie"),
        on_delete=models.CASCADE,
        related_name="declines",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("partij"), on_delete=models.CASCADE, related_name="declines"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    content_hash = models.CharField(_("SHA-256 van de inhoud"), max_length=64)
    reason = models.TextField(_("reden"))

    class Meta:
        verbose_name = _("afwijzing")
        verbose_name_plural = _("afwijzingen")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.party} – {self.reason[:60]}"
