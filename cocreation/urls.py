from django.urls import path

from . import views

app_name = "cocreation"

V = "projecten/<slug:slug>/samenwerking/versies/<int:number>/"
OB = "projecten/<slug:slug>/opdrachtbevestigingen/"
VR = "projecten/<slug:slug>/voortgangsrapportages/"

urlpatterns = [
    # agreements and their versions
    path("projecten/<slug:slug>/samenwerking/", views.agreement, name="agreement"),
    path(
        "projecten/<slug:slug>/samenwerking/nieuwe-versie/", views.version_new, name="version_new"
    ),
    path(V, views.version_detail, name="version"),
    path(V + "bewerken/", views.version_edit, name="version_edit"),
    path(V + "partijen/", views.party_add, name="party_add"),
    path(V + "partijen/<int:pk>/verwijderen/", views.party_remove, name="party_remove"),
    path(V + "inzet/", views.commitment_add, name="commitment_add"),
    path(V + "inzet/<int:pk>/verwijderen/", views.commitment_remove, name="commitment_remove"),
    path(V + "voorstellen/", views.version_propose, name="version_propose"),
    path(V + "instemmen/", views.version_consent, name="version_consent"),
    path(V + "niet-instemmen/", views.version_decline, name="version_decline"),
    path(V + "verschillen/", views.version_diff, name="version_diff"),
    # check-ins
    path(
        "projecten/<slug:slug>/reflectiemomenten/nieuw/",
        views.check_in_create,
        name="check_in_create",
    ),
    path(
        "projecten/<slug:slug>/reflectiemomenten/<int:pk>/", views.check_in_detail, name="check_in"
    ),
    # concerns
    path("projecten/<slug:slug>/vragen/", views.concern_list, name="concerns"),
    path("projecten/<slug:slug>/vragen/nieuw/", views.concern_create, name="concern_create"),
    path("projecten/<slug:slug>/vragen/<int:pk>/", views.concern_detail, name="concern"),
    path(
        "projecten/<slug:slug>/vragen/<int:pk>/sluiten/", views.concern_close, name="concern_close"
    ),
    # order confirmations
    path(OB, views.confirmation_list, name="confirmations"),
    path(OB + "genereren/", views.confirmation_generate, name="confirmation_generate"),
    path(OB + "<str:number>.pdf", views.confirmation_download, name="confirmation_download"),
    path(OB + "<str:number>/opnieuw/", views.confirmation_retry, name="confirmation_retry"),
    # progress reports
    path(VR, views.report_list, name="reports"),
    path(VR + "aanvragen/", views.report_request, name="report_request"),
    path(VR + "<int:pk>.pdf", views.report_download, name="report_download"),
]
