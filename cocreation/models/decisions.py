"""Continuation decisions: the guard against a "phase two" nobody decided on.

Each phase of the trajectory ends with a recorded decision: continue as agreed, adjust (which
starts a new agreement version) or stop; with, per party, whether it agreed and who spoke for
it. Three weeks before a phase's end without one, the designers get a reminder, once
(`ContinuationReminder`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Phase

from .agreements import AgreementVersion

# A phase ending within this many days without a decision is due (the project turns amber).
GUARD_DAYS = 21


class ContinuationDecision(models.Model):
    """How the parties decided to go on after a phase."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("Doorgaan zoals afgesproken")
        ADJUST = "adjust", _("Bijstellen")
        STOP = "stop", _("Stoppen")

    phase = models.OneToOneField(
        Phase,
        verbose_name=_("fase"),
        on_delete=models.CASCADE,
        related_name="continuation_decision",
    )
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome)
    reason = models.TextField(_("waarom"))
    decided_on = models.DateField(_("besloten op"), default=timezone.localdate)
    # For "adjust": the draft version the decision started.
    new_version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("nieuwe versie van de afspraak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("besluit over het vervolg")
        verbose_name_plural = _("besluiten over het vervolg")
        ordering = ["phase__project", "phase__order", "phase__id"]

    def __str__(self):
        return f"{self.phase}: {self.get_outcome_display()}"


class PartyDecision(models.Model):
    """One party's part in a continuation decision: whether it agreed, and who spoke for it."""

    decision = models.ForeignKey(
        ContinuationDecision,
        verbose_name=_("besluit"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partij"), on_delete=models.PROTECT, related_name="+"
    )
    agreed = models.BooleanField(_("stemt in"), default=True)
    decided_by = models.CharField(_("namens de partij"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("besluit van een partij")
        verbose_name_plural = _("besluiten van de partijen")
        ordering = ["decision", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"], name="one_row_per_party_per_decision"
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.agreed}"


class ContinuationReminder(models.Model):
    """That the designers were told a phase's end needs a decision: once per phase."""

    phase = models.OneToOneField(
        Phase, verbose_name=_("fase"), on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("herinnering besluit over het vervolg")
        verbose_name_plural = _("herinneringen besluit over het vervolg")

    def __str__(self):
        return str(self.phase)
