"""Abstract models that several apps build on: a stored photo, and a document rendered to PDF
in the background. Neither knows the domain; each app's subclass adds what belongs to it.
And one table of its own: the form tokens already sent (core/once.py)."""

import datetime
import posixpath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def photo_path(photo, filename: str) -> str:
    """Where a photo is stored: its model's `UPLOAD_DIR` (strftime codes allowed) + the name."""
    return posixpath.join(datetime.datetime.now().strftime(photo.UPLOAD_DIR), filename)


class Photo(models.Model):
    """A photo stored re-encoded without EXIF (core.photos.store_photos makes the clean copy),
    served only through a view that asks the permission layer first."""

    UPLOAD_DIR = "photos/%Y/%m/"

    image = models.ImageField(
        _("foto"), upload_to=photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("onderschrift"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["id"]

    def __str__(self):
        return self.caption or self.image.name


def document_path(document, filename: str) -> str:
    """Where a rendered PDF is stored: decided by its model's `storage_name()`."""
    return document.storage_name()


class RenderedDocument(models.Model):
    """A PDF made by a Celery worker from a row: queued → rendering → ready (or failed).

    core.documents moves every subclass through the same steps (claim → render → store →
    sweep); a subclass says what it is called, where it is stored and how it is rendered.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RENDERING = "rendering", _("Wordt opgemaakt")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Mislukt")

    IN_PROGRESS = (Status.QUEUED, Status.RENDERING)
    # The name of the Celery task that renders a row (core.documents.run is its body).
    RENDER_TASK = ""

    snapshot = models.JSONField(_("vastgelegde inhoud"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    pdf = models.FileField(_("pdf"), upload_to=document_path, blank=True)
    sha256 = models.CharField(_("SHA-256 van de pdf"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    enqueued_at = models.DateTimeField(_("in de wachtrij gezet op"), null=True, blank=True)
    rendering_started_at = models.DateTimeField(_("opmaak begonnen op"), null=True, blank=True)
    ready_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def filename(self) -> str:
        """The name a download gets."""
        raise NotImplementedError

    def storage_name(self) -> str:
        """The path of the stored PDF in the media storage."""
        raise NotImplementedError


class Submission(models.Model):
    """A form token that was sent and made something (core/once.py): the same token again is
    answered with `redirect_to`, the page that shows what was made, instead of a second row."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    token = models.CharField(_("formuliersleutel"), max_length=64)
    redirect_to = models.TextField(_("doorgestuurd naar"), blank=True)
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="core_submission_once"),
        ]

    def __str__(self):
        return self.token
