"""Resident initiatives (bewonersinitiatieven) and their ownership over time."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.rows import read_along
from projects.models import Project

from .entries import Visibility


class Initiative(models.Model):
    """A resident initiative (bewonersinitiatief) that grew out of the work."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("naam van het initiatief"), max_length=200)
    description = models.TextField(
        _("omschrijving"),
        blank=True,
        help_text=_("Wat doen de bewoners? Noem geen namen van bewoners zonder hun toestemming."),
    )
    started_on = models.DateField(_("gestart op"), default=timezone.localdate)
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=20, choices=Visibility, default=Visibility.SHARED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bewonersinitiatief")
        verbose_name_plural = _("bewonersinitiatieven")
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.title

    @cached_property
    def steps(self) -> list:
        """The ownership steps, oldest first: those read along with the initiative when they
        were (`step_rows`, see impact.selectors), else the (prefetched) related steps."""
        return read_along(
            self, "step_rows", OwnershipStep, self.ownership_steps.all(), order_by=("date", "id")
        )

    @property
    def current_step(self):
        """The latest ownership step."""
        return self.steps[-1] if self.steps else None


class OwnershipStep(models.Model):
    """Who leads the initiative from `date` on: ownership growing towards the residents."""

    class Level(models.IntegerChoices):
        DESIGNER_LED = 1, _("Geleid door de buurtdesigners")
        CO_LED = 2, _("Samen geleid")
        RESIDENT_LED = 3, _("Geleid door bewoners")
        INDEPENDENT = 4, _("Zelfstandig, zonder ons")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="ownership_steps",
    )
    level = models.PositiveSmallIntegerField(_("eigenaarschap"), choices=Level)
    date = models.DateField(_("datum"), default=timezone.localdate)
    remark = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("stap in eigenaarschap")
        verbose_name_plural = _("stappen in eigenaarschap")
        ordering = ["date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="impact_ownership_level_known"
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.get_level_display()} ({self.date:%d-%m-%Y})"

    def clean(self):
        if self.initiative_id and self.date and self.date < self.initiative.started_on:
            raise ValidationError({"date": _("Deze datum ligt vóór de start van het initiatief.")})
