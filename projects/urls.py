from django.urls import path

from .views import projects as project_views

app_name = "projects"

urlpatterns = [
    path("", project_views.home, name="home"),
    # projects, phases and members
    path("projecten/", project_views.project_list, name="list"),
    path("projecten/<slug:slug>/", project_views.project_detail, name="detail"),
    # activities
]
