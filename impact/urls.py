from django.urls import path

from .views import entries, highlights, initiatives, substantiation, unsubscribe

app_name = "impact"

base = "projecten/<slug:slug>/impact/"
entry = base + "<int:pk>/"
initiative = base + "initiatieven/<int:pk>/"

urlpatterns = [
    path(base, entries.timeline, name="timeline"),
    path(base + "nieuw/", entries.entry_create, name="create"),
    path(base + "activiteiten/", entries.activity_choices, name="activity_choices"),
    path(base + "export.csv", highlights.export_csv, name="export"),
    path(base + "uitgelicht/", highlights.highlights, name="highlights"),
    path(entry, entries.entry_detail, name="detail"),
    path(entry + "bewerken/", entries.entry_edit, name="edit"),
    path(entry + "meest-significant/", entries.entry_significant, name="significant"),
    path(entry + "toestemming-intrekken/", entries.consent_withdraw, name="consent_withdraw"),
    path(entry + "fotos/<int:photo_pk>/", entries.entry_photo, name="photo"),
    path(
        entry + "bevestiging-vragen/",
        substantiation.substantiation_request,
        name="substantiation_request",
    ),
    path(base + "initiatieven/", initiatives.initiative_list, name="initiatives"),
    path(base + "initiatieven/nieuw/", initiatives.initiative_create, name="initiative_create"),
    path(initiative, initiatives.initiative_detail, name="initiative_detail"),
    path(initiative + "eigenaarschap/", initiatives.ownership_add, name="ownership_add"),
    path(
        "weekoverzicht/afmelden/<str:token>/",
        unsubscribe.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
    path(
        "bevestigen/<str:token>/",
        substantiation.substantiation_answer,
        name="substantiation_answer",
    ),
]
