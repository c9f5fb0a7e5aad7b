"""Signed links for people who answer without an account: a pulse, a request to confirm an
outcome, a training evaluation. The token names one row (the invitation) and expires; the row
itself says whether it was used, so a link works once. Each feature keeps its own salt
(`purpose`), so a token made for one kind of invitation opens no other."""

import datetime

from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

REFUSALS = {
    # reason: (HTTP status, what the page says)
    "tampered": (
        404,
        _("Deze link klopt niet. Kopieer de hele link uit de e-mail, of vraag ons om een nieuwe."),
    ),
    "expired": (410, _("Deze link is verlopen. Vraag ons gerust om een nieuwe.")),
    "used": (410, _("Deze link is al gebruikt: uw antwoord is ontvangen. Dank u wel!")),
}


class LinkRefused(Exception):
    """A link that opens nothing; `reason` is one of REFUSALS."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _salt(purpose: str) -> str:
    return f"buurtontdekkers.link.{purpose}"


def link_token(purpose: str, pk: int) -> str:
    """A URL-safe token naming row `pk` for `purpose`, signed with the secret key and dated now."""
    return signing.dumps(pk, salt=_salt(purpose))


def read_link_token(purpose: str, token: str, *, max_age: datetime.timedelta) -> int:
    """The row id a token names; LinkRefused("tampered") when it is not ours or not for this
    purpose, LinkRefused("expired") when older than `max_age`."""
    try:
        pk = signing.loads(token, salt=_salt(purpose), max_age=max_age)
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except signing.BadSignature:
        raise LinkRefused("tampered") from None
    if not isinstance(pk, int):
        raise LinkRefused("tampered")
    return pk


def refused_response(request, refusal: LinkRefused):
    """The page for a link that opens nothing: says why in plain Dutch, changes nothing."""
    status, message = REFUSALS[refusal.reason]
    return render(request, "core/link_refused.html", {"message": message}, status=status)
