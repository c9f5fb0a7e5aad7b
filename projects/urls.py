from django.urls import path

from .views import activities as activity_views
from .views import members as member_views
from .views import projects as project_views

app_name = "projects"

urlpatterns = [
    # projects, phases and members
    # The project list is dashboard:project_list (it shows the team the projects' health).
    # The root urls include these before dashboard.urls, whose project page would take
    # "nieuw" for a slug.
    path("projecten/nieuw/", project_views.project_create, name="create"),
    path("projecten/<slug:slug>/bewerken/", project_views.project_edit, name="edit"),
    path("projecten/<slug:slug>/fasen/", project_views.project_phases, name="phases"),
    path("projecten/<slug:slug>/leden/", member_views.project_members, name="members"),
    path(
        "projecten/<slug:slug>/leden/<int:pk>/verwijderen/",
        member_views.member_remove,
        name="member_remove",
    ),
    # activities
    path("activiteit/nieuw/", activity_views.activity_quick, name="activity_quick"),
    path(
        "projecten/<slug:slug>/activiteiten/nieuw/",
        activity_views.activity_create,
        name="activity_create",
    ),
    path(
        "projecten/<slug:slug>/activiteiten/<int:pk>/",
        activity_views.activity_detail,
        name="activity_detail",
    ),
    path(
        "projecten/<slug:slug>/activiteiten/<int:pk>/bewerken/",
        activity_views.activity_edit,
        name="activity_edit",
    ),
    path(
        "projecten/<slug:slug>/activiteiten/<int:pk>/verwijderen/",
        activity_views.activity_delete,
        name="activity_delete",
    ),
    path(
        "projecten/<slug:slug>/fotos/<int:pk>/",
        activity_views.activity_photo,
        name="activity_photo",
    ),
]
