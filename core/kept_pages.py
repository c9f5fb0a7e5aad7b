"""A whole page kept rendered for one user, served again without rendering it.

A page is rendered once with *holes* where each response needs something of its own, and
every response, the first one too, fills them:

- the CSRF token (`{% csrf_token %}` and `{{ csrf_token }}`): a freshly masked token of the
  request's secret, as Django gives each page (a page kept with one fixed token would leak its
  secret to a compression side channel, BREACH, and would break after the next login);
- the one-time token of each create form (`{{ once_token }}`, core/once.py): a new one per
  form, as if the page had been rendered now.

The holes are markers that user text can never produce: they start with "<", which escaping
turns into "&lt;". What is kept is only as fresh as the caller checks: it names what the page
shows in the key and in `made_with` (dashboard/cache.py: the user, the language and the address
in the key; the project's generation and the day in `made_with`) and gives `valid_until` for
what turns with the clock. A page with flash messages
is rendered but not kept (`keepable`): the messages are for one response only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import chain

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .once import new_token

CSRF_HOLE = mark_safe("<kept-page-csrf>")
ONCE_HOLE = mark_safe("<kept-page-once>")


@dataclass(frozen=True)
class KeptPage:
    """A page's HTML with its holes, until when it may be served (None: for as long as its
    key lasts), and what else it was made with that its key does not name (the caller's to
    compare)."""

    html: str
    valid_until: datetime.datetime | None = None
    made_with: str = ""

    def is_valid(self) -> bool:
        return self.valid_until is None or timezone.now() < self.valid_until

    def response(self, request) -> HttpResponse:
        """The page for `request`, its holes filled."""
        html = self.html.replace(CSRF_HOLE, get_token(request))
        parts = html.split(ONCE_HOLE)
        fresh = [new_token() for _ in parts[1:]] + [""]
        return HttpResponse("".join(chain.from_iterable(zip(parts, fresh, strict=True))))


def render_kept(
    request, template: str, context: dict, valid_until: datetime.datetime | None = None
) -> KeptPage:
    """Render `template` for `request` with holes for what each response needs of its own."""
    holes = {"csrf_token": CSRF_HOLE, "once_token": lambda: ONCE_HOLE}
    html = render_to_string(template, {**context, **holes}, request=request)
    return KeptPage(html=html, valid_until=valid_until)


def keepable(request) -> bool:
    """Whether what is rendered for `request` may be kept: not when it shows flash messages
    (counted without marking them read)."""
    return len(get_messages(request)) == 0
