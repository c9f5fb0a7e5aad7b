"""Without Sentry, errors reach the admins by mail: a 500 (logger django.request) and a PDF job
that failed for good (logger core.documents), each kind at most once an hour.

The kind is what someone would fix once: a 500's exception class and the view it happened in
(`500 ZeroDivisionError dashboard:project`, not the URL, so every project's page is one
kind; a 5xx answered without an exception, such as /healthz's 503, `503 - healthz`); a
document's model (`document cocreation.OrderConfirmation`), whichever row and whatever the
cause; anything else its logger and message template. The hour is counted in Django's cache
with `cache.add`, so with Redis (CACHE_URL) it holds across the web workers and the Celery
worker; when the cache does not answer, this process counts alone.

The mail holds what one needs to find the bug and nothing that names a person: the traceback
without local variables, the request's method, path, view, the names of its parameters (not
their values) and the user's id, no cookies, headers or settings; then subject and body pass
core.scrubbing.scrub_text. No HTML part (Django's carries the local variables).
"""

import hashlib
import logging
import time
import traceback

from django.conf import settings
from django.core.cache import cache
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter

from .scrubbing import scrub_text

MAIL_EVERY = 3600  # seconds: one mail per kind per hour
_counted_here: dict[str, float] = {}  # when the cache does not answer


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name or match._func_path) if match else "-"


def _parameter_names(read) -> str:
    try:
        return ", ".join(sorted(read())) or "-"
    except Exception:  # a body that cannot be parsed is not worth losing the mail for
        return "?"


def error_kind(record: logging.LogRecord) -> str:
    """What a log record reports, for counting mails (see the module's docstring)."""
    if getattr(record, "error_kind", None):
        return record.error_kind
    request = getattr(record, "request", None)
    if request is not None:
        exc_type = record.exc_info[0] if record.exc_info else None
        cause = exc_type.__name__ if exc_type else "-"
        return f"{getattr(record, 'status_code', 500)} {cause} {_view_name(request)}"
    return f"{record.name} {record.msg}"


def _first_this_hour(key: str) -> bool:
    # This process's own count first: it holds when the shared cache does not answer (the
    # forgiving cache then says "new" every time, which would mail on every error).
    now = time.time()
    if _counted_here.get(key, 0) > now:
        return False
    _counted_here[key] = now + MAIL_EVERY
    try:
        return cache.add(key, 1, MAIL_EVERY)
    except Exception:  # the cache's errors differ per backend (redis-py, socket)
        return True


class OncePerHourPerKind(logging.Filter):
    """Lets the first record of each kind through, then none of that kind for an hour."""

    def filter(self, record: logging.LogRecord) -> bool:
        digest = hashlib.sha256(error_kind(record).encode()).hexdigest()[:32]
        return _first_this_hour(f"errors:mailed:{digest}")


class PrivateExceptionReporter(ExceptionReporter):
    """The text of an admin mail: where it went wrong, not who was involved."""

    def get_traceback_text(self) -> str:
        lines = []
        request = self.request
        if request is not None:
            user = getattr(request, "_cached_user", None)  # loaded already: no query now
            lines += [
                f"Request: {request.method} {request.path}",
                f"View: {_view_name(request)}",
                f"GET parameters: {_parameter_names(lambda: request.GET)}",
                f"POST parameters: {_parameter_names(lambda: request.POST)}",
                f"User id: {user.pk if user is not None and user.is_authenticated else '-'}",
                "",
            ]
        if self.exc_type is not None:
            lines += traceback.format_exception(self.exc_type, self.exc_value, self.tb)
        elif self.exc_value:
            lines.append(str(self.exc_value))
        return "\n".join(line.rstrip("\n") for line in lines)

    def get_traceback_html(self) -> str:
        raise NotImplementedError("admin mails are plain text: the HTML report shows locals")


class AdminMailHandler(AdminEmailHandler):
    """Django's AdminEmailHandler, plain text, scrubbed, and quiet when there is nobody to
    mail or when Sentry reports instead (SENTRY_DSN)."""

    def __init__(self):
        super().__init__(
            include_html=False, reporter_class="core.error_mail.PrivateExceptionReporter"
        )

    def handle(self, record: logging.LogRecord) -> bool:
        # Before the filters, so an hour is not counted for a mail that is never sent.
        if not settings.ADMINS or getattr(settings, "SENTRY_DSN", ""):
            return False
        return super().handle(record)

    def emit(self, record: logging.LogRecord) -> None:
        # The logged-in user's own name and address go too, as in a Sentry event; only a
        # user the request already loaded (the error path makes no query).
        request = getattr(record, "request", None)
        user = getattr(request, "_cached_user", None) if request is not None else None
        self._known = (getattr(user, "name", ""), getattr(user, "email", "")) if user else ()
        super().emit(record)

    def send_mail(self, subject, message, *args, **kwargs):
        known = getattr(self, "_known", ())
        super().send_mail(scrub_text(subject, known), scrub_text(message, known), *args, **kwargs)
