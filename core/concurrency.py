"""Concurrent edits: a save never silently overwrites a change its author has not seen.

An edit form carries, in one hidden field, the saved state it was based on: the row's
`updated_at` and the values its fields showed, signed so they come back as they were sent. The
service locks the row (`select_for_update`) and compares `updated_at` before it saves; saves of
one row are serialised by that lock and stamp their time after taking it, so a later save always
has a later stamp. If someone saved in between, the service raises `EditConflict` instead of
saving; the form then lists each field that differs between its base and the current row
(old → current), keeps what the user typed, and is based on the current row from then on, so
that saving again, after merging, is a choice made with the other change in view.

A form posted without that field (a page from before this existed, or a script) is treated the
same way: nothing is saved, and the form comes back based on the current row.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import add_errors

BASE_FIELD = "edit_base"
SALT = "core.concurrency.edit_base"


class EditConflict(ValidationError):
    """Raised by a service when the row was saved by someone else after the form's base."""

    def __init__(self, *, changed_by: str | None, changed_at: datetime.datetime):
        self.changed_by = changed_by
        self.changed_at = changed_at
        local = timezone.localtime(changed_at)
        params = {
            "name": changed_by or gettext("iemand anders"),
            "date": date_format(local, "j F Y"),
            "time": date_format(local, "H:i"),
        }
        super().__init__(
            _(
                "Niet opgeslagen: %(name)s heeft dit op %(date)s om %(time)s gewijzigd, nadat u "
                "het formulier opende. Uw invoer staat hieronder nog; kijk wat er intussen "
                "veranderde, neem over wat u wilt houden en sla opnieuw op."
            ),
            code="conflict",
            params=params,
        )


def check_unchanged(
    row: models.Model,
    unchanged_since: datetime.datetime | None,
    *,
    last_editor: Callable[[models.Model], str | None],
) -> None:
    """Raise EditConflict when `row`, read with select_for_update, was saved after
    `unchanged_since`. None skips the check: the caller edits without a form."""
    if unchanged_since is None or row.updated_at == unchanged_since:
        return
    raise EditConflict(changed_by=last_editor(row), changed_at=row.updated_at)


@dataclass(frozen=True)
class Change:
    """A field that someone else changed while this form was open."""

    label: str
    before: str
    now: str


def _plain(value):
    """A field's value as JSON keeps it, comparable before and after the round trip."""
    if isinstance(value, list | tuple | set | models.QuerySet):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(getattr(value, "pk", value))


def _shown(field: forms.Field, value) -> str:
    """`value` (as `_plain` gives it) the way the form shows it: a label, a date, the text."""
    if value in (None, "", []):
        return "—"
    if isinstance(field, forms.BooleanField):
        return gettext("ja") if value else gettext("nee")
    if isinstance(field, forms.DateField):
        return date_format(datetime.date.fromisoformat(value), "j F Y")
    if hasattr(field, "choices"):
        labels = {str(key): str(label) for key, label in field.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


class ConcurrentEditForm:
    """Mixin for a ModelForm that edits a row with an `updated_at`: it carries the state it was
    based on, and shows an EditConflict as the fields that changed meanwhile.

    The view saves through `form.save_through(service, ...)`, which passes the form's data and
    `unchanged_since` to the service and turns its EditConflict into the changes shown (409).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict_changes: list[Change] | None = None
        self._base: dict | None = None
        if self.instance.pk is not None:
            self.fields[BASE_FIELD] = forms.CharField(
                widget=forms.HiddenInput,
                required=False,
                # Only an unbound form renders it; a bound one sends back what it got.
                initial=lambda: self._token(self.instance),
            )

    def edit_values(self, instance: models.Model) -> dict:
        """The values of this form's fields that `instance` holds; override to add a field
        that is not the model's (an entry's activities)."""
        names = {f.name for f in instance._meta.get_fields() if f.concrete or f.many_to_many}
        values = {}
        for name, field in self.fields.items():
            if name in names and not isinstance(field, forms.FileField):
                values[name] = instance._meta.get_field(name).value_from_object(instance)
        return {name: _plain(value) for name, value in values.items()}

    @property
    def unchanged_since(self) -> datetime.datetime | None:
        """The `updated_at` this form was based on (after validation)."""
        return datetime.datetime.fromisoformat(self._base["at"]) if self._base else None

    def _row(self) -> str:
        return f"{self.instance._meta.label_lower}:{self.instance.pk}"

    def _token(self, instance: models.Model) -> str:
        state = {
            "row": self._row(),
            "at": instance.updated_at.isoformat(),
            "values": self.edit_values(instance),
        }
        return signing.dumps(state, salt=SALT, compress=True)

    def _read(self, token: str) -> dict | None:
        try:
            state = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return None
        return state if isinstance(state, dict) and state.get("row") == self._row() else None

    def clean(self):
        data = super().clean()
        if BASE_FIELD in self.fields:
            self._base = self._read(data.get(BASE_FIELD) or "")
            if self._base is None:
                self.add_error(
                    None,
                    ValidationError(
                        _(
                            "Niet opgeslagen: dit formulier zegt niet van welke versie het "
                            "uitging (misschien een pagina van voor een wijziging). Uw invoer "
                            "staat hieronder nog; controleer het en sla opnieuw op."
                        ),
                        code="no_base",
                    ),
                )
                self._rebase(self._current())
        return data

    def save_through(self, update: Callable, **kwargs) -> int | None:
        """Save with the service `update` (this form's data, its base and `kwargs`): None when
        saved, else the status to show the form again with: 409 after a save made in between
        (its changes listed), 200 when the service refused (at the field, or above the form)."""
        try:
            update(unchanged_since=self.unchanged_since, **self.service_kwargs(), **kwargs)
        except EditConflict as conflict:
            self.show_conflict(conflict)
            return 409
        except ValidationError as exc:
            add_errors(self, exc)
            return 200
        return None

    def show_conflict(self, conflict: EditConflict) -> None:
        """Show `conflict` and what changed since this form's base; keep the input, and base
        the form on the row as it is now."""
        current = self._current()
        before = self._base["values"] if self._base else {}
        now = self.edit_values(current)
        self.conflict_changes = []
        for name, value in now.items():
            if name in before and before[name] != value:
                self.conflict_changes.append(self.describe_change(name, before[name], value))
        self.add_error(None, conflict)
        self._rebase(current)

    def describe_change(self, name: str, before, now) -> Change:
        """The change of `name` as the conflict shows it; a form whose `edit_values` adds a
        value that is not one of its fields says here how to show it."""
        field = self.fields[name]
        return Change(self[name].label, _shown(field, before), _shown(field, now))

    def _current(self) -> models.Model:
        # The form's own instance already holds the posted values (ModelForm validation).
        return type(self.instance)._default_manager.get(pk=self.instance.pk)

    def _rebase(self, current: models.Model) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix(BASE_FIELD)] = self._token(current)
