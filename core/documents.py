"""The one pipeline every rendered document goes through (order confirmations, progress
reports): a click stores a row and enqueues it after commit → a worker claims an attempt →
renders → stores the file and its SHA-256 → ready. A periodic sweep enqueues rows that were
left behind (broker down at the click, worker died), so nothing is lost.

Each step locks the row, so two deliveries of the same message never both store a file, and
the attempts are counted on the row: a worker that dies mid-render, or a sweep that delivers
the row again, still ends in `failed` after MAX_ATTEMPTS.
"""

import datetime
import functools
import logging
import random
from collections.abc import Callable

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.http import FileResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import RenderedDocument

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Longer than the task's hard time limit, so a row still rendering this long has lost its worker.
STUCK_AFTER = datetime.timedelta(minutes=4)
# Errors worth another try: the database or the file storage hiccupped. Anything else (a
# template bug) fails at once with its message.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
# A render that ran past its time limit would only run as long again: it fails at once too.
TIME_LIMITS = (SoftTimeLimitExceeded, TimeLimitExceeded)
# The options of every render task (`@shared_task(name=..., **TASK_OPTIONS)`).
TASK_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": MAX_ATTEMPTS,
    "time_limit": 120,
    "soft_time_limit": 90,
}

Document = RenderedDocument


def render_task(model: type[Document]):
    """The Celery task that renders rows of `model`, named by its RENDER_TASK. Looked up by
    name, so the services that enqueue never import their app's tasks module (which imports
    them); each app's AppConfig.ready() imports its tasks so the name is registered."""
    return current_app.tasks[model.RENDER_TASK]


def enqueue(model: type[Document], pk: int) -> None:
    """Hand a row to Celery. When the broker is down the row simply stays queued: the sweep
    delivers it later, so whoever asked never sees an error page for it."""
    task = render_task(model)
    model.objects.filter(pk=pk, status__in=model.IN_PROGRESS).update(enqueued_at=timezone.now())
    try:
        task.apply_async(args=[pk])
    except Exception:  # the broker's errors differ per transport (kombu, redis-py, socket)
        if getattr(task.app.conf, "task_always_eager", False):
            raise
        logger.warning("%s %s stays queued: enqueueing failed", model.__name__, pk, exc_info=True)


def enqueue_on_commit(model: type[Document], pk: int) -> None:
    """Enqueue the row once the current transaction has committed (the worker must find it)."""
    transaction.on_commit(functools.partial(enqueue, model, pk))


def claim(model: type[Document], pk: int) -> Document | None:
    """Start an attempt: None when there is nothing (more) to do — gone, ready, failed, or out
    of attempts (then it is marked failed)."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or not row.in_progress:
            return None
        if row.attempts < MAX_ATTEMPTS:
            row.status = model.Status.RENDERING
            row.attempts += 1
            row.rendering_started_at = timezone.now()
            row.save(update_fields=["status", "attempts", "rendering_started_at"])
            return row
        _fail(row, give_up_message(row.error))
    report_failure(row)
    return None


def give_up_message(last_error: str) -> str:
    """Why a row failed for good: out of attempts, and the last error."""
    message = _("Na %(count)s pogingen is het niet gelukt de pdf te maken.") % {
        "count": MAX_ATTEMPTS
    }
    return f"{message} {last_error}".strip()


def _fail(row: Document, error: str) -> None:
    row.status = row.Status.FAILED
    row.error = error[:2000]
    row.save(update_fields=["status", "error"])


def report_failure(row: Document, exc: BaseException | None = None) -> None:
    """Say that a row failed for good, once: at ERROR, which mails the admins or reaches Sentry
    (core/error_mail.py, core/errors.py), one kind per document model. Called after the row's
    lock is released, so a slow mail server holds no lock."""
    logger.error(
        "%s %s failed for good after %s attempt(s): %s",
        type(row).__name__,
        row.pk,
        row.attempts,
        row.error,
        exc_info=exc,
        extra={"error_kind": f"document {row._meta.label}"},
    )


def note_error(
    model: type[Document], pk: int, error: str, *, final: bool, exc: BaseException | None = None
) -> None:
    """Record why an attempt failed; `final` marks the row failed (and reports it, with `exc`),
    else it waits for a retry."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or not row.in_progress:
            return
        if not final:
            row.error = error[:2000]
            row.save(update_fields=["error"])
            return
        _fail(row, error)
    report_failure(row, exc)


def store(
    model: type[Document],
    pk: int,
    pdf: bytes,
    sha256: str,
    *,
    after: Callable[[Document], None] | None = None,
) -> bool:
    """Save the PDF, mark the row ready and call `after(row)` in the same transaction; False
    when another run got there first (its file stays the only one)."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or not row.in_progress:
            return False
        storage = row.pdf.storage
        name = row.pdf.field.generate_filename(row, row.filename)
        if storage.exists(name):
            # Left behind by an attempt whose commit never happened: same row, replace it.
            storage.delete(name)
        row.pdf.save(name, ContentFile(pdf), save=False)
        row.sha256 = sha256
        row.status = row.Status.READY
        row.ready_at = timezone.now()
        row.error = ""
        row.save()
        if after is not None:
            after(row)
        return True


def stuck(model: type[Document], *, older_than: datetime.timedelta = STUCK_AFTER) -> list[int]:
    """Rows stuck in the pipeline: queued rows whose message never arrived (Redis was down)
    and rows still rendering after their worker died."""
    cutoff = timezone.now() - older_than
    waited = Q(enqueued_at__lte=cutoff) | Q(enqueued_at__isnull=True)
    rows = model.objects.filter(waited).filter(
        Q(status=model.Status.QUEUED)
        | Q(status=model.Status.RENDERING, rendering_started_at__lte=cutoff)
    )
    return list(rows.values_list("pk", flat=True))


def sweep(model: type[Document], *, older_than: datetime.timedelta = STUCK_AFTER) -> int:
    """Enqueue again the rows stuck in queued or rendering. Returns how many."""
    ids = stuck(model, older_than=older_than)
    for pk in ids:
        enqueue(model, pk)
    return len(ids)


def _readable(exc: BaseException) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(exc, ValidationError):  # the row cannot be rendered, and says why
            return " ".join(exc.messages)
        return str(
            _("De pdf kon niet worden gemaakt (%(kind)s: %(detail)s).")
            % {"kind": type(exc).__name__, "detail": str(exc)[:500] or "-"}
        )


def _took_too_long(task) -> str:
    seconds = getattr(task, "soft_time_limit", None) or TASK_OPTIONS["soft_time_limit"]
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Het maken van de pdf duurde langer dan %(seconds)s seconden en is gestopt; "
            "er wordt niet opnieuw geprobeerd."
        ) % {"seconds": seconds}


def run(
    task,
    model: type[Document],
    pk: int,
    render: Callable[[Document], tuple[bytes, str]],
    *,
    after: Callable[[Document], None] | None = None,
) -> str:
    """The body of every render task: one attempt at a row; safe to run twice (a ready row is
    left alone). Returns "ready", "skipped" or "failed"; a transient error retries, a time
    limit does not."""
    row = claim(model, pk)
    if row is None:
        return "skipped"
    try:
        pdf, sha256 = render(row)
        stored = store(model, pk, pdf, sha256, after=after)
    except TIME_LIMITS as exc:
        note_error(model, pk, _took_too_long(task), final=True, exc=exc)
        return "failed"
    except TRANSIENT_ERRORS as exc:
        final = row.attempts >= MAX_ATTEMPTS
        message = _readable(exc)
        error = give_up_message(message) if final else message
        note_error(model, pk, error, final=final, exc=exc)
        if final:
            return "failed"
        countdown = min(5 * 2 ** (row.attempts - 1), 300) + random.uniform(0, 2)  # noqa: S311 (jitter)
        raise task.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        note_error(model, pk, _readable(exc), final=True, exc=exc)
        return "failed"
    return "ready" if stored else "skipped"


def download_response(document: Document) -> FileResponse:
    """The stored PDF of a ready document as a download that no cache keeps."""
    response = FileResponse(
        document.pdf.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
