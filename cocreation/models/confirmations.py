"""Order confirmations: the PDF that confirms an agreed agreement version as an order.

Numbered OB-YYYY-NNNN without gaps per year (a counter row per year, locked in the transaction
that creates the confirmation, so a rolled-back generation gives its number back). The content
is frozen in `snapshot` at the click; the PDF is built from it by a Celery task. Once ready a
confirmation never changes again, except to record which later confirmation supersedes it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import RenderedDocument
from projects.models import Project


class ConfirmationLocked(ValidationError):
    """Raised when something tries to change or delete a ready confirmation."""

    def __init__(self):
        super().__init__(
            _("Deze opdrachtbevestiging is definitief en kan niet meer veranderen."),
            code="confirmation_locked",
        )


class ConfirmationCounter(models.Model):
    """The last number handed out in a year; its row is the lock that keeps numbers gap-free."""

    year = models.PositiveSmallIntegerField(_("jaar"), primary_key=True)
    last = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("nummering opdrachtbevestigingen")
        verbose_name_plural = _("nummering opdrachtbevestigingen")

    def __str__(self):
        return f"{self.year}: {self.last}"


class LockedWhenReadyQuerySet(models.QuerySet):
    """No bulk update or delete reaches a ready row, except an update of the model's
    MUTABLE_WHEN_READY fields."""

    def update(self, **kwargs):
        if set(kwargs) - self.model.MUTABLE_WHEN_READY and self._holds_ready():
            raise ConfirmationLocked
        return super().update(**kwargs)

    def delete(self):
        if self._holds_ready():
            raise ConfirmationLocked
        return super().delete()

    def _holds_ready(self) -> bool:
        return self.filter(status=RenderedDocument.Status.READY).exists()


class LockedWhenReady:
    """A rendered document that never changes once ready (its MUTABLE_WHEN_READY fields
    aside): what the parties received is what the archive holds."""

    MUTABLE_WHEN_READY: frozenset[str] = frozenset()

    def save(self, *args, **kwargs):
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] == RenderedDocument.Status.READY:
                fields = kwargs.get("update_fields")
                if fields is None or set(fields) - self.MUTABLE_WHEN_READY:
                    raise ConfirmationLocked
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status == RenderedDocument.Status.READY:
            raise ConfirmationLocked
        return super().delete(*args, **kwargs)


class OrderConfirmation(LockedWhenReady, RenderedDocument):
    # Once ready, only the link to the confirmation that replaces it may still be set.
    MUTABLE_WHEN_READY = frozenset({"superseded_by", "superseded_at"})
    RENDER_TASK = "cocreation.render_order_confirmation"

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="order_confirmations",
    )
    version = models.ForeignKey(
        "cocreation.AgreementVersion",
        verbose_name=_("afgesproken versie"),
        on_delete=models.PROTECT,
        related_name="order_confirmations",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    sequence = models.PositiveIntegerField(_("volgnummer"))
    number = models.CharField(_("nummer"), max_length=20, unique=True)
    fee = models.DecimalField(_("honorarium (euro, excl. btw)"), max_digits=9, decimal_places=2)
    hours = models.PositiveIntegerField(_("aantal uren"))
    # The term runs from the first phase's start to the last phase's end (derived at the click,
    # so the contract never ends before the trajectory does); the weeks are that span, rounded up.
    term_weeks = models.PositiveSmallIntegerField(_("looptijd (weken)"))
    term_start = models.DateField(_("begin looptijd"), null=True, blank=True)
    term_end = models.DateField(_("einde looptijd"), null=True, blank=True)
    client_reference = models.CharField(
        _("kenmerk opdrachtgever"),
        max_length=100,
        blank=True,
        help_text=_("Het inkoopnummer of kenmerk van de opdrachtgever, als die er een heeft."),
    )
    general_terms = models.ForeignKey(
        "cocreation.GeneralTerms",
        verbose_name=_("algemene voorwaarden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_confirmations",
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gegenereerd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("vervangen door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    superseded_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)
    # Required when it replaces a confirmation of the same version and terms (services).
    replace_reason = models.TextField(_("reden van vervanging"), blank=True)

    objects = LockedWhenReadyQuerySet.as_manager()

    class Meta:
        verbose_name = _("opdrachtbevestiging")
        verbose_name_plural = _("opdrachtbevestigingen")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="unique_confirmation_number"),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="ready_confirmation_has_hash",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="confirmation_term_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="confirmation_sweep")]

    def __str__(self):
        return self.number

    @staticmethod
    def format_number(year: int, sequence: int) -> str:
        return f"OB-{year}-{sequence:04d}"

    @property
    def filename(self) -> str:
        return f"{self.number}.pdf"

    def storage_name(self) -> str:
        return f"opdrachtbevestigingen/{self.year}/{self.number}.pdf"

    def get_download_url(self) -> str:
        return reverse(
            "cocreation:confirmation_download",
            kwargs={"slug": self.project.slug, "number": self.number},
        )


class ConfirmationCopy(LockedWhenReady, RenderedDocument):
    """The confirmation as the other parties of the agreement read it (a residents' group, a
    local partner): the same frozen snapshot, without fee, hours and payment, which only the
    client and the firm see (DESIGN §5). Rendered by the same pipeline, after its confirmation;
    once ready it never changes."""

    RENDER_TASK = "cocreation.render_confirmation_copy"

    confirmation = models.OneToOneField(
        OrderConfirmation,
        verbose_name=_("opdrachtbevestiging"),
        on_delete=models.PROTECT,
        related_name="party_copy",
    )

    objects = LockedWhenReadyQuerySet.as_manager()

    class Meta:
        verbose_name = _("opdrachtbevestiging voor partijen")
        verbose_name_plural = _("opdrachtbevestigingen voor partijen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="ready_confirmation_copy_has_hash",
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="confirmation_copy_sweep")]

    def __str__(self):
        return str(self.confirmation)

    @property
    def filename(self) -> str:
        return f"{self.confirmation.number}-partijen.pdf"

    def storage_name(self) -> str:
        return f"opdrachtbevestigingen/{self.confirmation.year}/{self.filename}"
