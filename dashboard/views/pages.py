"""The pages that combine apps: the home page, the project page and the shared dashboard
(DESIGN §2 journey 4). Each asks `dashboard.selectors` for one object and renders it; the
project page and the dashboard are kept rendered for each user until their project changes
(dashboard.cache.page), so a warm one is one project row and one round trip to the cache."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.kept_pages import render_kept
from projects.rules import get_project_for_user
from projects.services.visits import dashboard_visit_record
from projects.services.visits import seen_key as dashboard_visit_key

from .. import cache
from ..project_page import health_stamps, made_with, page_number, project_page_for
from ..selectors import dashboard_for, home_for


@require_safe
@login_required
def home(request):
    return render(request, "dashboard/home.html", {"home": home_for(request.user)})


@require_safe
@login_required
def project_page(request, slug):
    project = get_project_for_user(request.user, slug)
    number = page_number(request.GET.get("page"))
    keep = number is not None and set(request.GET) <= {"page"}
    key = cache.page_key(project, request, number) if keep else None
    found = cache.read([key] if key else [], also=health_stamps(request.user, project))

    def render():
        page = project_page_for(request.user, project, request.GET.get("page"))
        return render_kept(
            request,
            "dashboard/project.html",
            {"project": page.project, "project_page": page},
            page.valid_until,
        )

    return cache.page(request, project, key, found, render, made_with(request.user, project, found))


@require_safe
@login_required
def project_dashboard(request, slug):
    project = get_project_for_user(request.user, slug)
    key = None if request.GET else cache.page_key(project, request)
    visit_key = dashboard_visit_key(request.user, project)
    # One round trip when warm, with the flag of the user's visit today.
    found = cache.read([name for name in (key, visit_key) if name])

    def render():
        dashboard = dashboard_for(request.user, project)
        return render_kept(
            request,
            "dashboard/dashboard.html",
            {"project": dashboard.project, "dashboard": dashboard},
            dashboard.valid_until,
        )

    response = cache.page(request, project, key, found, render)
    dashboard_visit_record(user=request.user, project=project, seen=visit_key in found)
    return response
