from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from core.accounts import LoginView, PasswordResetConfirmView, PasswordResetView
from core.forms import AdminLoginForm
from core.health import healthz

admin.site.site_header = _("De Buurtontdekkers – beheer")
admin.site.login_form = AdminLoginForm
admin.site.site_title = _("De Buurtontdekkers")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}img/logo.svg")),
    path("beheer/", admin.site.urls),
    path("account/login/", LoginView.as_view(), name="login"),
    path("account/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("account/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("impact.urls")),
    path("", include("cocreation.urls")),
    path("", include("projects.urls")),
    path("", include("trainings.urls")),
    # After projects.urls: "projecten/nieuw/" must not be taken for a project's slug.
    path("", include("dashboard.urls")),
]
# Uploaded photos are never served from MEDIA_URL directly, not even in DEBUG: each goes
# through a view that asks the permission layer first.
