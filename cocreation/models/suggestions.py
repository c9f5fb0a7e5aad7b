"""What a service variant suggests each party commits to: the first draft of a new project's
agreement starts with these commitments, per party role; the parties change them freely."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import ServiceVariant

from .agreements import Commitment


class SuggestedCommitment(models.Model):
    class PartyRole(models.TextChoices):
        CLIENT = "client", _("Opdrachtgever")
        OWN = "own", _("De Buurtontdekkers")
        PARTNER = "partner", _("Partner of bewonersgroep")

    variant = models.ForeignKey(
        ServiceVariant,
        verbose_name=_("dienstvariant"),
        on_delete=models.CASCADE,
        related_name="suggested_commitments",
    )
    party_role = models.CharField(_("partij"), max_length=20, choices=PartyRole)
    kind = models.CharField(
        _("soort inzet"), max_length=20, choices=Commitment.Kind, default=Commitment.Kind.TIME
    )
    description = models.TextField(
        _("inzet"), help_text=_("Wat deze partij inbrengt; geen vooraf vastgesteld resultaat.")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("voorgestelde inzet")
        verbose_name_plural = _("voorgestelde inzet per partij")
        ordering = ["variant", "party_role", "order", "id"]

    def __str__(self):
        return self.description[:80]
