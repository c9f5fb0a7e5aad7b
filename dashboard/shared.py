"""What everyone of one audience sees alike on the shared dashboard, kept rendered: the page's
regions as HTML, and the few facts of the same data that the per-user parts read (the version
in force for the confirmations panel, the check-in facts and the decisions due for the asks).

One cache entry per project, generation, day, audience and language (dashboard/cache.py),
read in one round trip with the user's own entry; a warm dashboard renders only the page
around the regions and the per-user panels. A region's template receives `blocks` (the
`selectors.Blocks` of this audience), `sees_internal`, `levels`, `project` and `user`; what
it shows must be the same for everyone of the audience (a per-user part stays in
dashboard.html).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from cocreation import continuation, waiting

if TYPE_CHECKING:
    from cocreation.continuation import PhaseDue
    from cocreation.models import AgreementVersion
    from cocreation.waiting import Awaiting, CheckInFacts

# The regions of templates/dashboard/dashboard.html, in the page's order. A new block that
# everyone of an audience sees alike goes inside one of these templates, its data on `Blocks`.
REGIONS = {
    "ambition": "dashboard/_region_ambition.html",  # the shared ambition
    "impact": "dashboard/_region_impact.html",  # the main column: changes and initiatives
    "aside": "dashboard/_region_aside.html",  # commitments, pulse, hours
    "lower": "dashboard/_region_lower.html",  # ownership, trajectory, timeline, charts
}


@dataclass(frozen=True)
class Shared:
    """The rendered regions of one audience's dashboard and the facts read beside them."""

    regions: dict[str, str]  # name (REGIONS) -> HTML, safe
    version: AgreementVersion | None  # the version in force
    check_ins: CheckInFacts | None
    decisions: list[PhaseDue]  # the phases that need a continuation decision today
    awaiting: Awaiting | None = None  # the proposed version and the parties it waits for


def shared_from(
    user, project, blocks, *, sees_internal: bool, levels, awaiting: Awaiting | None = None
) -> Shared:
    """Render what `user`'s audience sees of `project`, from their `blocks` (a
    `selectors.Blocks`; not imported: the selectors import this module)."""
    context = {
        "blocks": blocks,
        "sees_internal": sees_internal,
        "levels": levels,
        "project": project,
        "user": user,
    }
    agreement = blocks.agreement
    return Shared(
        regions={name: render_to_string(template, context) for name, template in REGIONS.items()},
        version=agreement.version,
        check_ins=waiting.check_in_facts_from(
            agreement.version, agreement.parties, agreement.last_check_in, agreement.next_check_in
        ),
        decisions=continuation.due_from_trajectory(blocks.phases),
        awaiting=awaiting,
    )
