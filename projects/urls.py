from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.home, name="home"),
    # projects, phases and members
    path("projecten/", views.project_list, name="list"),
    path("projecten/<slug:slug>/", views.project_detail, name="detail"),
    # activities
]
