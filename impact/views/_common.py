"""What the impact views share: the write permission, the page size, reading an entry through
the permission layer, and turning a refusal into form errors."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ..selectors import (
    entries_visible_to,
    with_timeline_data,
)

LOG = "impact.log_impact"
PER_PAGE = 20


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the form's fields, or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def entry_for(user, project, pk):
    """The entry `pk` of `project` if `user` may read it (else 404), as its card shows it."""
    return get_object_or_404(with_timeline_data(entries_visible_to(user, project)), pk=pk)
