from django.urls import path

from .views import sessions

app_name = "trainings"

# Pages of a training trajectory live under /projecten/<slug>/training/…; the pages a
# participant opens from an e-mail (no account) under /training/<token>/….
urlpatterns = [
    path(
        "projecten/<slug:slug>/training/bijeenkomsten/nieuw/",
        sessions.session_create,
        name="session_create",
    ),
    path(
        "projecten/<slug:slug>/training/bijeenkomsten/<int:pk>/bewerken/",
        sessions.session_edit,
        name="session_edit",
    ),
    path(
        "projecten/<slug:slug>/training/bijeenkomsten/<int:pk>/aanwezigheid/",
        sessions.attendance,
        name="attendance",
    ),
]
