"""Who still has to act on a project's agreement: which parties have yet to consent to the
proposed version and who consented when (`Awaiting`), when the next check-in falls and whose
commitments asked for attention at the last one (`CheckInFacts`).

Both are read for many projects at once in a fixed number of queries: the proposed version
comes with the project row as a JSON annotation (`awaiting_rows`), and so do the check-in facts
(`check_in_rows`), or they come from what the dashboard read already (`check_in_facts_from`).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.db.models import DateField, DateTimeField, Exists, F, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject

from core.rows import JSONList, from_json
from projects.models import Organisation, Project

from .models import (
    AgreementVersion,
    CheckIn,
    CommitmentReview,
    Concern,
    ConcernReply,
    Consent,
    Party,
)
from .selectors import check_in_due


@dataclass(frozen=True)
class PartyAnswer:
    """One party of a proposed version and its answer so far."""

    organisation_id: int
    name: str
    role: str
    representative_id: int | None
    own: bool  # De Buurtontdekkers: designers speak for it
    consented_by: str  # who agreed for the party ("" while it has not)
    consented_at: datetime.datetime | None

    @property
    def consented(self) -> bool:
        return self.consented_at is not None

    def spoken_for_by(self, user) -> bool:
        """Whether `user` answers for this party (the rule of cocreation.rules.may_speak_for,
        for a user who belongs to the project)."""
        if self.own:
            return user.is_designer_or_admin
        if user.is_designer_or_admin:
            return False
        if self.representative_id == user.pk:
            return True
        return bool(user.organisation_id) and self.organisation_id == user.organisation_id


@dataclass(frozen=True)
class Awaiting:
    """A proposed version and the answers of its parties, in the order of the agreement."""

    number: int
    parties: tuple[PartyAnswer, ...]

    @property
    def missing(self) -> list[PartyAnswer]:
        return [party for party in self.parties if not party.consented]

    @property
    def consented(self) -> list[PartyAnswer]:
        return [party for party in self.parties if party.consented]


def awaiting_rows() -> Subquery:
    """For an annotation of a Project queryset (`awaiting_rows`): the parties of the project's
    proposed version as JSON, each with who consented to its content and when."""
    consent = Consent.objects.filter(
        party=OuterRef("pk"), content_hash=OuterRef("version__content_hash")
    ).order_by("at")
    parties = (
        Party.objects.filter(
            version__agreement__project=OuterRef("pk"),
            version__status=AgreementVersion.Status.PROPOSED,
        )
        .annotate(
            consented_by=Subquery(consent.values("user__name")[:1]),
            consented_at=Subquery(consent.values("at")[:1], output_field=DateTimeField()),
        )
        .order_by()
        .values("version__agreement__project")
        .annotate(
            rows=JSONList(
                JSONObject(
                    id="id",
                    order="order",
                    number=F("version__number"),
                    organisation_id="organisation_id",
                    name=F("organisation__name"),
                    kind=F("organisation__kind"),
                    role="role",
                    representative_id="representative_id",
                    consented_by="consented_by",
                    consented_at="consented_at",
                )
            )
        )
        .values("rows")
    )
    return Subquery(parties)


def _moment(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return DateTimeField().to_python(value.replace(" ", "T"))


def awaiting_from_rows(rows: list[dict] | None) -> Awaiting | None:
    """The `Awaiting` of a project read with `awaiting_rows`, or None without a proposal."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda row: (row["order"], row["id"]))
    return Awaiting(
        number=rows[0]["number"],
        parties=tuple(
            PartyAnswer(
                organisation_id=row["organisation_id"],
                name=row["name"],
                role=row["role"],
                representative_id=row["representative_id"],
                own=row["kind"] == Organisation.Kind.OWN,
                consented_by=row["consented_by"] or "",
                consented_at=_moment(row["consented_at"]),
            )
            for row in rows
        ),
    )


def awaiting_in(project) -> Awaiting | None:
    """The `Awaiting` of `project`'s proposed version, or None (one query)."""
    rows = (
        Project.objects.filter(pk=project.pk)
        .annotate(rows=awaiting_rows())
        .values_list("rows", flat=True)
        .first()
    )
    return awaiting_from_rows(rows)


def awaiting_for(version: AgreementVersion) -> Awaiting | None:
    """The `Awaiting` of `version` when it is proposed (None otherwise), from its parties with
    their organisations and consents (and their users) read along, as `version_page` does."""
    if version.status != AgreementVersion.Status.PROPOSED:
        return None
    answers = []
    for party in version.parties.all():
        consent = next(
            (c for c in party.consents.all() if c.content_hash == version.content_hash), None
        )
        answers.append(
            PartyAnswer(
                organisation_id=party.organisation_id,
                name=party.organisation.name,
                role=party.role,
                representative_id=party.representative_id,
                own=party.is_own,
                consented_by=consent.user.name if consent else "",
                consented_at=consent.at if consent else None,
            )
        )
    return Awaiting(number=version.number, parties=tuple(answers))


# ---- check-ins ----


@dataclass(frozen=True)
class Attention:
    """A party whose commitments asked for attention at the last check-in."""

    organisation_id: int
    name: str
    commitments: tuple[str, ...]


@dataclass(frozen=True)
class CheckInFacts:
    """The agreement in force seen from its check-ins: when the next one is due, when the
    last one was, and whose commitments asked for attention there."""

    due: datetime.date
    last: datetime.date | None
    attention: tuple[Attention, ...]


def _attention(reviews) -> tuple[Attention, ...]:
    """Per party (by organisation, in the order met), the commitments of `reviews`, which are
    (organisation id, organisation name, commitment description) triples."""
    parties: dict[int, Attention] = {}
    for organisation_id, name, description in reviews:
        found = parties.get(organisation_id) or Attention(organisation_id, name, ())
        parties[organisation_id] = Attention(
            organisation_id, name, (*found.commitments, description)
        )
    return tuple(parties.values())


def check_in_rows() -> dict:
    """For annotations of a Project queryset (`**check_in_rows()`): the agreement in force
    and its last check-in (`agreed_row`), and the commitments that asked for attention there
    (`attention_rows`), as JSON; `check_in_facts_of` reads them."""
    last = CheckIn.objects.filter(agreement=OuterRef("agreement")).order_by("-date", "-id")
    agreed = (
        AgreementVersion.objects.filter(
            agreement__project=OuterRef("pk"), status=AgreementVersion.Status.AGREED
        )
        .annotate(last_date=Subquery(last.values("date")[:1]))
        .values(
            row=JSONObject(
                check_in_every_weeks="check_in_every_weeks",
                first_check_in="first_check_in",
                agreed_at="agreed_at",
                last_date="last_date",
            )
        )[:1]
    )
    last_of_project = CheckIn.objects.filter(agreement__project=OuterRef(OuterRef("pk")))
    attention = (
        CommitmentReview.objects.filter(
            status=CommitmentReview.Status.ATTENTION,
            check_in=Subquery(last_of_project.order_by("-date", "-id").values("pk")[:1]),
        )
        .order_by()
        .values("check_in")
        .annotate(
            rows=JSONList(
                JSONObject(
                    order=F("commitment__party__order"),
                    position=F("commitment__order"),
                    id="id",
                    organisation_id=F("commitment__party__organisation_id"),
                    name=F("commitment__party__organisation__name"),
                    description=F("commitment__description"),
                )
            )
        )
        .values("rows")
    )
    return {
        "agreed_row": Subquery(agreed, output_field=JSONField()),
        "attention_rows": Subquery(attention, output_field=JSONField()),
    }


def check_in_facts_of(project) -> CheckInFacts | None:
    """The `CheckInFacts` of `project` read with `check_in_rows` (None without an agreement
    in force)."""
    row = project.agreed_row
    if isinstance(row, str):  # SQLite hands a JSON object in a subquery back as text
        row = json.loads(row)
    if not row:
        return None
    [version] = from_json(AgreementVersion, [{k: v for k, v in row.items() if k != "last_date"}])
    last = DateField().to_python(row["last_date"]) if row["last_date"] else None
    reviews = sorted(
        project.attention_rows or [], key=lambda r: (r["order"], r["position"], r["id"])
    )
    return CheckInFacts(
        due=check_in_due(version, last),
        last=last,
        attention=_attention((r["organisation_id"], r["name"], r["description"]) for r in reviews),
    )


def check_in_facts_from(
    version: AgreementVersion | None,
    parties: list,
    last: CheckIn | None,
    due: datetime.date | None,
) -> CheckInFacts | None:
    """The `CheckInFacts` from what `selectors.commitments_with_last_review` and
    `check_in_due` gave the dashboard already (no query)."""
    if version is None or due is None:
        return None
    reviews = [
        (party.organisation_id, party.organisation.name, commitment.description)
        for party, commitments in parties
        for commitment in commitments
        if commitment.last_review is not None
        and commitment.last_review.status == CommitmentReview.Status.ATTENTION
    ]
    return CheckInFacts(due=due, last=last.date if last else None, attention=_attention(reviews))


# ---- replies to one's own concerns ----


def unread_reply_rows(user) -> Subquery:
    """For an annotation of a Project queryset (`unread_reply_rows`): the open concerns `user`
    raised in the project that have a reply of someone else they have not read, as JSON rows
    (id, subject); see `Concern.unread_replies`."""
    unread = ConcernReply.objects.filter(concern=OuterRef("pk")).exclude(author=user)
    unread = unread.filter(
        Q(concern__read_by_raiser_at__isnull=True) | Q(created_at__gt=OuterRef("read_by_raiser_at"))
    )
    concerns = (
        Concern.objects.filter(project=OuterRef("pk"), raised_by=user, closed_at__isnull=True)
        .filter(Exists(unread))
        .order_by()
        .values("project")
        .annotate(rows=JSONList(JSONObject(id="id", subject="subject")))
        .values("rows")
    )
    return Subquery(concerns)
