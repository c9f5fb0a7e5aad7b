"""Concerns: a question or worry a client or partner raises; designers answer and close it."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.rows import read_along
from projects.models import Project


class Concern(models.Model):
    """A question or worry a client or partner raises; designers answer and close it."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="concerns"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("uw vraag of zorg"))
    created_at = models.DateTimeField(_("gesteld op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the one who raised it last read the thread: a reply after it waits for them.
    read_by_raiser_at = models.DateTimeField(
        _("gelezen door de vraagsteller op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("vraag of zorg")
        verbose_name_plural = _("vragen en zorgen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["closed_at", "created_at"], name="concern_open")]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("cocreation:concern", kwargs={"slug": self.project.slug, "pk": self.pk})

    @cached_property
    def reply_list(self) -> list:
        """The replies, oldest first, with their authors: those read along with the concern
        when they were (`reply_rows`, see cocreation.selectors), else from the database."""
        stored = self.replies.select_related("author")
        return read_along(self, "reply_rows", ConcernReply, stored, order_by=("created_at", "id"))

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def unread_replies(self) -> list:
        """The replies of others the one who raised it has not read yet (none once closed)."""
        if not self.is_open:
            return []
        return [
            reply
            for reply in self.reply_list
            if reply.author_id != self.raised_by_id
            and (self.read_by_raiser_at is None or reply.created_at > self.read_by_raiser_at)
        ]

    @property
    def is_overdue(self) -> bool:
        """Open for more than a week: it should have had attention by now."""
        return self.is_open and self.created_at < timezone.now() - datetime.timedelta(days=7)


class ConcernReply(models.Model):
    concern = models.ForeignKey(
        Concern, verbose_name=_("vraag of zorg"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("reactie"))
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.body[:60]
