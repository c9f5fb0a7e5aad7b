"""E-mails that leave only once the transaction commits, always in Dutch."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

AbsoluteUri = Callable[[str], str]


def site_uri(path: str) -> str:
    """A full link for `path` when no request is at hand (Celery tasks)."""
    return getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/") + path


def send_after_commit(template: str, context: dict, recipients: Iterable[str]) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` (e.g. "cocreation/email/agreed")
    and send it to each recipient separately (nobody sees the others' addresses) after the
    current transaction commits."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"{template}_subject.txt", context)
            body = render_to_string(f"{template}_body.txt", context)
        for address in addresses:
            send_mail(" ".join(subject.split()), body, None, [address])

    transaction.on_commit(send)
