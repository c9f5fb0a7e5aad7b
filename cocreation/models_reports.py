"""Progress reports (voortgangsrapportages): the dashboard of a project over a chosen period, as
a PDF for clients who report upward.

Made by the same pipeline as order confirmations (row → on_commit enqueue → worker → ready) and
with the same states. Unlike a confirmation a report is not frozen at the click: the worker builds
it from what its requester may see at that moment, so a consent withdrawn before the render is
respected.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models_confirmations import OrderConfirmation


def _report_path(report, filename: str) -> str:
    # The id keeps two reports over the same period apart; the download gets the readable name.
    return f"voortgangsrapportages/{report.project_id}/{report.pk}.pdf"


class ProgressReport(models.Model):
    Status = OrderConfirmation.Status
    IN_PROGRESS = OrderConfirmation.IN_PROGRESS

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("periode tot en met"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    pdf = models.FileField(_("pdf"), upload_to=_report_path, blank=True)
    sha256 = models.CharField(_("SHA-256 van de pdf"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("in de wachtrij gezet op"), null=True, blank=True)
    rendering_started_at = models.DateTimeField(_("opmaak begonnen op"), null=True, blank=True)
    ready_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("voortgangsrapportage")
        verbose_name_plural = _("voortgangsrapportages")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="ready_report_has_hash",
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="report_sweep")]

    def __str__(self):
        return f"{self.project} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("De einddatum ligt vóór de begindatum.")}, code="period_order"
            )
        if self.period_end and self.period_end > timezone.localdate():
            raise ValidationError(
                {"period_end": _("De periode kan niet verder lopen dan vandaag.")},
                code="period_future",
            )

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def filename(self) -> str:
        return f"voortgangsrapportage-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}.pdf"

    def get_download_url(self) -> str:
        return reverse(
            "cocreation:report_download", kwargs={"slug": self.project.slug, "pk": self.pk}
        )
