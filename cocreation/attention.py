"""What needs attention in the co-creation of many projects at once, for the project health
(dashboard.health): the open concerns, the check-in schedule and how each commitment went at
the last check-in. Each reader takes a set of projects and asks a fixed number of queries,
however many projects there are."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from .models import AgreementVersion, CheckIn, CommitmentReview, Concern
from .selectors import check_in_due

NEEDS_ATTENTION = [CommitmentReview.Status.ATTENTION, CommitmentReview.Status.DROPPED]


@dataclass(frozen=True)
class CheckInState:
    """Where a project's check-ins stand under the agreement in force."""

    version: AgreementVersion  # the agreed version, whose rhythm applies
    last_id: int | None  # the last check-in (of any version), if any
    last_date: datetime.date | None
    due: datetime.date  # when the next one falls (`selectors.check_in_due`)
    reviews: list[CommitmentReview]  # at the last check-in: 'needs attention' or 'dropped'


def open_concerns_of(projects) -> dict[int, list[Concern]]:
    """Per project id: its open concerns, oldest first; one query."""
    concerns = Concern.objects.filter(project__in=projects, closed_at__isnull=True)
    found: dict[int, list[Concern]] = {}
    for concern in concerns.order_by("created_at", "id"):
        found.setdefault(concern.project_id, []).append(concern)
    return found


def check_in_states(projects) -> dict[int, CheckInState]:
    """Per project id with an agreement in force: its check-in state; two queries."""
    last = CheckIn.objects.filter(agreement_id=OuterRef("agreement_id")).order_by("-date", "-id")
    versions = list(
        AgreementVersion.objects.filter(
            agreement__project__in=projects, status=AgreementVersion.Status.AGREED
        )
        .select_related("agreement")
        .annotate(
            last_check_in_id=Subquery(last.values("pk")[:1]),
            last_check_in_date=Subquery(last.values("date")[:1]),
        )
    )
    check_in_ids = [v.last_check_in_id for v in versions if v.last_check_in_id is not None]
    reviews: dict[int, list[CommitmentReview]] = {}
    if check_in_ids:
        found = (
            CommitmentReview.objects.filter(
                check_in_id__in=check_in_ids, status__in=NEEDS_ATTENTION
            )
            .select_related("commitment__party__organisation")
            .order_by("commitment__party__order", "commitment__order", "id")
        )
        for review in found:
            reviews.setdefault(review.check_in_id, []).append(review)
    return {
        version.agreement.project_id: CheckInState(
            version=version,
            last_id=version.last_check_in_id,
            last_date=version.last_check_in_date,
            due=check_in_due(version, version.last_check_in_date),
            reviews=reviews.get(version.last_check_in_id, []),
        )
        for version in versions
    }
