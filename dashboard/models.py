"""Progress reports (voortgangsrapportages): the dashboard of a project over a chosen period, as
a PDF for clients who report upward.

Made by the same pipeline as order confirmations (core.documents: row → on_commit enqueue →
worker → ready) and with the same states. Unlike a confirmation a report is not frozen at the
click: the worker builds it from what its requester may see at that moment, so a consent
withdrawn before the render is respected.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import RenderedDocument
from projects.models import Project


class ProgressReport(RenderedDocument):
    RENDER_TASK = "dashboard.render_progress_report"

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

    class Meta:
        # The table the model had when it lived in cocreation, so no row moves.
        db_table = "cocreation_progressreport"
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
    def filename(self) -> str:
        return f"voortgangsrapportage-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}.pdf"

    def storage_name(self) -> str:
        # The id keeps two reports over the same period apart; the download gets `filename`.
        return f"voortgangsrapportages/{self.project_id}/{self.pk}.pdf"

    def get_download_url(self) -> str:
        return reverse(
            "dashboard:report_download", kwargs={"slug": self.project.slug, "pk": self.pk}
        )
