"""The projects app's permissions, and the base of the one permission layer (DESIGN §5).

Every app registers its own permissions in its own rules.py, with these predicates as building
blocks. Reads go through `Project.objects.visible_to(user)` (projects/models/projects.py, the
queryset side of "projects.view_project") and `get_project_for_user`; yes/no questions are
`rules` permissions, asked the same way by views (`user.has_perm`) and templates
(`{% has_perm %}`). Anything a user may not see answers 404.
"""

import rules
from django.db.models import OuterRef, Subquery
from django.http import Http404

from .models import Membership, Project


@rules.predicate
def is_admin(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or user.role == "admin")


@rules.predicate
def is_designer(user) -> bool:
    """Designer or admin: the firm's own staff."""
    return user.is_authenticated and user.is_designer_or_admin


def membership_role(user, project) -> str | None:
    """The role of `user` in `project` (designer, client, partner), or None."""
    if not user.is_authenticated or project is None:
        return None
    # A project fetched by get_project_for_user brought the user's role along: the checks of
    # that request ask the project instead of the database.
    known = getattr(project, "viewer_role", None)
    if known is not None and known[0] == user.pk:
        return known[1]
    membership = Membership.objects.filter(user=user, project=project).values("role").first()
    return membership["role"] if membership else None


def _has_membership(user, project, roles) -> bool:
    return membership_role(user, project) in roles


@rules.predicate
def is_member(user, project) -> bool:
    return _has_membership(user, project, ["designer", "client", "partner"])


@rules.predicate
def is_client_of(user, project) -> bool:
    return _has_membership(user, project, ["client"])


@rules.predicate
def is_external_member(user, project) -> bool:
    return _has_membership(user, project, ["client", "partner"])


rules.add_perm("projects.view_project", is_designer | is_member)
rules.add_perm("projects.change_project", is_designer)
rules.add_perm("projects.add_project", is_designer)
rules.add_perm("projects.view_internal", is_designer)
rules.add_perm("projects.log_activity", is_designer)
rules.add_perm("projects.manage_members", is_designer)


# The project and the user's role in it, written out once: most pages ask only this, and Django
# takes longer to build the query than PostgreSQL takes to answer it (the slug is unique).
_WITH_ROLE = f"""
    SELECT project.*, (
        SELECT membership.role FROM {Membership._meta.db_table} membership
        WHERE membership.project_id = project.id AND membership.user_id = %s
        LIMIT 1
    ) AS membership_role
    FROM {Project._meta.db_table} project
    WHERE project.slug = %s
"""  # noqa: S608 (table names from the models, values as parameters)


def get_project_for_user(
    user, slug: str, perm: str = "projects.view_project", *, queryset=None
) -> Project:
    """The project with this slug if `user` may see it ("projects.view_project", the predicate
    beside `Project.objects.visible_to`) and holds `perm` on it; else 404. `queryset` (of
    projects) may ask for what the page shows in the same query."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    if queryset is None:
        project = next(iter(Project.objects.raw(_WITH_ROLE, [user.pk, slug])), None)
        if project is None:
            raise Http404
    else:
        role = Membership.objects.filter(project=OuterRef("pk"), user_id=user.pk).values("role")
        try:
            project = queryset.annotate(membership_role=Subquery(role[:1])).get(slug=slug)
        except Project.DoesNotExist:
            raise Http404 from None
    # The user's role came with the project: the permission checks below (and those of the
    # rest of the request) ask the project instead of the database.
    project.viewer_role = (user.pk, project.membership_role)
    if not user.has_perm("projects.view_project", project) or not user.has_perm(perm, project):
        raise Http404
    return project


def with_role_of(read: Project, project: Project) -> Project:
    """`read`, the same project read again (with more along), given the role that came with
    `project` from `get_project_for_user`: its permission checks ask no query either."""
    for name in ("viewer_role", "membership_role"):
        if hasattr(project, name):
            setattr(read, name, getattr(project, name))
    return read
