"""One click, one row: a form that creates something is carried out once per form shown.

A double click, a second tap on a slow connection or a form sent again must not make two
concerns, two activities or two projects. The browser spares the second request
(static/js/submit-once.js); this module makes it hold on the server, where no script can be
skipped.

- Every form shown gets its own random token. The context processor `token_context` puts
  `once_token` in every template's context as a function, so each `{% include "_once.html" %}`
  inside a `<form>` renders a fresh one. A token costs nothing until its form is sent.
- A view that creates is decorated with `@submit_once`, under `@login_required`. A POST with a
  token runs in one transaction that first inserts `core.Submission(user, token)`, unique per
  user and token, and then runs the view:
  - when the view made something (it answered with a redirect, or, for htmx, with a page that
    names its own address in `Content-Location`: see `shown_at`), the row keeps that address
    and commits together with what the view made;
  - otherwise (a form with errors) the transaction is rolled back, so the token is not spent.
- The same token again, from the same user: on PostgreSQL a second insert waits on the unique
  index until the first transaction ends. If it committed, the insert does nothing and the second
  request is sent where the first one went, with a note that the form had been sent already:
  the user sees what they made, once, and no error. If it rolled back, the second simply runs.
- A POST without a well-formed token is carried out as before, unguarded. A page opened before
  the tokens existed must keep working, and refusing it would stop no one who means to post
  twice (loading the form twice gives two tokens); it would only lose someone's typing.
- A token is kept for a day (`KEPT_FOR`), long enough for a double click, a resend or going
  back and sending again; after a guarded submission its user's older tokens are deleted, at
  most once an hour per user (`FORGET_EVERY`, remembered in the cache), so no periodic task is
  needed and a form sent every minute does not pay for a DELETE each time.
"""

import datetime
import re
import secrets
from functools import partial, wraps

from django.contrib import messages
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "once"
KEPT_FOR = datetime.timedelta(days=1)
FORGET_EVERY = datetime.timedelta(hours=1)
_WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{16,64}")
_REDIRECTS = {301, 302, 303, 307, 308}


def new_token() -> str:
    """A fresh random token for one form."""
    return secrets.token_urlsafe(24)


def token_context(request) -> dict:
    """Context processor: `{{ once_token }}` renders a new token wherever it is used (a
    template calls a callable it finds in its context)."""
    return {"once_token": new_token}


def shown_at(response: HttpResponse, url: str) -> HttpResponse:
    """Name the address of the page a successful 2xx answer shows (an htmx panel), so a
    repeat of the same form is sent there. A redirect needs nothing: it names its target."""
    if response.status_code not in _REDIRECTS:
        response["Content-Location"] = url
    return response


def submit_once(view):
    """Carry out a POST at most once per user and form token (see the module's docstring)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not _WELL_FORMED.fullmatch(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            claimed = _claim(request.user, token)
            if claimed is None:
                return _sent_before(request, token)
            response = view(request, *args, **kwargs)
            made = _where_made(response)
            if made is None:
                transaction.set_rollback(True)
                return response
            Submission.objects.filter(pk=claimed).update(redirect_to=made)
            transaction.on_commit(partial(_forget_old_tokens, request.user.pk), robust=True)
        return response

    return guarded


def _claim(user, token: str) -> int | None:
    """The id of the new row for `token`, or None when `user` sent it before. Waits while a
    transaction that inserted the same token is still open."""
    # ON CONFLICT DO NOTHING instead of catching an IntegrityError: no savepoint around the
    # insert (two statements fewer), and the same wait on the unique index. PostgreSQL and
    # SQLite (3.35+) both read it.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_submission (user_id, token, redirect_to, created_at) "
            "VALUES (%s, %s, '', %s) ON CONFLICT (user_id, token) DO NOTHING RETURNING id",
            [user.pk, token, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _sent_before(request, token: str) -> HttpResponse:
    target = (
        Submission.objects.filter(user=request.user, token=token)
        .values_list("redirect_to", flat=True)
        .first()
    )
    if not target:  # a row commits with its address; only a database without locking gets here
        return HttpResponse(
            _("Dit formulier wordt al verwerkt. Laad de pagina over een moment opnieuw."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    if not request.htmx:
        messages.info(
            request, _("Dit formulier was al verstuurd en is één keer verwerkt: u ziet het hier.")
        )
    return HttpResponseRedirect(target)


def _where_made(response: HttpResponse) -> str | None:
    """The address that shows what the view made, or None when it made nothing."""
    if response.status_code in _REDIRECTS:
        return response.get("Location")
    if 200 <= response.status_code < 300:
        return response.get("Content-Location")
    return None


def _forget_old_tokens(user_id: int) -> None:
    # cache.add stores the key only when it is absent: the first submission of the hour wins.
    if cache.add(f"once:forgotten:{user_id}", True, FORGET_EVERY.total_seconds()):
        Submission.objects.filter(
            user_id=user_id, created_at__lt=timezone.now() - KEPT_FOR
        ).delete()
