"""E-mails that leave only once the transaction commits, always in Dutch.

Their links start with the site's address: SITE_URL when it is set (production refuses to start
without it, so there it always is); in development, where it may be left unset, the address of
the request that caused the mail (the running server's own host and port), passed along as
`base` to mail a worker sends later; and only when neither exists (a beat task in development)
the development server's usual address.
"""

import functools
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

AbsoluteUri = Callable[[str], str]


# Only for mail without a request behind it in development (a beat reminder, a digest).
DEVELOPMENT_SITE = "http://localhost:8000"


def site_address(request=None) -> str:
    """The address e-mail links start with: SITE_URL when set, else that of `request` (the
    running server's own), else DEVELOPMENT_SITE. No trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_SITE


def site_uri(path: str, *, base: str = "") -> str:
    """A full link for `path`: on SITE_URL when set, else on `base` (the address of the request
    that caused the mail, captured for a worker), else on DEVELOPMENT_SITE."""
    address = settings.SITE_URL or base or DEVELOPMENT_SITE
    return address.rstrip("/") + path


def absolute_uri_for(request) -> AbsoluteUri:
    """What a view hands a service that mails links: paths become links on the site's address
    as this request sees it (see `site_address`)."""
    return functools.partial(site_uri, base=site_address(request))


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
