"""What we agreed on a given day: the version in force then, who consented to it, and how every
commitment stood at the last check-in on or before that day. Answers "you promised N" from the
agreed record itself."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from projects.models import Project

from .models import AgreementVersion, CheckIn, Consent, Party
from .selectors import commitments_with_last_review

ONCE_AGREED = [AgreementVersion.Status.AGREED, AgreementVersion.Status.SUPERSEDED]


@dataclass(frozen=True)
class AgreedOn:
    day: datetime.date
    version: AgreementVersion | None  # None: nothing was agreed yet on `day`
    parties: list  # [(party, [commitment with `last_review`, ...]), ...]
    check_in: CheckIn | None  # the check-in the statuses come from


def version_in_force(project: Project, day: datetime.date) -> AgreementVersion | None:
    """The version of `project`'s agreement in force on `day`: the last one agreed on or before
    that day (a later agreement supersedes it only from its own day), with its parties, their
    commitments and the consents to its content with who gave them."""
    consents = Consent.objects.select_related("user")
    parties = Party.objects.select_related("organisation", "representative").prefetch_related(
        "commitments", Prefetch("consents", queryset=consents)
    )
    return (
        AgreementVersion.objects.filter(
            agreement__project=project, status__in=ONCE_AGREED, agreed_at__date__lte=day
        )
        .select_related("agreement__project")
        .prefetch_related(Prefetch("parties", queryset=parties.order_by("order", "id")))
        .order_by("-agreed_at", "-number")
        .first()
    )


def agreed_on(project: Project, day: datetime.date) -> AgreedOn:
    """What `project`'s parties had agreed on `day`, and how each commitment stood then; a fixed
    number of queries, however many versions, commitments and check-ins there are."""
    version = version_in_force(project, day)
    if version is None:
        return AgreedOn(day=day, version=None, parties=[], check_in=None)
    _version, parties, check_in = commitments_with_last_review(project, until=day, version=version)
    return AgreedOn(day=day, version=version, parties=parties, check_in=check_in)
