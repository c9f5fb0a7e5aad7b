"""What impact a user may read. Every page, partial and export a client can reach reads through
`entries_visible_to` (and the selectors built on it); the client dashboard uses them too."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber, TruncMonth

from cocreation.selectors import commitments_with_party
from core.rows import json_rows
from projects.models import Project

from .models import (
    Contribution,
    ImpactEntry,
    Initiative,
    OwnershipStep,
    SignificantChange,
    SubstantiationRequest,
    Visibility,
)

SEES_INTERNAL = "projects.view_internal"


def sees_internal(user, project: Project) -> bool:
    """Whether `user` sees internal entries and consent details of `project` (designers)."""
    return user.has_perm(SEES_INTERNAL, project)


def entries_visible_to(user, project: Project) -> QuerySet[ImpactEntry]:
    """The entries of `project` that `user` may read.

    Designers and admins: all. Clients and partners: shared entries that involve no resident's
    words or images, or whose resident consented to the client and has not withdrawn.
    """
    entries = ImpactEntry.objects.filter(project=project)
    if sees_internal(user, project):
        return entries
    return entries.for_clients()


def with_timeline_data(entries: QuerySet[ImpactEntry]) -> QuerySet[ImpactEntry]:
    """`entries` with what a timeline card shows, in a fixed number of queries."""
    return entries.select_related("recorded_by").prefetch_related(
        "themes",
        "photos",
        "selections",
        Prefetch("contributions", queryset=Contribution.objects.select_related("activity")),
        Prefetch("commitments", queryset=commitments_with_party()),
    )


SUBSTANTIATION_FIELDS = ["id", "role", "verdict", "asked_at", "answered_at"]


def substantiation_rows(*, outer: str = "pk"):
    """For an annotation `substantiation_rows`: an entry's substantiation requests read in the
    same query (what `ImpactEntry.substantiation_labels` needs; `outer` as in json_rows)."""
    return json_rows(
        SubstantiationRequest.objects.all(),
        parent="entry",
        fields=SUBSTANTIATION_FIELDS,
        outer=outer,
    )


def with_substantiation(entries: QuerySet[ImpactEntry]) -> QuerySet[ImpactEntry]:
    """`entries`, each with its substantiation status read along (no query per entry)."""
    return entries.annotate(substantiation_rows=substantiation_rows())


def significant_changes_visible_to(user, project: Project) -> QuerySet[SignificantChange]:
    """The team's most significant changes in `project`, limited to entries `user` may read."""
    return (
        SignificantChange.objects.filter(entry__in=entries_visible_to(user, project))
        .select_related("entry")
        .order_by("-period_end", "-id")
    )


def initiatives_visible_to(
    user, project: Project, *, until: datetime.date | None = None
) -> QuerySet[Initiative]:
    """The resident initiatives of `project` that `user` may read, each with its ownership
    steps (`initiative.steps`) read in the same query; with `until`, only those started by
    then, each with its steps up to then."""
    initiatives = Initiative.objects.filter(project=project)
    steps = OwnershipStep.objects.all()
    if until is not None:
        initiatives = initiatives.filter(started_on__lte=until)
        steps = steps.filter(date__lte=until)
    initiatives = initiatives.annotate(
        step_rows=json_rows(steps, parent="initiative", fields=["id", "date", "level", "remark"])
    )
    if sees_internal(user, project):
        return initiatives
    return initiatives.filter(visibility=Visibility.SHARED)


# ---- read by the dashboard, the progress report, the digest and the home page ----


@dataclass(frozen=True)
class Highlights:
    """Impact first: the team's most significant changes, then the latest other entries.
    `more` counts the entries left out of `recent` (when asked for)."""

    selections: list[SignificantChange]
    recent: list[ImpactEntry]
    more: int = 0


def highlights_visible_to(
    user,
    project: Project,
    *,
    period: tuple[datetime.date, datetime.date] | None = None,
    significant: int | None = 3,
    recent: int = 4,
    contributions: bool = True,
    count_more: bool = False,
) -> Highlights:
    """The most significant changes (`significant` of them, all when None) and the `recent`
    latest other entries `user` may read, occurred within `period` when given; each entry
    with the activities that contributed (`contributions`), in one query for those."""
    selections = significant_changes_visible_to(user, project).annotate(
        substantiation_rows=substantiation_rows(outer="entry")
    )
    entries = with_substantiation(entries_visible_to(user, project)).order_by("-occurred_on", "-id")
    if period is not None:
        selections = selections.filter(entry__occurred_on__range=period)
        entries = entries.filter(occurred_on__range=period)
    if contributions:
        fields = ["id", "activity_id", "activity__title", "activity__date"]
        read = Contribution.objects.all()
        selections = selections.annotate(
            contribution_rows=json_rows(read, parent="entry", fields=fields, outer="entry")
        )
        entries = entries.annotate(contribution_rows=json_rows(read, parent="entry", fields=fields))
    selections = list(selections if significant is None else selections[:significant])
    for selection in selections:
        selection.entry.substantiation_rows = selection.substantiation_rows
        if contributions:
            selection.entry.contribution_rows = selection.contribution_rows
    entries = entries.exclude(pk__in={selection.entry_id for selection in selections})
    latest = list(entries[:recent])
    more = max(entries.count() - len(latest), 0) if count_more else 0
    return Highlights(selections=selections, recent=latest, more=more)


def entries_per_theme_and_month(
    user, project: Project, *, period: tuple[datetime.date, datetime.date] | None = None
) -> list[dict]:
    """How many entries `user` may read occurred per month and set of themes, in one query:
    each entry counts once, under all its themes together (an empty tuple when it has none).
    Rows: {"month", "themes" (the theme names, sorted), "n"}, by month and themes."""
    entries = entries_visible_to(user, project).order_by()
    if period is not None:
        entries = entries.filter(occurred_on__range=period)
    # One row per entry and theme; an entry of several themes is gathered into one here.
    found: dict[int, tuple[datetime.date, list[str]]] = {}
    rows = entries.annotate(month=TruncMonth("occurred_on")).values_list(
        "pk", "month", "themes__name"
    )
    for pk, month, theme in rows:
        names = found.setdefault(pk, (month, []))[1]
        if theme is not None:
            names.append(theme)
    counts = Counter((month, tuple(sorted(names))) for month, names in found.values())
    return [
        {"month": month, "themes": themes, "n": n} for (month, themes), n in sorted(counts.items())
    ]


def entries_recorded_since(
    user, project: Project, since: datetime.datetime, *, limit: int = 10
) -> list[ImpactEntry]:
    """The latest entries `user` may read that were recorded at or after `since`."""
    return list(entries_visible_to(user, project).filter(created_at__gte=since)[:limit])


def latest_entries(user, projects: list[Project]) -> dict[int, ImpactEntry]:
    """Per project (by id), the latest entry `user` may read in it; one query for all."""
    if not projects:
        return {}
    visible = Q(pk__in=[])
    for project in projects:
        visible |= Q(pk__in=entries_visible_to(user, project).values("pk"))
    ranked = (
        ImpactEntry.objects.filter(visible)
        .annotate(
            rank=Window(RowNumber(), partition_by="project", order_by=["-occurred_on", "-id"])
        )
        .filter(rank=1)
    )
    return {entry.project_id: entry for entry in ranked}
