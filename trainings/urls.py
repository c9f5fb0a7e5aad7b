from django.urls import path

from .views import certificates, learning, participants, registration, sessions

app_name = "trainings"

# Pages of a training trajectory live under /projecten/<slug>/training/…; the pages a
# participant opens from an e-mail (no account) under /training/<token>/….
TEAM = "projecten/<slug:slug>/training/"

urlpatterns = [
    path(TEAM + "bijeenkomsten/nieuw/", sessions.session_create, name="session_create"),
    path(TEAM + "bijeenkomsten/<int:pk>/bewerken/", sessions.session_edit, name="session_edit"),
    path(TEAM + "bijeenkomsten/<int:pk>/aanwezigheid/", sessions.attendance, name="attendance"),
    path(TEAM + "deelnamebewijzen/", certificates.certificate_list, name="certificates"),
    path(
        TEAM + "deelnamebewijzen/<int:pk>.pdf",
        certificates.certificate_download,
        name="certificate_download",
    ),
    path(
        TEAM + "deelnamebewijzen/<int:pk>/mailen/",
        certificates.certificate_send,
        name="certificate_send",
    ),
    path(TEAM + "deelnemers/", participants.participants, name="participants"),
    path(TEAM + "deelnemers/toevoegen/", participants.participant_add, name="participant_add"),
    path(
        TEAM + "deelnemers/<int:pk>/verwijderen/",
        participants.participant_remove,
        name="participant_remove",
    ),
    path(TEAM + "aanmeldlink/", registration.registration, name="registration"),
    # the learning harvest: practice assignments and evaluations
    path(TEAM + "deelnemers/<int:pk>/praktijkopdracht/", learning.assignment, name="assignment"),
    path(
        TEAM + "deelnemers/<int:pk>/praktijkopdracht/reflectie-vragen/",
        learning.assignment_ask,
        name="assignment_ask",
    ),
    path(TEAM + "evaluaties/", learning.evaluations_page, name="evaluations"),
    path(TEAM + "evaluaties/versturen/", learning.evaluations_send, name="evaluations_send"),
    # pages a participant opens from an e-mail, without an account
    path("training/<str:token>/evaluatie/", learning.evaluate, name="evaluate"),
    path("training/<str:token>/reflectie/", learning.reflect, name="reflect"),
    path("training/<str:token>/aanmelden/", registration.register, name="register"),
]
