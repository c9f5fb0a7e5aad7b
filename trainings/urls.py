from django.urls import path  # noqa: F401

app_name = "trainings"

# Pages of a training trajectory live under /projecten/<slug>/training/…; the pages a
# participant opens from an e-mail (no account) under /training/<token>/….
urlpatterns = []
