"""The pulse: every few weeks each external contact of a project answers two questions about the
collaboration (do you still recognise the shared ambition? how is it going?), by a signed link
from the e-mail or in the app."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project

SCORES = [(n, str(n)) for n in range(1, 6)]
# How long an invitation can be answered, by its link or in the app.
ANSWER_WINDOW = datetime.timedelta(days=14)


class PulseInvitation(models.Model):
    """One person's pulse for one period of one project: sent, then (perhaps) answered once."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="pulses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd aan"),
        on_delete=models.CASCADE,
        related_name="pulses",
    )
    period_start = models.DateField(_("periode vanaf"))
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    ambition = models.PositiveSmallIntegerField(
        _("Herkent u zich nog in de gedeelde ambitie?"),
        choices=SCORES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    collaboration = models.PositiveSmallIntegerField(
        _("Hoe loopt de samenwerking?"),
        choices=SCORES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    remark = models.TextField(_("opmerking"), blank=True)

    class Meta:
        verbose_name = _("pulsvraag")
        verbose_name_plural = _("pulsvragen")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user", "period_start"], name="one_pulse_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True)
                | (
                    models.Q(ambition__gte=1, ambition__lte=5)
                    & models.Q(collaboration__gte=1, collaboration__lte=5)
                ),
                name="pulse_answer_has_scores",
            ),
        ]

    def __str__(self):
        return f"{self.project} – {self.user} ({self.period_start:%Y-%m-%d})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        """Past its answer window: the link and the in-app form say so and change nothing."""
        return self.sent_at + ANSWER_WINDOW < (now or timezone.now())


class PulseOptOut(models.Model):
    """Someone who asked for no more pulse e-mails (from the link in every pulse mail)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="pulse_opt_out",
    )
    created_at = models.DateTimeField(_("afgemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding voor de puls")
        verbose_name_plural = _("afmeldingen voor de puls")

    def __str__(self):
        return str(self.user)
