"""Receivers of the trainings app: a certificate's stored PDF goes when its row goes (with its
participant, for instance), once the deletion has committed: a rollback keeps both."""

from django.db import transaction
from django.db.models import signals

from .models import Certificate


def _delete_certificate_file(sender, instance, **kwargs):
    name = instance.pdf.name
    if not name:
        return
    storage = instance.pdf.storage
    transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    """Connect the receivers (once, from TrainingsConfig.ready)."""
    signals.post_delete.connect(
        _delete_certificate_file,
        sender=Certificate,
        dispatch_uid="trainings.delete_certificate_file",
    )
