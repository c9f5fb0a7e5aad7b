"""The one gate of every team page of a training: the project with this slug, if the user holds
the permission on it and it is a training (a Buurtexpeditie project answers 404)."""

from django.http import Http404

from projects.models import Project
from projects.rules import get_project_for_user

from ..services.sessions import is_training

MANAGE = "trainings.manage_training"


def training_for_user(user, slug: str, perm: str = MANAGE) -> Project:
    """The training trajectory with this slug if `user` holds `perm` on it; else 404 (also
    for a project that is no training). Its variant and service come in the same query."""
    projects = Project.objects.select_related("variant__service")
    project = get_project_for_user(user, slug, perm, queryset=projects)
    if not is_training(project):
        raise Http404
    return project
