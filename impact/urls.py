from django.urls import path

from . import views

app_name = "impact"

base = "projecten/<slug:slug>/impact/"
entry = base + "<int:pk>/"
initiative = base + "initiatieven/<int:pk>/"

urlpatterns = [
    path(base, views.timeline, name="timeline"),
    path(base + "nieuw/", views.entry_create, name="create"),
    path(base + "export.csv", views.export_csv, name="export"),
    path(base + "uitgelicht/", views.highlights, name="highlights"),
    path(entry, views.entry_detail, name="detail"),
    path(entry + "bewerken/", views.entry_edit, name="edit"),
    path(entry + "meest-significant/", views.entry_significant, name="significant"),
    path(entry + "toestemming-intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path(entry + "fotos/<int:photo_pk>/", views.entry_photo, name="photo"),
    path(base + "initiatieven/", views.initiative_list, name="initiatives"),
    path(base + "initiatieven/nieuw/", views.initiative_create, name="initiative_create"),
    path(initiative, views.initiative_detail, name="initiative_detail"),
    path(initiative + "eigenaarschap/", views.ownership_add, name="ownership_add"),
]

# ---- weekly digest (issue 7) ----
urlpatterns += [
    path(
        "weekoverzicht/afmelden/<str:token>/",
        views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
]
