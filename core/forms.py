from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.throttle import account_is_throttled, login_name


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer "
            "het opnieuw."
        ),
        "account_throttled": _(
            "Voor dit e-mailadres zijn het afgelopen uur te vaak verkeerde wachtwoorden "
            "geprobeerd. Probeer het later opnieuw, of vraag een nieuw wachtwoord aan: dan kunt "
            "u meteen weer inloggen."
        ),
    }

    def clean(self):
        # Before the password is checked, so a refused attempt gives a guesser nothing.
        if account_is_throttled(login_name(self.request, self.data)):
            raise ValidationError(
                self.error_messages["account_throttled"], code="account_throttled"
            )
        return super().clean()
