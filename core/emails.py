"""E-mails that leave only once the transaction commits, always in Dutch."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

AbsoluteUri = Callable[[str], str]


def site_uri(path: str) -> str:
    """A full link for `path` when no request is at hand (Celery tasks)."""
    return getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/") + path


def render_plain(name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: in an e-mail "'t plein & de bankjes"
    must read as typed, not as "&#x27;t plein &amp; de bankjes"."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """`<template>_subject.txt` on one line and `<template>_body.txt`, as plain text."""
    subject = " ".join(render_plain(f"{template}_subject.txt", context).split())
    return subject, render_plain(f"{template}_body.txt", context)


def send_after_commit(template: str, context: dict, recipients: Iterable[str]) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` (e.g. "cocreation/email/agreed")
    and send it to each recipient separately (nobody sees the others' addresses) after the
    current transaction commits."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return

    def send():
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = render_mail(template, context)
        for address in addresses:
            send_mail(subject, body, None, [address])

    transaction.on_commit(send)
