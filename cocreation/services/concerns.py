"""Concerns raised by clients and partners, the replies, and closing them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import AbsoluteUri, send_after_commit, site_uri
from projects import audit
from projects.models import Project

from ..models import (
    Concern,
    ConcernReply,
)
from .recipients import designer_addresses


@transaction.atomic
def concern_raise(
    *, actor, project: Project, subject: str, body: str, absolute_uri: AbsoluteUri = site_uri
) -> Concern:
    """A client or partner raises a question or worry; the designers get an e-mail."""
    concern = Concern.objects.create(project=project, raised_by=actor, subject=subject, body=body)
    audit.record(actor=actor, project=project, action="created", obj=concern)
    send_after_commit(
        "cocreation/email/concern_raised",
        {"project": project, "concern": concern, "url": absolute_uri(concern.get_absolute_url())},
        designer_addresses(project),
    )
    return concern


@transaction.atomic
def concern_reply(
    *, actor, concern: Concern, body: str, absolute_uri: AbsoluteUri = site_uri
) -> ConcernReply:
    """Add a reply to the thread of an open concern; the other side gets an e-mail."""
    concern = (
        Concern.objects.select_for_update()
        .select_related("project", "raised_by")
        .get(pk=concern.pk)
    )
    if not concern.is_open:
        raise ValidationError(_("Deze vraag is al gesloten."), code="closed")
    reply = ConcernReply.objects.create(concern=concern, author=actor, body=body)
    if actor.is_designer_or_admin:
        recipients = [concern.raised_by.email]
    else:
        recipients = designer_addresses(concern.project)
    send_after_commit(
        "cocreation/email/concern_reply",
        {
            "project": concern.project,
            "concern": concern,
            "reply": reply,
            "url": absolute_uri(concern.get_absolute_url()),
        },
        recipients,
    )
    return reply


@transaction.atomic
def concern_close(*, actor, concern: Concern) -> Concern:
    """A designer closes a concern that has been answered."""
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if concern.is_open:
        concern.closed_at = timezone.now()
        concern.closed_by = actor
        concern.save(update_fields=["closed_at", "closed_by"])
        audit.record(
            actor=actor,
            project=concern.project,
            action="updated",
            obj=concern,
            changes={"closed_at": [None, concern.closed_at.isoformat()]},
        )
    return concern


@transaction.atomic
def concern_mark_read(*, actor, concern: Concern) -> bool:
    """The one who raised `concern` read its thread: its replies no longer wait for them.
    True when that changed something (saved, so the dashboards' asks follow)."""
    if actor.pk != concern.raised_by_id:
        return False
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    latest = concern.replies.exclude(author_id=actor.pk).order_by("-created_at").first()
    if latest is None or (
        concern.read_by_raiser_at and concern.read_by_raiser_at >= latest.created_at
    ):
        return False
    concern.read_by_raiser_at = timezone.now()
    concern.save(update_fields=["read_by_raiser_at"])
    return True
