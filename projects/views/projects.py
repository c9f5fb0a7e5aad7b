from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..models import Project
from ..permissions import get_project_for_user


@require_safe
@login_required
def home(request):
    projects = Project.objects.visible_to(request.user).select_related("client")
    if not request.user.is_designer_or_admin:
        projects = projects.order_by("title")
    return render(request, "projects/home.html", {"projects": projects[:12]})


@require_safe
@login_required
def project_list(request):
    projects = Project.objects.visible_to(request.user).select_related("client")
    page = Paginator(projects, 20).get_page(request.GET.get("page"))
    return render(request, "projects/project_list.html", {"page": page})


@require_safe
@login_required
def project_detail(request, slug):
    project = get_project_for_user(request.user, slug)
    return render(request, "projects/project_detail.html", {"project": project})
