"""Progress reports (voortgangsrapportages): the dashboard of a project over a chosen period, as
a PDF for clients who report upward.

Made by the same pipeline as order confirmations (core.documents: row → on_commit enqueue →
worker → ready) and with the same states. Unlike a confirmation a report is not frozen at the
click: the worker builds it from what its requester may see at that moment, so a consent
withdrawn before the render is respected.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.models import RenderedDocument
from projects.models import Project

# The longest period a report covers: a worker draws a row per month, so the period bounds its
# time and memory (one report over 0001–2026 kept a worker busy for minutes and gigabytes).
MAX_PERIOD_YEARS = 5
OPEN = models.Q(status__in=RenderedDocument.IN_PROGRESS)
ONE_AT_A_TIME = _("Er wordt al een voortgangsrapportage voor u gemaakt. Wacht tot die klaar is.")


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
            # One report in the making per person and project, also for two clicks at once.
            models.UniqueConstraint(
                fields=["project", "requested_by"],
                condition=OPEN,
                name="one_open_report_per_requester",
                violation_error_code="in_progress",
                violation_error_message=ONE_AT_A_TIME,
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="report_sweep")]

    def __str__(self):
        return f"{self.project} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    def clean(self):
        super().clean()
        errors = self._period_errors()
        if errors:
            raise ValidationError(errors)

    def _period_errors(self) -> dict[str, list[ValidationError]]:
        """Why the period cannot be reported on, per field: in order, not beyond today, not
        before the project's start, and at most MAX_PERIOD_YEARS long."""
        start, end, errors = self.period_start, self.period_end, {}
        if start and end and end < start:
            errors["period_end"] = [
                ValidationError(_("De einddatum ligt vóór de begindatum."), code="period_order")
            ]
            return errors
        if end and end > timezone.localdate():
            errors["period_end"] = [
                ValidationError(
                    _("De periode kan niet verder lopen dan vandaag."), code="period_future"
                )
            ]
        project_start = self.project.start_date if self.project_id else None
        if start and project_start and start < project_start:
            errors["period_start"] = [
                ValidationError(
                    _("De periode kan niet beginnen vóór de start van het project (%(start)s)."),
                    code="before_project",
                    params={"start": date_format(project_start, "j F Y")},
                )
            ]
        if start and end and _longer_than(start, end, MAX_PERIOD_YEARS):
            errors.setdefault("period_end", []).append(
                ValidationError(
                    _("Een rapportage beslaat hoogstens %(years)s jaar; kies een kortere periode."),
                    code="period_too_long",
                    params={"years": MAX_PERIOD_YEARS},
                )
            )
        return errors

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


def _longer_than(start: datetime.date, end: datetime.date, years: int) -> bool:
    """Whether `end` lies more than `years` after `start`: 1 March 2021 – 1 March 2026 is five
    years, a day more is longer (no date arithmetic, so no overflow near year 1 or 9999)."""
    return (end.year - start.year, end.month, end.day) > (years, start.month, start.day)
