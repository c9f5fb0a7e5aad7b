from django.urls import path

from .views import participants, registration

app_name = "trainings"

# Pages of a training trajectory live under /projecten/<slug>/training/…; the pages a
# participant opens from an e-mail (no account) under /training/<token>/….
urlpatterns = [
    path(
        "projecten/<slug:slug>/training/deelnemers/",
        participants.participants,
        name="participants",
    ),
    path(
        "projecten/<slug:slug>/training/deelnemers/toevoegen/",
        participants.participant_add,
        name="participant_add",
    ),
    path(
        "projecten/<slug:slug>/training/deelnemers/<int:pk>/verwijderen/",
        participants.participant_remove,
        name="participant_remove",
    ),
    path(
        "projecten/<slug:slug>/training/aanmeldlink/",
        registration.registration,
        name="registration",
    ),
    path("training/<str:token>/aanmelden/", registration.register, name="register"),
]
