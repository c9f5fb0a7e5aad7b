"""The dashboard's cache. What `dashboard_for` computes for a project is kept per audience
(the team, the project's clients, its partners: they may see different things, so they never
share an entry) and language; what depends on one user (their concerns, their reports) per
user. Each of these keys carries `Project.generation`, which each write to the project's data
bumps in its own transaction (dashboard/freshness.py): a changed project simply has new keys,
and an entry is never older than the data it was computed from.

The cache is Django's: Redis when CACHE_URL or REDIS_URL is set (core.cache: when it does not
answer, the page is computed as if nothing was cached), local memory otherwise. What one
audience sees alike is kept rendered (dashboard/shared.py) and read in one round trip with the
user's own entry (`read`). On top of both, each user's whole page is kept rendered
(core.kept_pages) under `page_key`, with the state it was made from: a warm page is one
project row and one round trip to the cache.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from core.kept_pages import KeptPage, keepable

TIMEOUT = 60 * 60
# Hits and misses of this process, for the benchmarks (benchmarks/dashboard.py).
STATS: Counter = Counter()


def cached(key: str, compute: Callable):
    """The value cached under `key`, or `compute()` stored under it."""
    value = read([key]).get(key)
    return store(key, compute()) if value is None else value


def read(keys: list[str], also: list[str] = ()) -> dict:
    """What is cached under `keys`, and `also` (counters, not counted in STATS), in one round
    trip (a key not found is absent)."""
    found = cache.get_many([*keys, *also])
    hits = sum(1 for key in keys if key in found)
    STATS["hit"] += hits
    STATS["miss"] += len(keys) - hits
    return found


def store(key: str, value):
    """Cache `value` under `key`; returns it."""
    cache.set(key, value, TIMEOUT)
    return value


def state(project) -> str:
    """The project's generation and today's date: some figures run up to today (the ownership
    chart, a concern that became overdue), so an entry is for one day at most."""
    return f"{project.pk}:{project.generation}:{timezone.localdate().isoformat()}"


def shared_key(project, audience: str, page: str = "dashboard") -> str:
    """The key of what `audience` sees of `project` on `page` now."""
    return f"{page}:{state(project)}:{audience}:{translation.get_language()}"


def personal_key(project, user) -> str:
    """The key of what only `user` sees of `project` now."""
    return f"dashboard:{state(project)}:user:{user.pk}"


def page_key(project, request, *parts) -> str:
    """The key of the page at `request`'s path as its user sees it: the project, the user and
    their role in it, the language, and `parts` (a page number). One entry per page and user,
    overwritten when the project changes (`page`): kept pages leave nothing behind."""
    role = getattr(project, "membership_role", None)
    language = translation.get_language()
    extra = ":".join(str(part) for part in parts)
    return f"page:{request.path}:{project.pk}:{request.user.pk}:{role}:{language}:{extra}"


def page(
    request, project, key: str | None, found: dict, render: Callable[[], KeptPage], also: str = ""
) -> HttpResponse:
    """The page kept under `key` (already looked up: `found`) when it was made from the
    project's state now (its generation, the day) and `also` (what else it shows that has
    stamps of its own: the health); else the one `render()` makes, kept unless `key` is None
    (an address with a query string no key names) or the page shows flash messages."""
    made_with = f"{state(project)}:{also}"
    keep = key is not None and keepable(request)
    kept = found.get(key) if keep else None
    if kept is None or kept.made_with != made_with or not kept.is_valid():
        kept = replace(render(), made_with=made_with)
        if keep:
            store(key, kept)
    return kept.response(request)


# The health (dashboard.health) is not keyed by the generation: an activity logged changes no
# colour, and the pages that show health may not grow by a query when one is. Its own stamps
# are counted up on commit of the writes it reads (dashboard.health_stamps): one per project
# (its concerns, members and status) and one for all (agreements and check-ins, rare writes).
HEALTH_ALL = "dashboard:health-stamp:all"


def _health_stamp_key(project_id: int) -> str:
    return f"dashboard:health-stamp:{project_id}"


def health_stamp_keys(projects) -> list[str]:
    """The keys of the stamps that the health of `projects` is keyed by."""
    return [HEALTH_ALL, *(_health_stamp_key(p.pk) for p in projects)]


def health_keys(projects, stamps: dict | None = None) -> dict[int, str]:
    """Per project id: the key of its health now (its stamps, the day, the language);
    `stamps`: what was found under `health_stamp_keys` when the caller read them already."""
    if stamps is None:
        stamps = cache.get_many(health_stamp_keys(projects))
    every = stamps.get(HEALTH_ALL, 0)
    day = timezone.localdate().isoformat()
    language = translation.get_language()
    return {
        p.pk: f"dashboard:health:{p.pk}:{every}:{stamps.get(_health_stamp_key(p.pk), 0)}:"
        f"{day}:{language}"
        for p in projects
    }


def health_changed(project_id: int | None) -> None:
    """Make the health of project `project_id` (None: of every project) be computed anew."""
    key = HEALTH_ALL if project_id is None else _health_stamp_key(project_id)
    cache.add(key, 0, None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between the two
        cache.set(key, 1, None)
