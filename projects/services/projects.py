from django.db import transaction
from django.utils.text import slugify

from ..models import Membership, Phase, Project
from ..models.projects import DEFAULT_PHASES


def unique_slug(title: str) -> str:
    """A slug from `title` that no project uses yet."""
    base = slugify(title)[:200] or "project"
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def project_create(*, actor, themes=(), **fields) -> Project:
    """Create a project with the default trajectory (first phase current) and its creator as
    designer member."""
    fields.setdefault("slug", unique_slug(fields["title"]))
    project = Project.objects.create(created_by=actor, **fields)
    project.themes.set(themes)
    Phase.objects.bulk_create(
        Phase(project=project, name=str(name), description=str(text), order=i, is_current=i == 0)
        for i, (name, text) in enumerate(DEFAULT_PHASES)
    )
    if actor.is_designer_or_admin:
        Membership.objects.create(user=actor, project=project, role=Membership.Role.DESIGNER)
    return project
