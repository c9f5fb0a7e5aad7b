from django.urls import path

from .views import exports, pages, projects, reports

app_name = "dashboard"

PROJECT = "projecten/<slug:slug>/"
REPORTS = PROJECT + "voortgangsrapportages/"

urlpatterns = [
    path("", pages.home, name="home"),
    path("projecten/", projects.project_list, name="project_list"),
    path(PROJECT, pages.project_page, name="project"),
    path(PROJECT + "dashboard/", pages.project_dashboard, name="dashboard"),
    path(PROJECT + "dashboard/activiteiten.csv", exports.activities_csv, name="activities_csv"),
    path(REPORTS, reports.report_list, name="reports"),
    path(REPORTS + "aanvragen/", reports.report_request, name="report_request"),
    path(REPORTS + "<int:pk>.pdf", reports.report_download, name="report_download"),
]
