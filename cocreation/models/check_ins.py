"""Check-ins (reflectiemomenten): how every party's commitments went, and what we adjust."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .agreements import Agreement, AgreementVersion, Commitment


class CheckIn(models.Model):
    """A reflectiemoment: how every party's commitments went, and what we adjust."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("afspraak"), on_delete=models.CASCADE, related_name="check_ins"
    )
    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("besproken versie"),
        on_delete=models.PROTECT,
        related_name="check_ins",
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    attendees = models.TextField(_("aanwezigen"))
    notes = models.TextField(_("aantekeningen"), blank=True)
    adjustments = models.TextField(_("afgesproken aanpassingen"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("reflectiemoment")
        verbose_name_plural = _("reflectiemomenten")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.agreement} – {self.date:%Y-%m-%d}"


class CommitmentReview(models.Model):
    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("Loopt goed")
        ATTENTION = "attention", _("Vraagt aandacht")
        DONE = "done", _("Gedaan")
        DROPPED = "dropped", _("Vervallen")

    check_in = models.ForeignKey(
        CheckIn, verbose_name=_("reflectiemoment"), on_delete=models.CASCADE, related_name="reviews"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("inzet"), on_delete=models.CASCADE, related_name="reviews"
    )
    status = models.CharField(_("hoe ging het"), max_length=20, choices=Status)
    remark = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("terugblik op inzet")
        verbose_name_plural = _("terugblikken op inzet")
        ordering = ["check_in", "commitment__party__order", "commitment__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["check_in", "commitment"], name="one_review_per_commitment"
            ),
        ]

    def __str__(self):
        return f"{self.commitment} – {self.get_status_display()}"
