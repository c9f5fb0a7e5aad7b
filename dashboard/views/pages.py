"""The pages that combine apps: the home page, the project page and the shared dashboard
(DESIGN §2 journey 4). Each asks `dashboard.selectors` for one object and renders it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from projects.rules import get_project_for_user
from projects.services.visits import dashboard_visit_record

from ..project_page import project_page_for, project_page_projects
from ..selectors import dashboard_for, dashboard_projects, home_for


@require_safe
@login_required
def home(request):
    return render(request, "dashboard/home.html", {"home": home_for(request.user)})


@require_safe
@login_required
def project_page(request, slug):
    project = get_project_for_user(request.user, slug, queryset=project_page_projects())
    page = project_page_for(request.user, project, request.GET.get("page"))
    return render(
        request, "dashboard/project.html", {"project": page.project, "project_page": page}
    )


@require_safe
@login_required
def project_dashboard(request, slug):
    project = get_project_for_user(request.user, slug, queryset=dashboard_projects(request.user))
    dashboard = dashboard_for(request.user, project)
    dashboard_visit_record(user=request.user, project=project, seen=dashboard.visit_seen)
    return render(
        request, "dashboard/dashboard.html", {"project": dashboard.project, "dashboard": dashboard}
    )
