"""The login and password-reset views, with the account throttle of core/throttle.py."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from core.forms import LoginForm
from core.throttle import allow_reset_mail, client_ip, forget_failures


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


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        if allow_reset_mail(form.cleaned_data["email"], client_ip(self.request)):
            return super().form_valid(form)
        # The same answer as when a mail went out: nobody learns whether an address is known,
        # or that it is being flooded.
        return HttpResponseRedirect(self.get_success_url())
