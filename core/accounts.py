"""The login and password-reset views, with the account throttle of core/throttle.py."""

from django.contrib.auth import views as auth_views

from core.forms import LoginForm
from core.throttle import forget_failures


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "account_throttled"):
            response.status_code = 429
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password set through the mailed link: the owner may log in again at once.
        forget_failures(form.user.email)
        return response
