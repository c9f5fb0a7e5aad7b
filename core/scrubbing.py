"""Personal data out of error reports: what leaves the server (a Sentry event, an admin mail)
holds no resident's name and no e-mail address.

Names cannot be listed in advance (a resident is a row, not a user), so the scrubber works on
the shapes in which they reach an error text, and errs towards removing too much:

- an e-mail address anywhere → "[e-mail]";
- PostgreSQL's DETAIL lines give the row's values: `Key (name)=(Fatima de Vries) already exists`
  and `Failing row contains (…)` keep their shape, lose the values;
- a model's repr, `<Resident: Fatima de Vries>` (how Django quotes an object in its messages),
  keeps the class name only;
- a quoted string ('…', "…", “…”, ‘…’, «…») loses its content unless it reads as code: lower
  case without spaces, as a column, table, path or number does ("projects_user"."email"), or a
  dotted name ("Consent.party");
- the names and addresses of the people the report itself knows (the logged-in user) wherever
  they appear, also unquoted;
- a password-reset link (/account/reset/<user>/<token>/) keeps its path, loses user and token.

What it cannot know: a name typed into a message unquoted and unlisted ("Fatima failed"). Our
own messages therefore never format a person into an exception or a log line; the structure
(exception type, stack, view, task) is what a report is read for.
"""

import datetime
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl

FILTERED = "[filtered]"
EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# `Key (col, …)=(values) already exists.` and its kin; greedy to the line's last parenthesis,
# because a value may hold parentheses itself.
DETAIL_KEY = re.compile(r"(\)=\()[^\n]*(\))")
FAILING_ROW = re.compile(r"(Failing row contains \()[^\n]*(\))")
# A password-reset link in a path or URL is a key to an account: its user id and token go.
RESET_LINK = re.compile(r"(/account/reset/)[^\s\"'?#]+")
MODEL_REPR = re.compile(r"<([A-Z][\w.]*): [^<>\n]+>")
# An apostrophe inside a word ("Anna's") neither opens nor closes a quote.
QUOTED = re.compile(
    r"(?<!\w)'((?:[^'\n]|'(?=\w))*)'(?!\w)|\"([^\"\n]*)\"|“([^”\n]*)”|‘([^’\n]*)’|«([^»\n]*)»"
)
# Code, not a name: lower case without spaces (a column, table, path, number), a dotted name
# ("Consent.party"), or a repr already scrubbed.
CODE_LIKE = re.compile(
    rf"[a-z0-9_.:/%-]*|[A-Za-z_]\w*(?:\.\w+)+|<[A-Z][\w.]*: {re.escape(FILTERED)}>"
)
# The parts of an event kept as they are: the SDK's own description and the stack's code.
UNTOUCHED = {"sdk", "modules", "debug_meta", "frames"}
# What may stay of an event's contexts: the machine and the trace.
KEPT_CONTEXTS = {"trace", "runtime", "os", "device", "response"}
KEPT_HEADERS = {
    "host",
    "user-agent",
    "accept",
    "accept-language",
    "accept-encoding",
    "content-type",
    "content-length",
    "hx-request",
    "x-forwarded-proto",
}


def _quoted(match: re.Match) -> str:
    content = next(group for group in match.groups() if group is not None)
    if CODE_LIKE.fullmatch(content):
        return match.group(0)
    opening, closing = match.group(0)[0], match.group(0)[-1]
    return f"{opening}{FILTERED}{closing}"


def scrub_text(text: str, known: Iterable[str] = ()) -> str:
    """`text` without e-mail addresses, the values of database DETAIL lines, quoted strings
    that are not code, object reprs, and any of the `known` names."""
    for value in sorted({v for v in known if v and len(v) >= 3}, key=len, reverse=True):
        text = re.sub(re.escape(value), FILTERED, text, flags=re.IGNORECASE)
    text = EMAIL.sub("[e-mail]", text)
    text = RESET_LINK.sub(rf"\1{FILTERED}/", text)
    text = DETAIL_KEY.sub(rf"\1{FILTERED}\2", text)
    text = FAILING_ROW.sub(rf"\1{FILTERED}\2", text)
    text = MODEL_REPR.sub(rf"<\1: {FILTERED}>", text)
    return QUOTED.sub(_quoted, text)


def _scrub(value, known: tuple[str, ...]):
    if isinstance(value, str):
        return scrub_text(value, known)
    if isinstance(value, dict):
        return {
            key: item if key in UNTOUCHED else _scrub(item, known) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrub(item, known) for item in value]
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    from sentry_sdk.utils import AnnotatedValue  # here: settings import this module

    if isinstance(value, AnnotatedValue):  # a value the SDK already replaced, with a note why
        return _scrub(value.value, known)
    # An object (a log record's `request`, a model instance) would be sent as its repr.
    return f"<{type(value).__name__}>"


def _query_keys(query: str) -> str:
    return "&".join(f"{key}={FILTERED}" for key, _ in parse_qsl(query, keep_blank_values=True))


def _request(request: dict) -> dict:
    kept = {key: request[key] for key in ("method", "url", "env") if key in request}
    if request.get("query_string"):
        kept["query_string"] = _query_keys(request["query_string"])
    headers = request.get("headers") or {}
    kept["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    return kept  # no data (the body), no cookies


def _frames_without_variables(event: dict) -> None:
    stacks = [value.get("stacktrace") for value in event.get("exception", {}).get("values", [])]
    stacks += [thread.get("stacktrace") for thread in event.get("threads", {}).get("values", [])]
    stacks.append(event.get("stacktrace"))
    for stack in filter(None, stacks):
        for frame in stack.get("frames", []):
            frame.pop("vars", None)


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """A Sentry event (error or transaction) as it may leave: the user only as an id, no extra
    data (where a task's arguments and a log record's fields go), no request body, cookies or
    query values, no local variables, and every text scrubbed (`scrub_text`), including the
    user's own name and address."""
    user = event.pop("user", None) or {}
    known = tuple(str(user[key]) for key in ("email", "username", "name") if user.get(key))
    if user.get("id"):
        event["user"] = {"id": str(user["id"])}
    event.pop("extra", None)
    event.pop("_meta", None)  # the SDK's notes on what it shortened, of parts removed here
    contexts = event.get("contexts") or {}
    event["contexts"] = {key: value for key, value in contexts.items() if key in KEPT_CONTEXTS}
    if "request" in event:
        event["request"] = _request(event["request"])
    if "logentry" in event:
        event["logentry"].pop("params", None)
    _frames_without_variables(event)
    return _scrub(event, known)


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict:
    """A breadcrumb (a log line, a query) scrubbed like an event's text."""
    return _scrub(crumb, ())
