"""Read-side queries of the co-creation app, also used by the project pages and the demo."""

import datetime
import difflib

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models import AgreementVersion, CheckIn, Commitment, Concern, Party

OPEN = [AgreementVersion.Status.DRAFT, AgreementVersion.Status.PROPOSED]


def active_version(project: Project) -> AgreementVersion | None:
    """The version every party agreed to last: the agreement in force, or None."""
    return (
        AgreementVersion.objects.filter(
            agreement__project=project, status=AgreementVersion.Status.AGREED
        )
        .select_related("agreement")
        .first()
    )


def open_version(project: Project) -> AgreementVersion | None:
    """The draft or proposed version being worked on, if any."""
    return AgreementVersion.objects.filter(agreement__project=project, status__in=OPEN).first()


def next_check_in(project: Project) -> datetime.date | None:
    """The date of the next check-in, following the rhythm of the active version: the first
    planned date, or the rhythm counted from the last check-in (or from the agreement)."""
    version = active_version(project)
    if version is None:
        return None
    last = (
        CheckIn.objects.filter(agreement_id=version.agreement_id)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    rhythm = datetime.timedelta(weeks=version.check_in_every_weeks)
    if last is not None:
        return last + rhythm
    if version.first_check_in:
        return version.first_check_in
    return timezone.localdate(version.agreed_at) + rhythm


def versions_of(project: Project, user) -> QuerySet[AgreementVersion]:
    """The versions of the project's agreement that `user` may read, newest first: a draft is
    the designers' work in progress, so only those who may draft see it."""
    versions = AgreementVersion.objects.filter(agreement__project=project)
    if not user.has_perm("cocreation.draft_agreement", project):
        versions = versions.exclude(status=AgreementVersion.Status.DRAFT)
    return versions.order_by("-number")


def version_page(project: Project, number: int, user) -> AgreementVersion:
    """One version `user` may read, with its parties, commitments, consents and declines (404
    if absent or a draft they may not see)."""
    parties = Party.objects.select_related("organisation", "representative").prefetch_related(
        "commitments", "consents__user"
    )
    return get_object_or_404(
        versions_of(project, user)
        .select_related("agreement__project", "created_by")
        .prefetch_related(Prefetch("parties", queryset=parties), "declines__party__organisation")
        .prefetch_related("declines__user"),
        number=number,
    )


def parties_answering(user, version: AgreementVersion) -> list[Party]:
    """The parties of a proposed version that `user` may agree for and that have not agreed yet
    to this content."""
    if version.status != AgreementVersion.Status.PROPOSED:
        return []
    return [
        party
        for party in version.parties.all()
        if user.has_perm("cocreation.consent", party)
        and not any(c.content_hash == version.content_hash for c in party.consents.all())
    ]


def previous_agreed(version: AgreementVersion) -> AgreementVersion | None:
    """The last version before `version` that every party had agreed to."""
    return (
        AgreementVersion.objects.filter(
            agreement_id=version.agreement_id,
            number__lt=version.number,
            status__in=[AgreementVersion.Status.AGREED, AgreementVersion.Status.SUPERSEDED],
        )
        .order_by("-number")
        .first()
    )


def _as_sections(version: AgreementVersion) -> list[tuple[str, str]]:
    sections = [
        (str(AgreementVersion._meta.get_field(name).verbose_name).capitalize(), str(value))
        for name, value in [
            ("ambition", version.ambition),
            ("question", version.question),
            ("approach", version.approach),
            ("principles", version.principles),
            ("check_in_every_weeks", version.get_check_in_every_weeks_display()),
        ]
    ]
    for party in version.parties.select_related("organisation", "representative"):
        lines = [str(_("Rol: %(role)s") % {"role": party.role})]
        if party.representative:
            lines.append(str(_("Vertegenwoordiger: %(name)s") % {"name": party.representative}))
        lines += [f"{c.get_kind_display()}: {c.description}" for c in party.commitments.all()]
        sections.append((party.organisation.name, "\n".join(lines)))
    return sections


def version_diff(old: AgreementVersion | None, new: AgreementVersion) -> list[dict]:
    """Per section (field or party) the lines removed and added from `old` to `new`."""
    before = dict(_as_sections(old)) if old else {}
    result = []
    after = _as_sections(new)
    titles = [t for t, _text in after] + [t for t in before if t not in dict(after)]
    after = dict(after)
    for title in titles:
        old_lines = before.get(title, "").splitlines()
        new_lines = after.get(title, "").splitlines()
        lines = []
        for line in difflib.ndiff(old_lines, new_lines):
            code, text = line[:1], line[2:]
            if code == "?":
                continue
            lines.append({"kind": {"-": "removed", "+": "added"}.get(code, "same"), "text": text})
        changed = any(line["kind"] != "same" for line in lines)
        result.append({"title": title, "lines": lines, "changed": changed})
    return result


def commitments_to_review(version: AgreementVersion) -> QuerySet[Commitment]:
    """Every commitment of every party of `version`, in the order of the agreement."""
    return (
        Commitment.objects.filter(party__version=version)
        .select_related("party__organisation")
        .order_by("party__order", "party_id", "order", "id")
    )


def commitments_with_last_review(
    project: Project, *, until: datetime.date | None = None
) -> tuple[AgreementVersion | None, list, CheckIn | None]:
    """The active version, its commitments grouped per party (each with `last_review`: how it
    went at the last check-in on or before `until`, matched by the same commitment or the same
    text carried into a new version), and that check-in."""
    from .models import CommitmentReview

    version = active_version(project)
    if version is None:
        return None, [], None
    commitments = list(commitments_to_review(version))
    check_ins = check_ins_of(project)
    if until is not None:
        check_ins = check_ins.filter(date__lte=until)
    last = check_ins.order_by("-date", "-id").first()
    reviews = {}
    if last is not None:
        for review in CommitmentReview.objects.filter(check_in=last).select_related(
            "commitment__party"
        ):
            key = (review.commitment.party.organisation_id, review.commitment.description)
            reviews[review.commitment_id] = reviews[key] = review
    parties: dict = {}
    for commitment in commitments:
        commitment.last_review = reviews.get(commitment.pk) or reviews.get(
            (commitment.party.organisation_id, commitment.description)
        )
        parties.setdefault(commitment.party, []).append(commitment)
    return version, list(parties.items()), last


def check_ins_of(project: Project) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(agreement__project=project).select_related("version")


def concerns_visible_to(user, project: Project) -> QuerySet[Concern]:
    """The concerns of `project` that `user` may read: all for designers, else their own and
    their organisation's."""
    concerns = Concern.objects.filter(project=project).select_related("raised_by", "project")
    if user.is_designer_or_admin:
        return concerns
    mine = Q(raised_by=user)
    if user.organisation_id:
        mine |= Q(raised_by__organisation_id=user.organisation_id)
    return concerns.filter(mine)


def open_concerns(user) -> QuerySet[Concern]:
    """For a designer's home page: open concerns on the projects they may see, oldest first."""
    if not user.is_designer_or_admin:
        return Concern.objects.none()
    return (
        Concern.objects.filter(
            closed_at__isnull=True, project__in=Project.objects.visible_to(user).values("pk")
        )
        .select_related("project", "raised_by")
        .order_by("created_at", "id")
    )
