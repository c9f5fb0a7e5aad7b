from django.urls import path

from .views import learning

app_name = "trainings"

# Pages of a training trajectory live under /projecten/<slug>/training/…; the pages a
# participant opens from an e-mail (no account) under /training/<token>/….
urlpatterns = [
    # the learning harvest: practice assignments and evaluations
    path(
        "projecten/<slug:slug>/training/deelnemers/<int:pk>/praktijkopdracht/",
        learning.assignment,
        name="assignment",
    ),
    path(
        "projecten/<slug:slug>/training/deelnemers/<int:pk>/praktijkopdracht/reflectie-vragen/",
        learning.assignment_ask,
        name="assignment_ask",
    ),
    path(
        "projecten/<slug:slug>/training/evaluaties/",
        learning.evaluations_page,
        name="evaluations",
    ),
    path(
        "projecten/<slug:slug>/training/evaluaties/versturen/",
        learning.evaluations_send,
        name="evaluations_send",
    ),
    path("training/<str:token>/evaluatie/", learning.evaluate, name="evaluate"),
    path("training/<str:token>/reflectie/", learning.reflect, name="reflect"),
]
