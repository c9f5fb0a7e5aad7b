"""Read-side queries of the projects app: each page asks one of these for its data, with the
joins and prefetches it needs, so its number of SQL queries does not grow with the data."""

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    JSONField,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject, TruncMonth

from core.rows import JSONList, from_json, json_rows, read_along

from .models import (
    Activity,
    ActivityPhoto,
    Membership,
    Neighbourhood,
    Organisation,
    Phase,
    Project,
    Theme,
)

TIMELINE_PAGE_SIZE = 20


def visible_projects(user) -> QuerySet[Project]:
    """The projects `user` may see, with what a project card shows."""
    return Project.objects.visible_to(user).select_related("client", "neighbourhood")


def my_projects(user) -> QuerySet[Project]:
    """The projects `user` is a member of, running ones first: a designer's own work."""
    finished = ExpressionWrapper(Q(status=Project.Status.COMPLETED), output_field=BooleanField())
    return (
        visible_projects(user)
        .filter(pk__in=Membership.objects.filter(user=user).values("project"))
        .annotate(finished=finished)
        .order_by("finished", "title")
    )


def recent_activities(user, *, limit: int = 8) -> list[Activity]:
    """The latest activities across every project `user` may see, newest first."""
    activities = Activity.objects.filter(
        project__in=Project.objects.visible_to(user).values("pk")
    ).select_related("project", "phase", "logged_by")
    return timeline_items(with_photos_and_themes(activities)[:limit])


def project_search(
    user,
    *,
    query: str = "",
    status: str = "",
    client: Organisation | None = None,
    theme: Theme | None = None,
    neighbourhood: Neighbourhood | None = None,
) -> QuerySet[Project]:
    """The visible projects matching a search text (title, question, neighbourhood name) and
    the given filters; an empty filter matches everything."""
    projects = visible_projects(user)
    if query:
        projects = projects.filter(
            Q(title__icontains=query)
            | Q(question__icontains=query)
            | Q(neighbourhood__name__icontains=query)
        )
    if status:
        projects = projects.filter(status=status)
    if client is not None:
        projects = projects.filter(client=client)
    if theme is not None:
        projects = projects.filter(themes=theme)
    if neighbourhood is not None:
        projects = projects.filter(neighbourhood=neighbourhood)
    return projects


def filter_choices(user) -> dict[str, QuerySet]:
    """Clients, neighbourhoods and themes of the projects `user` may see, so a filter never
    names another client's organisation or neighbourhood."""
    visible = Project.objects.visible_to(user).order_by().values("pk")
    return {
        "client": Organisation.objects.filter(projects__in=visible).distinct(),
        "neighbourhood": Neighbourhood.objects.filter(projects__in=visible).distinct(),
        "theme": Theme.objects.filter(project__in=visible).distinct(),
    }


def header_projects() -> QuerySet[Project]:
    """Projects with what a page's header shows about them: client and neighbourhood."""
    return Project.objects.select_related("client", "neighbourhood")


def page_projects(*, themes: bool = True) -> QuerySet[Project]:
    """Projects with everything their page shows about them: client, neighbourhood, service
    variant and phases (read along, for `trajectory`), and their themes unless `themes` is
    False; marked `page_ready`. Give it to `rules.get_project_for_user(queryset=...)` to fetch
    a page's project once."""
    projects = Project.objects.select_related("client", "neighbourhood", "variant__service")
    if themes:
        projects = projects.prefetch_related("themes")
    phases = json_rows(
        Phase.objects.all(),
        parent="project",
        fields=["id", "name", "description", "order", "start_date", "end_date", "is_current"],
    )
    return projects.annotate(page_ready=Value(True), phase_rows=phases)


def project_page(project: Project, *, themes: bool = True) -> Project:
    """`project` with everything its page shows (see `page_projects`): itself when it was
    fetched that way already, else fetched again."""
    if getattr(project, "page_ready", False):
        return project
    return page_projects(themes=themes).get(pk=project.pk)


PHASE_FIELDS = ["id", "project", "name", "description", "order", "start_date", "end_date"]


def log_projects() -> QuerySet[Project]:
    """Projects with the choices of the activity form read along (see `log_choices`): give it
    to `rules.get_project_for_user(queryset=...)`, and the form asks no query of its own."""
    return _log_projects().all()


@functools.cache
def _log_projects() -> QuerySet[Project]:
    # Built once per process (resolving the three subqueries costs more than the query
    # itself); never evaluated, only cloned by `log_projects`.
    catalogue = (
        Theme.objects.order_by()
        .annotate(everything=Value(1))
        .values("everything")
        .annotate(rows=JSONList(JSONObject(id="id", name="name", description="description")))
        .values("rows")
    )
    return Project.objects.annotate(
        log_variant_kinds=F("variant__default_activity_kinds"),
        log_phase_rows=json_rows(
            Phase.objects.all(), parent="project", fields=[*PHASE_FIELDS, "is_current"]
        ),
        log_theme_rows=Subquery(catalogue, output_field=JSONField()),
        log_own_theme_rows=json_rows(
            Project.themes.through.objects.all(), parent="project", fields=["theme"]
        ),
    )


@dataclass(frozen=True)
class LogChoices:
    """What the activity form of a project offers: its phases, the theme catalogue, and the
    activity kinds its service variant usually has."""

    phases: list[Phase]  # in order
    themes: list[Theme]  # by name
    project_theme_ids: set[int]  # the project's own themes, ticked on a new activity
    usual_kinds: list[str] = field(default_factory=list)  # Activity.Kind values, offered first


def log_choices(project: Project) -> LogChoices:
    """The choices of the activity form of `project`: read along when it came from
    `log_projects`, else read now."""
    phases = read_along(
        project, "log_phase_rows", Phase, project.phases.all(), order_by=("order", "id")
    )
    themes = read_along(project, "log_theme_rows", Theme, Theme.objects.all(), order_by=("name",))
    if hasattr(project, "log_own_theme_rows"):
        own = {row["theme"] for row in project.log_own_theme_rows or []}
    else:
        own = set(project.themes.values_list("pk", flat=True))
    if hasattr(project, "log_variant_kinds"):
        kinds = project.log_variant_kinds or []
    else:
        kinds = project.variant.default_activity_kinds if project.variant_id else []
    return LogChoices(phases=phases, themes=themes, project_theme_ids=own, usual_kinds=kinds)


def trajectory(project: Project, *, phases: list[Phase] | None = None) -> list[Phase]:
    """The phases of `project` in order, each with a `state`: done, current or next. A project
    in preparation has not begun, so no phase is current (all are next); a completed one has
    done them all. `phases`: the project's phases in order, when the caller read them already
    (with what it shows of them along)."""
    if phases is None:
        phases = read_along(
            project, "phase_rows", Phase, project.phases.all(), order_by=("order", "id")
        )
    current = next((i for i, phase in enumerate(phases) if phase.is_current), None)
    if project.status == Project.Status.PROSPECT:
        current = None
    elif project.status == Project.Status.COMPLETED:
        current = len(phases)
    for i, phase in enumerate(phases):
        if i == current:
            phase.state = "current"
        elif current is not None and i < current:
            phase.state = "done"
        else:
            phase.state = "next"
    return phases


def project_timeline(project: Project) -> QuerySet[Activity]:
    """The activities of `project`, newest first, with what a timeline item shows (turn the
    page you show into items with `timeline_items`)."""
    # Through the related manager, each activity knows its project without a query.
    return with_photos_and_themes(project.activities.select_related("phase", "logged_by"))


def with_photos_and_themes(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """`activities` with their photos and theme names read in the same query."""
    return activities.annotate(
        photo_rows=json_rows(
            ActivityPhoto.objects.all(),
            parent="activity",
            fields=["id", "width", "height", "caption"],
        ),
        theme_rows=json_rows(
            Activity.themes.through.objects.all(), parent="activity", fields=["theme__name"]
        ),
    )


def timeline_items(activities) -> list[Activity]:
    """`activities` (from `with_photos_and_themes`) as a list, each with `photo_list` (its
    photos, oldest first) and `theme_list` (its themes by name), as the timeline shows them."""
    items = list(activities)
    for activity in items:
        activity.photo_list = from_json(ActivityPhoto, activity.photo_rows, order_by=("id",))
        links = from_json(Activity.themes.through, activity.theme_rows)
        activity.theme_list = sorted((link.theme for link in links), key=lambda t: t.name)
    return items


def project_members(project: Project) -> dict[str, list[Membership]]:
    """The memberships of `project`: the team (designers) and the external members."""
    memberships = project.memberships.select_related("user__organisation").order_by(
        "user__name", "user__email"
    )
    team, external = [], []
    for membership in memberships:
        is_team = membership.role == Membership.Role.DESIGNER
        (team if is_team else external).append(membership)
    return {"team": team, "external": external}


def latest_activities(
    project: Project, *, period: tuple | None = None, limit: int = 8
) -> list[Activity]:
    """The latest activities of `project` (within `period`, a (start, end) pair, when given),
    with what a timeline item shows."""
    activities = project_timeline(project)
    if period is not None:
        activities = activities.filter(date__range=period)
    return timeline_items(activities[:limit])


def activity_months(project: Project, *, period: tuple | None = None) -> list[dict]:
    """Per month and kind of activity (within `period` when given), split by who led them and
    the rung of the participation ladder reached: how many activities, and the residents
    reached and new contacts they made; one query whatever the number of activities. Rows:
    {"month", "kind", "led_by", "level_reached", "activities", "residents", "contacts"}, by
    month; a month and kind can have several rows, so add them up."""
    activities = project.activities.order_by()
    if period is not None:
        activities = activities.filter(date__range=period)
    rows = (
        activities.annotate(month=TruncMonth("date"))
        .values("month", "kind", "led_by", "level_reached")
        .annotate(
            activities=Count("id"),
            residents=Coalesce(Sum("residents_reached"), 0),
            contacts=Coalesce(Sum("new_contacts"), 0),
        )
        .order_by("month", "kind", "led_by", "level_reached")
    )
    return list(rows)


def home_projects(user) -> QuerySet[Project]:
    """The projects on a client's or partner's home, each with its current phase prefetched
    (`project.current_phases`, a list of zero or one; none while the project is in
    preparation, as in `trajectory`)."""
    begun = Phase.objects.filter(is_current=True).exclude(project__status=Project.Status.PROSPECT)
    current = Prefetch("phases", queryset=begun, to_attr="current_phases")
    return visible_projects(user).prefetch_related(current).order_by("title")


def activities_for_export(project: Project) -> Iterator[Activity]:
    """Every activity of `project` with its phase and themes, streamed in chunks: an export
    of thousands of activities never holds them all in memory."""
    activities = project.activities.select_related("phase").prefetch_related("themes")
    return activities.iterator(chunk_size=1000)


def running_projects_as_client(user) -> QuerySet[Project]:
    """The active or paused projects `user` is a client contact of, by title."""
    return Project.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.CLIENT,
        status__in=[Project.Status.ACTIVE, Project.Status.PAUSED],
    ).order_by("title")


def client_contacts_of(projects) -> dict[int, list[Membership]]:
    """Per project id: the client memberships of active users in `projects` (ids or
    projects), with their users and `last_seen_on`; one query."""
    memberships = Membership.objects.filter(
        project__in=projects, role=Membership.Role.CLIENT, user__is_active=True
    ).select_related("user")
    found: dict[int, list[Membership]] = {}
    for membership in memberships.order_by("project_id", "user__name", "id"):
        found.setdefault(membership.project_id, []).append(membership)
    return found
