"""What impact a user may read. Every page, partial and export a client can reach reads through
`entries_visible_to` (and the selectors built on it); the client dashboard uses them too."""

from django.apps import apps
from django.db.models import Prefetch, QuerySet

from projects.models import Project

from .models import Contribution, ImpactEntry, Initiative, SignificantChange, Visibility

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
    commitment = apps.get_model("cocreation", "Commitment")
    return entries.select_related("recorded_by").prefetch_related(
        "themes",
        "photos",
        "selections",
        Prefetch("contributions", queryset=Contribution.objects.select_related("activity")),
        Prefetch("commitments", queryset=commitment.objects.select_related("party__organisation")),
    )


def significant_changes_visible_to(user, project: Project) -> QuerySet[SignificantChange]:
    """The team's most significant changes in `project`, limited to entries `user` may read."""
    return (
        SignificantChange.objects.filter(entry__in=entries_visible_to(user, project))
        .select_related("entry")
        .order_by("-period_end", "-id")
    )


def initiatives_visible_to(user, project: Project) -> QuerySet[Initiative]:
    """The resident initiatives of `project` that `user` may read, with their ownership steps."""
    initiatives = Initiative.objects.filter(project=project).prefetch_related("ownership_steps")
    if sees_internal(user, project):
        return initiatives
    return initiatives.filter(visibility=Visibility.SHARED)
