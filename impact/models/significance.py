"""Most Significant Change: the team's choice of an entry as most significant for a period."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .entries import ImpactEntry


class SignificantChange(models.Model):
    """The team's choice of an entry as most significant for a period (Most Significant Change)."""

    entry = models.ForeignKey(
        ImpactEntry,
        verbose_name=_("impactitem"),
        on_delete=models.CASCADE,
        related_name="selections",
    )
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("periode tot en met"))
    reason = models.TextField(_("waarom deze keuze?"))
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gekozen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    selected_at = models.DateTimeField(_("gekozen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("meest significante verandering")
        verbose_name_plural = _("meest significante veranderingen")
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "period_start", "period_end"], name="impact_selected_once"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="impact_selection_period_order",
                violation_error_message=_("Het einde van de periode ligt vóór het begin."),
            ),
        ]

    def __str__(self):
        return f"{self.entry} ({self.period_start:%d-%m-%Y} – {self.period_end:%d-%m-%Y})"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("Het einde van de periode ligt vóór het begin.")}
            )
