from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import ChoiceField, ModelChoiceField, ModelMultipleChoiceField
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from core.throttle import account_is_throttled, login_name


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields it names, or above the form."""
    errors = exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, exc)]
    for field, error in errors:
        form.add_error(field if field in form.fields else None, error)


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


class ListedChoices:
    """Mixin for a ModelChoiceField or ModelMultipleChoiceField whose choices were read
    beforehand (e.g. along with the row the page is about): set `rows` to those model
    instances, and showing and validating the choices asks the database nothing. Without
    `rows` the field works from its queryset as usual."""

    rows: list | None = None

    def set_rows(self, rows) -> None:
        """Offer these model instances (in this order) instead of the queryset's rows."""
        self.rows = list(rows)
        self.widget.choices = self.choices

    def _find(self, value):
        key = self.to_field_name or "pk"
        if isinstance(value, Model):
            value = getattr(value, key)
        for row in self.rows:
            if str(getattr(row, key)) == str(value):
                return row
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class _ListedIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.rows:
            yield self.choice(row)

    def __len__(self):
        return len(self.field.rows) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.rows)


class ListedModelChoiceField(ListedChoices, ModelChoiceField):
    def _get_choices(self):
        if self.rows is None:
            return super()._get_choices()
        return _ListedIterator(self)

    choices = property(_get_choices, ChoiceField.choices.fset)

    def to_python(self, value):
        if self.rows is None or value in self.empty_values:
            return super().to_python(value)
        return self._find(value)


class ListedModelMultipleChoiceField(ListedChoices, ModelMultipleChoiceField):
    def _get_choices(self):
        if self.rows is None:
            return super()._get_choices()
        return _ListedIterator(self)

    choices = property(_get_choices, ChoiceField.choices.fset)

    def _check_values(self, value):
        if self.rows is None:
            return super()._check_values(value)
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        return [self._find(each) for each in sorted(value)]
