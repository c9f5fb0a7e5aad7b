"""The audit trail: who changed what. Services call `record` inside their transaction."""

from django.db import models
from django.forms.models import model_to_dict

from .models import AuditEntry


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    """The audited values of `obj`, as JSON-friendly text."""
    data = model_to_dict(obj, fields=fields)
    return {name: _plain(value) for name, value in data.items()}


def _plain(value):
    if isinstance(value, list | tuple | set):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(getattr(value, "pk", value))


def changes_between(before: dict, after: dict) -> dict:
    """{field: [old, new]} for each field whose value differs."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(*, actor, project, action: str, obj: models.Model, changes: dict | None = None):
    """Write one audit entry for `obj` in `project`."""
    return AuditEntry.objects.create(
        project=project,
        actor=actor,
        action=action,
        target_type=obj._meta.label_lower,
        target_id=obj.pk,
        target_repr=str(obj)[:250],
        changes=changes or {},
    )


def last_editor(obj: models.Model) -> str | None:
    """Who made the save that gave `obj` its `updated_at`: the actor of the audit entry written
    with it (None when that save wrote none, e.g. in the admin)."""
    entry = (
        AuditEntry.objects.filter(
            target_type=obj._meta.label_lower, target_id=obj.pk, at__gte=obj.updated_at
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return entry.actor.get_full_name() if entry and entry.actor else None
