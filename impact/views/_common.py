"""What the impact views share: the write permission, the page size, reading an entry through
the permission layer, and turning a refusal into form errors."""

from django.shortcuts import get_object_or_404

from ..selectors import (
    entries_visible_to,
    with_timeline_data,
)

LOG = "impact.log_impact"
PER_PAGE = 20


def entry_for(user, project, pk):
    """The entry `pk` of `project` if `user` may read it (else 404), as its card shows it."""
    return get_object_or_404(with_timeline_data(entries_visible_to(user, project)), pk=pk)
