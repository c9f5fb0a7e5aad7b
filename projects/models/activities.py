from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Photo

from .catalogue import ActivityKind, Theme
from .participation import Lead, ParticipationLevel
from .projects import Phase, Project

# Designers note their hours quickly, in half hours; a day's work is the most one entry holds.
MAX_ACTIVITY_HOURS = Decimal(24)


def validate_activity_hours(value: Decimal) -> None:
    """Hours in steps of half an hour, from 0 to MAX_ACTIVITY_HOURS."""
    if value < 0:
        raise ValidationError(_("Het aantal uren kan niet negatief zijn."), code="min_value")
    if value > MAX_ACTIVITY_HOURS:
        raise ValidationError(
            _("Vul hoogstens %(max)s uur in; verdeel langer werk over meer activiteiten."),
            code="max_value",
            params={"max": int(MAX_ACTIVITY_HOURS)},
        )
    if (value * 2) % 1:
        raise ValidationError(
            _("Vul de uren in stappen van een half uur in, bijvoorbeeld 1,5."), code="half_hours"
        )


class Activity(models.Model):
    """Something the designers did in the neighbourhood (a Buurtexpeditie activity)."""

    Kind = ActivityKind

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="activities"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("fase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    date = models.DateField(_("datum"), default=timezone.localdate)
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"), null=True, blank=True)
    # Effort, not output (an inspanningsverplichting): compared with the order confirmation.
    hours = models.DecimalField(
        _("uren"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[validate_activity_hours],
        help_text=_("De uren van de buurtdesigners, in halve uren. Mag leeg blijven."),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind)
    title = models.CharField(_("titel"), max_length=200)
    notes = models.TextField(_("aantekeningen"), blank=True)
    location = models.CharField(_("plek"), max_length=200, blank=True)
    residents_reached = models.PositiveIntegerField(_("bewoners bereikt"), default=0)
    new_contacts = models.PositiveIntegerField(_("nieuwe contacten"), default=0)
    partners_present = models.CharField(_("aanwezige partners"), max_length=300, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True)
    # The participation ladder (issue 16): all optional, blank when not recorded.
    level_planned = models.CharField(
        _("beoogde participatie"), max_length=20, choices=ParticipationLevel, blank=True
    )
    level_reached = models.CharField(
        _("bereikte participatie"), max_length=20, choices=ParticipationLevel, blank=True
    )
    initiated_by = models.CharField(_("geïnitieerd door"), max_length=20, choices=Lead, blank=True)
    led_by = models.CharField(_("geleid door"), max_length=20, choices=Lead, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelogd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["project", "-date", "-id"], name="activity_timeline")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(residents_reached__gte=0, new_contacts__gte=0),
                name="activity_counts_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def validate_constraints(self, exclude=None):
        # The only constraint keeps both counts at 0 or more. When a form checked them itself
        # (min_value) and excluded them, Django would still build the check's query before
        # dropping it, which costs more than the rest of the form's validation.
        if exclude is not None and {"residents_reached", "new_contacts"} <= set(exclude):
            return
        super().validate_constraints(exclude=exclude)


class ActivityPhoto(Photo):
    """A photo of an activity, stored re-encoded without EXIF (no GPS of a resident's home)."""

    UPLOAD_DIR = "photos/%Y/%m/"

    activity = models.ForeignKey(
        Activity, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="photos"
    )

    class Meta(Photo.Meta):
        pass


class AuditEntry(models.Model):
    """Who changed what, and when: written by the services for edits and deletions."""

    class Action(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        UPDATED = "updated", _("gewijzigd")
        DELETED = "deleted", _("verwijderd")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("actie"), max_length=20, choices=Action)
    target_type = models.CharField(_("soort object"), max_length=50)
    target_id = models.PositiveBigIntegerField(_("object-id"))
    target_repr = models.CharField(_("object"), max_length=250)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"
