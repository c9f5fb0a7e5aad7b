"""Read-side queries of the projects app: each page asks one of these for its data, with the
joins and prefetches it needs, so its number of SQL queries does not grow with the data."""

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from .models import Activity, Membership, Neighbourhood, Organisation, Phase, Project, Theme

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
    return list(activities.prefetch_related("themes", "photos")[:limit])


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


def project_page(project: Project) -> Project:
    """`project` again, with everything its page shows about it in three queries."""
    return (
        Project.objects.select_related("client", "neighbourhood", "variant__service")
        .prefetch_related("themes", "phases")
        .get(pk=project.pk)
    )


def trajectory(project: Project) -> list[Phase]:
    """The phases of `project` in order, each with a `state`: done, current or next."""
    phases = list(project.phases.all())
    current = next((i for i, phase in enumerate(phases) if phase.is_current), None)
    for i, phase in enumerate(phases):
        if i == current:
            phase.state = "current"
        elif current is not None and i < current:
            phase.state = "done"
        else:
            phase.state = "next"
    return phases


def project_timeline(project: Project) -> QuerySet[Activity]:
    """The activities of `project`, newest first, with what a timeline item shows."""
    # Through the related manager, each activity knows its project without a query.
    return project.activities.select_related("phase", "logged_by").prefetch_related(
        "themes", "photos"
    )


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


# ---- dashboard (issue 7) ----
# The shared progress dashboard reads the project's own data here; impact and co-creation reach
# the page through the template tags those apps expose (DESIGN §3: projects imports neither).

DASHBOARD_TIMELINE_SIZE = 8


def dashboard_activities(project: Project, *, limit: int = DASHBOARD_TIMELINE_SIZE) -> list:
    """The latest activities of `project` for the dashboard's timeline, with their photos."""
    return list(project_timeline(project)[:limit])


def dashboard_totals(project: Project) -> dict:
    """How many activities, residents reached and new contacts `project` has, in one query."""
    from django.db.models import Count, Sum

    totals = project.activities.order_by().aggregate(
        activities=Count("id"), residents=Sum("residents_reached"), contacts=Sum("new_contacts")
    )
    return {key: value or 0 for key, value in totals.items()}


def home_projects(user) -> QuerySet[Project]:
    """The projects on a client's or partner's home, each with its current phase prefetched
    (`project.current_phases`, a list of zero or one)."""
    from django.db.models import Prefetch

    current = Prefetch(
        "phases", queryset=Phase.objects.filter(is_current=True), to_attr="current_phases"
    )
    return visible_projects(user).prefetch_related(current).order_by("title")
