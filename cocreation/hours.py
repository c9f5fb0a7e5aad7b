"""Effort, not output: the designers' hours against the hours of the order confirmation in
force (an inspanningsverplichting promises effort, not results). The confirmation records one
total, so each phase shows its hours as a share of that total, and so does the whole project.

Read in one query (`hours_spent`), composed into plain figures (`hours_against_promise`) that
the project page and the dashboard (inside its cached blocks) display alike for the team and
the client; a partner reads the confirmation without hours and sees none of this.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum

from core.rows import json_rows
from projects.models import Activity, Phase, Project

from .models import OrderConfirmation

# The share of the promised hours at which the designers are warned, and when they are all used.
WARN_AT = Decimal(80)
USED_AT = Decimal(100)

OK, WARNING, USED_UP = "ok", "warning", "used_up"


def hours_level(spent: Decimal, promised: int | None) -> str:
    """OK below 80 % of `promised`, WARNING from 80 %, USED_UP from 100 % (OK without a
    promise)."""
    if not promised:
        return OK
    share = spent * 100 / promised
    if share >= USED_AT:
        return USED_UP
    if share >= WARN_AT:
        return WARNING
    return OK


def share_of(spent: Decimal, promised: int | None) -> int | None:
    """`spent` as a whole percentage of `promised` (rounded down, so 79.9 % never reads 80 %)."""
    if not promised:
        return None
    return int(spent * 100 // promised)


@dataclass(frozen=True)
class HoursLine:
    """One phase (or the activities without one, `phase` None), or the total (`is_total`)."""

    phase: Phase | None
    spent: Decimal
    share: int | None  # of the promised hours, in %
    level: str
    is_total: bool = False


@dataclass(frozen=True)
class Hours:
    """The hours spent per phase and in total, against the promised hours (None when no
    confirmation is in force yet)."""

    promised: int | None
    lines: list[HoursLine]
    total: HoursLine

    @property
    def level(self) -> str:
        """The most urgent level of the total and of any phase."""
        levels = {line.level for line in [*self.lines, self.total]}
        return next((lv for lv in (USED_UP, WARNING) if lv in levels), OK)


def _sum_of_hours(**filters) -> Subquery:
    spent = (
        Activity.objects.filter(hours__isnull=False, **filters)
        .order_by()
        .values("project")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return Subquery(spent, output_field=DecimalField(max_digits=9, decimal_places=1))


def read_along() -> dict:
    """Annotations for a project queryset that bring what `hours_spent` reads along in the
    project's own query (no query of their own)."""
    promised = OrderConfirmation.objects.filter(
        project=OuterRef("pk"), status=OrderConfirmation.Status.READY, superseded_by__isnull=True
    ).order_by("-year", "-sequence")
    phases = json_rows(
        Phase.objects.annotate(spent=_sum_of_hours(phase=OuterRef("pk"))),
        parent="project",
        fields=["id", "spent"],
    )
    return {
        "hours_promised": Subquery(promised.values("hours")[:1]),
        "hours_without_phase": _sum_of_hours(project=OuterRef("pk"), phase__isnull=True),
        "hours_phase_rows": phases,
    }


READ_ALONG = ("hours_promised", "hours_without_phase", "hours_phase_rows")


def hours_spent(project: Project) -> dict:
    """The promised hours of the confirmation in force (None without one), the hours without a
    phase, and {phase id: hours} (see `current_confirmation`): read along with the project
    (`read_along`) or in one query."""
    if hasattr(project, "hours_phase_rows"):
        row = {name: getattr(project, name) for name in READ_ALONG}
    else:
        row = (
            Project.objects.filter(pk=project.pk).annotate(**read_along()).values(*READ_ALONG).get()
        )
    per_phase = {
        item["id"]: Decimal(str(item["spent"]))
        for item in row["hours_phase_rows"] or []
        if item["spent"] is not None
    }
    return {
        "promised": row["hours_promised"],
        "without_phase": row["hours_without_phase"] or Decimal(0),
        "per_phase": per_phase,
    }


def hours_against_promise(phases: list[Phase], spent: dict) -> Hours:
    """The figures of `hours_spent` for `phases` (in their order): each phase, the hours
    without a phase when there are any, and the total, each against the promised total."""
    promised = spent["promised"]

    def line(phase, hours, *, is_total=False) -> HoursLine:
        return HoursLine(
            phase=phase,
            spent=hours,
            share=share_of(hours, promised),
            level=hours_level(hours, promised),
            is_total=is_total,
        )

    lines = [line(phase, spent["per_phase"].get(phase.pk, Decimal(0))) for phase in phases]
    if spent["without_phase"]:
        lines.append(line(None, spent["without_phase"]))
    total = sum((item.spent for item in lines), Decimal(0))
    return Hours(promised=promised, lines=lines, total=line(None, total, is_total=True))


def hours_for(project: Project, phases: list[Phase]) -> Hours:
    """The hours of `project` per phase of `phases` and in total, against the promise."""
    return hours_against_promise(phases, hours_spent(project))
