"""What an order confirmation (cocreation) reads of a training: its sessions. Apps read each
other through functions like this one, never through the other's models."""

from django.utils import timezone

from projects.models import Project

from .models import Session


def sessions_for_confirmation(project: Project) -> list[dict] | None:
    """The sessions of a training (Buurtwerk) as the confirmation's snapshot lists them, by
    date; None for a project that is not a training."""
    if not (project.variant_id and project.variant.service.is_training):
        return None
    return [
        {
            "title": session.title,
            "starts_at": timezone.localtime(session.starts_at).isoformat(),
            "ends_at": timezone.localtime(session.ends_at).isoformat(),
            "location": session.location,
        }
        for session in Session.objects.filter(project=project).order_by("starts_at", "id")
    ]
