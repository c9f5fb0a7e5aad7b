from django.urls import path

from .views import certificates

app_name = "trainings"

# Pages of a training trajectory live under /projecten/<slug>/training/…; the pages a
# participant opens from an e-mail (no account) under /training/<token>/….
TEAM = "projecten/<slug:slug>/training/"

urlpatterns = [
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
]
