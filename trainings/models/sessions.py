from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Phase, Project


class SessionQuerySet(models.QuerySet):
    def held(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now())

    def planned(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())


class Session(models.Model):
    """A bijeenkomst of a training trajectory: when, where, what, with which trainers."""

    project = models.ForeignKey(
        Project, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="sessions"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("fase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    programme = models.TextField(_("programma"), blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="training_sessions",
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["project", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["project", "starts_at"], name="session_by_project")]

    def __str__(self):
        return self.title

    def is_held(self, now=None) -> bool:
        return self.starts_at < (now or timezone.now())


class Attendance(models.Model):
    """A participant was present at a session (no row: not present)."""

    session = models.ForeignKey(
        Session, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="attendance"
    )
    participant = models.ForeignKey(
        "trainings.Participant",
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="present_once_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.session}"
