from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.throttle import account_is_throttled, login_name

ACCOUNT_THROTTLED = _(
    "Voor dit e-mailadres zijn het afgelopen uur te vaak verkeerde wachtwoorden "
    "geprobeerd. Probeer het later opnieuw, of vraag een nieuw wachtwoord aan: dan kunt "
    "u meteen weer inloggen."
)


class AccountThrottle:
    """For every login form (ours and the admin's): refuse before the password is checked
    when the address had too many failures lately, so a refused attempt tells a guesser
    nothing (core/throttle.py)."""

    def clean(self):
        if account_is_throttled(login_name(self.request, self.data)):
            raise ValidationError(ACCOUNT_THROTTLED, code="account_throttled")
        return super().clean()


class LoginForm(AccountThrottle, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer "
            "het opnieuw."
        ),
    }


class AdminLoginForm(AccountThrottle, AdminAuthenticationForm):
    """The admin's login (/beheer/), under the same account throttle."""
