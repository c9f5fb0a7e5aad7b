"""Errors reach someone (docs/errors.md), configured from the environment by settings.

- `SENTRY_DSN` set: the web processes and the Celery worker report to Sentry (both load the
  settings, so `init_sentry` runs in each: gunicorn's workers import them, the worker through
  buurtontdekkers/celery.py's `config_from_object` before it runs a task). Sentry then takes
  over from the admin mails, which stop: one channel, grouped and rate-limited by Sentry,
  rather than the same error twice.
- No DSN: a 500 and a PDF job that failed for good mail `ADMINS`, at most once an hour per kind
  (core/error_mail.py).

What Sentry may receive: the SDK collects no personal data by itself (NO_PERSONAL_DATA, its
`data_collection` option, which supersedes `send_default_pii=False` and says more: no cookies,
IP address, user details, request bodies, query values, SQL parameters or local variables).
Then every event passes core.scrubbing.scrub_event: the user as an id only, no `extra`, no
contexts that may carry arguments, and no e-mail addresses or people's names in any text
(messages, exception values, breadcrumbs); its docstring says how names are found.
A scrubber that fails drops the event (the SDK's rule): nothing leaves unscrubbed. Sentry's own
log product stays off (`enable_logs` is not set); log records reach it only as breadcrumbs and,
at ERROR, as events, both scrubbed.
"""

import logging
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import got_request_exception

from .scrubbing import scrub_breadcrumb, scrub_event

LOG_FORMATS = {"plain", "json"}
# What the SDK collects by itself (its `data_collection`, which replaces `send_default_pii`):
# no user (core.errors._identify_user adds the id), cookies, bodies, query values, SQL
# parameters, task arguments or local variables; headers without the ones naming a client.
NO_PERSONAL_DATA = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {
        "request": {"mode": "denylist", "terms": ["forwarded", "-ip", "remote-", "via", "referer"]}
    },
    "http_bodies": [],
    "url_query_params": {"mode": "allowlist", "terms": []},  # the names, each value [Filtered]
    "database_query_data": False,
    "queues": False,
    "stack_frame_variables": False,
    "graphql": {"document": False, "variables": False},
    "gen_ai": {"inputs": False, "outputs": False},
}


def admins_from_env(value: str) -> list[tuple[str, str]]:
    """ADMINS from "Anna Beheer <anna@example.org>,ops@example.org" as Django's (name, address)
    pairs; an entry that is not an address stops the start."""
    admins = []
    for name, address in getaddresses([value]):
        if not address:
            continue
        if "@" not in address:
            raise ImproperlyConfigured(f"ADMINS: {address!r} is not an e-mail address.")
        admins.append((name, address))
    return admins


def log_format(value: str, *, production: bool) -> str:
    """LOG_FORMAT, "json" or "plain"; when it is not set, JSON lines in production."""
    chosen = value.strip().lower() or ("json" if production else "plain")
    if chosen not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT={value!r}: use json or plain.")
    return chosen


def json_formatter() -> logging.Formatter:
    """One JSON object per line: time, level, logger, message, the traceback as one string,
    and the record's extra fields except the request object (its repr holds the query)."""
    from pythonjsonlogger.core import RESERVED_ATTRS
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        "%(levelname)s %(name)s %(message)s",
        timestamp="time",  # ISO 8601 in UTC
        rename_fields={"levelname": "level", "name": "logger"},
        reserved_attrs=[*RESERVED_ATTRS, "request"],
    )


def _identify_user(sender, request=None, **kwargs) -> None:
    """Tell Sentry who hit the error, before its own receiver captures it: the id stays in the
    event, the name and address only serve the scrubber (core.scrubbing.scrub_event)."""
    import sentry_sdk

    # The user the request already loaded: an error path must not query (the database may be
    # what failed).
    user = getattr(request, "_cached_user", None)
    if user is None or not user.is_authenticated:
        return
    fields = {"id": str(user.pk), "email": user.email, "name": getattr(user, "name", "")}
    sentry_sdk.set_user({key: value for key, value in fields.items() if value})


def sentry_options(dsn: str, *, environment: str = "", traces_sample_rate: float = 0.0) -> dict:
    """The options of sentry_sdk.init: Django and Celery, no personal data, every event
    scrubbed."""
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    return {
        "dsn": dsn,
        "environment": environment or None,
        "integrations": [
            DjangoIntegration(transaction_style="url"),
            CeleryIntegration(),
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
        "data_collection": NO_PERSONAL_DATA,
        "include_local_variables": False,  # still read by parts of the SDK, as is the next
        "max_request_body_size": "never",
        "traces_sample_rate": traces_sample_rate,
        "before_send": scrub_event,
        "before_send_transaction": scrub_event,
        "before_breadcrumb": scrub_breadcrumb,
    }


def init_sentry(
    dsn: str, *, environment: str = "", traces_sample_rate: float = 0.0, **sdk_options
) -> None:
    """Start reporting to Sentry in this process; `sdk_options` go to sentry_sdk.init as they
    are (a test's transport)."""
    import sentry_sdk

    # Connected before the SDK connects its own receiver, so the user is known when it captures.
    got_request_exception.connect(_identify_user, dispatch_uid="core.errors.identify_user")
    options = sentry_options(dsn, environment=environment, traces_sample_rate=traces_sample_rate)
    sentry_sdk.init(**options, **sdk_options)


def sample_rate(value: str) -> float:
    """SENTRY_TRACES_SAMPLE_RATE: a fraction from 0 (no performance traces, the default) to 1."""
    try:
        rate = float(value or 0)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 1:
        raise ImproperlyConfigured(
            f"SENTRY_TRACES_SAMPLE_RATE={value!r}: use a number from 0 to 1."
        )
    return rate
