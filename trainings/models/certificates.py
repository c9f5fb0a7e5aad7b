from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import RenderedDocument

from .participants import Participant


class Certificate(RenderedDocument):
    """A deelnamebewijs: one per participant who attended at least the variant's minimum
    share of sessions, rendered by the document pipeline (never lost, idempotent)."""

    RENDER_TASK = "trainings.render_certificate"

    participant = models.OneToOneField(
        Participant,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="certificate",
    )

    class Meta:
        verbose_name = _("deelnamebewijs")
        verbose_name_plural = _("deelnamebewijzen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="ready_certificate_has_hash",
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="certificate_sweep")]

    def __str__(self):
        return str(self.participant)

    @property
    def filename(self) -> str:
        return f"deelnamebewijs-{slugify(self.participant.name) or self.participant_id}.pdf"

    def storage_name(self) -> str:
        return f"deelnamebewijzen/{self.participant.project_id}/{self.pk}-{self.filename}"
