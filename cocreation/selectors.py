"""Read-side queries of the co-creation app, also used by the project pages and the demo."""

import datetime
import difflib

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import next_working_day
from core.rows import json_rows
from projects.models import Project

from .continuation import phase_decisions_due as phase_decisions_due
from .continuation import trajectory_with_decisions as trajectory_with_decisions
from .forms.confirmations import OrderConfirmationForm
from .models import AgreementVersion, CheckIn, Commitment, Concern, OrderConfirmation, Party
from .rules import concerns_visible_to, confirmations_visible_to

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


def confirmation_term(project: Project) -> tuple[datetime.date, datetime.date]:
    """The term an order confirmation of `project` covers: from the first phase's start to the
    last phase's end, so the contract never ends before the trajectory does. ValidationError
    (saying what is missing) when the project has no phases, or phases without dates."""
    phases = list(project.phases.order_by("order", "id"))
    if not phases:
        raise ValidationError(
            _(
                "Dit project heeft nog geen fasen. Leg eerst de fasen van het hele traject vast, "
                "elk met een begin- en einddatum: de looptijd van de opdrachtbevestiging loopt "
                "van het begin van de eerste tot het einde van de laatste fase."
            ),
            code="no_phases",
        )
    undated = [phase.name for phase in phases if not (phase.start_date and phase.end_date)]
    if undated:
        raise ValidationError(
            _(
                "Geef eerst deze fasen een begin- en einddatum: %(phases)s. De opdrachtbevestiging "
                "moet het hele traject dekken, tot en met het einde van de laatste fase."
            )
            % {"phases": ", ".join(undated)},
            code="undated_phases",
        )
    return min(p.start_date for p in phases), max(p.end_date for p in phases)


def open_version(project: Project) -> AgreementVersion | None:
    """The draft or proposed version being worked on, if any."""
    return AgreementVersion.objects.filter(agreement__project=project, status__in=OPEN).first()


def next_check_in(
    project: Project, *, version: AgreementVersion | None = None
) -> datetime.date | None:
    """The date of the next check-in, following the rhythm of the active version (pass it as
    `version` when you have it already): see `check_in_due`."""
    version = version or active_version(project)
    if version is None:
        return None
    last = (
        CheckIn.objects.filter(agreement_id=version.agreement_id)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return check_in_due(version, last)


def check_in_due(version: AgreementVersion, last: datetime.date | None) -> datetime.date:
    """When the next check-in of `version` falls, the last one having been on `last` (or
    None): the first planned date, or the rhythm counted from the last check-in (or from the
    agreement); never in a weekend, but on the Monday after."""
    rhythm = datetime.timedelta(weeks=version.check_in_every_weeks)
    if last is not None:
        due = last + rhythm
    elif version.first_check_in:
        due = version.first_check_in
    else:
        due = timezone.localdate(version.agreed_at) + rhythm
    return next_working_day(due)


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
    project: Project,
    *,
    until: datetime.date | None = None,
    version: AgreementVersion | None = None,
) -> tuple[AgreementVersion | None, list, CheckIn | None]:
    """The active version (or `version`, agreed or superseded), its commitments grouped per
    party (each with `last_review`: how it went at the last check-in on or before `until`,
    matched by the same commitment or the same text carried into a new version), and that
    check-in; two queries when that check-in has reviews (the version comes with its
    commitments, the check-in with its reviews)."""
    from .models import CommitmentReview

    check_ins = CheckIn.objects.filter(agreement__project=project)
    if until is not None:
        check_ins = check_ins.filter(date__lte=until)
    last_id = check_ins.order_by("-date", "-id").values("pk")[:1]
    # A given version may be a superseded one: what was agreed on a past day (agreed_on.py).
    in_force = AgreementVersion.Status.AGREED
    agreed = {"party__version": version} if version else {"party__version__status": in_force}
    commitments = Commitment.objects.filter(party__version__agreement__project=project, **agreed)
    commitments = list(
        commitments.select_related("party__organisation", "party__version__agreement")
        .annotate(last_check_in_id=Subquery(last_id))
        .order_by("party__order", "party_id", "order", "id")
    )
    if not commitments:
        # Every party commits to something before a version can be proposed; this is for
        # data made otherwise (the admin).
        return version or active_version(project), [], None
    version = commitments[0].party.version
    last, reviews = None, {}
    last_check_in_id = commitments[0].last_check_in_id
    if last_check_in_id is not None:
        found = list(
            CommitmentReview.objects.filter(check_in_id=last_check_in_id).select_related(
                "check_in__version", "commitment__party"
            )
        )
        last = (
            found[0].check_in
            if found
            else CheckIn.objects.select_related("version").get(pk=last_check_in_id)
        )
        for review in found:
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


def concerns_with_replies(user, project: Project) -> QuerySet[Concern]:
    """The concerns of `project` that `user` may read (`concerns_visible_to`), each with its
    replies and their authors (`concern.reply_list`) read in the same query."""
    from .models import ConcernReply

    replies = json_rows(
        ConcernReply.objects.all(),
        parent="concern",
        fields=["id", "body", "created_at", "author_id", "author__name", "author__email"],
    )
    return concerns_visible_to(user, project).annotate(reply_rows=replies)


def agreed_commitments(project: Project, *, also=()) -> QuerySet[Commitment]:
    """The commitments of `project`'s agreed version, plus those with a pk in `also` (e.g. an
    older agreement's commitments an impact entry already links to), with their parties."""
    agreed = Q(
        party__version__agreement__project=project,
        party__version__status=AgreementVersion.Status.AGREED,
    )
    return (
        commitments_with_party()
        .filter(agreed | Q(pk__in=also))
        .order_by("party__version", "party__order", "party_id", "order", "id")
    )


def commitments_of_project(project: Project) -> QuerySet[Commitment]:
    """Every commitment of every version of `project`'s agreement."""
    return Commitment.objects.filter(party__version__agreement__project=project)


def commitments_with_party() -> QuerySet[Commitment]:
    """Commitments with the organisation of their party, for showing who committed what."""
    return Commitment.objects.select_related("party__organisation")


PANEL_CONFIRMATIONS = 20
GENERATE = "cocreation.generate_confirmation"
SEE_FEES = "cocreation.see_confirmation_fees"


def confirmations_of(project: Project, user=None) -> QuerySet[OrderConfirmation]:
    """The project's order confirmations, newest first; those `user` may read, when given."""
    every = OrderConfirmation.objects.filter(project=project)
    confirmations = every if user is None else confirmations_visible_to(user, project)
    return confirmations.select_related(
        "version", "superseded_by", "generated_by", "project", "party_copy"
    ).order_by("-year", "-sequence")


def confirmation_of(project: Project, number: str) -> OrderConfirmation:
    """One confirmation of `project` by its number (DoesNotExist otherwise)."""
    return OrderConfirmation.objects.select_related("project", "party_copy").get(
        project=project, number=number
    )


def current_confirmation(project: Project) -> OrderConfirmation | None:
    """The project's confirmation in force: the newest ready one that nothing replaced."""
    return (
        OrderConfirmation.objects.filter(
            project=project, status=OrderConfirmation.Status.READY, superseded_by__isnull=True
        )
        .order_by("-year", "-sequence")
        .first()
    )


def edition_for(user, confirmation: OrderConfirmation):
    """The document `user` reads of `confirmation`: the confirmation itself for the firm and
    the client, its copy without the money for every other party (None when there is none)."""
    if user.has_perm(SEE_FEES, confirmation.project):
        return confirmation
    return getattr(confirmation, "party_copy", None)


def confirmations_panel(
    user,
    project: Project,
    form: OrderConfirmationForm | None = None,
    *,
    version=None,
    confirmations: list[OrderConfirmation] | None = None,
) -> dict:
    """What the order confirmations panel shows `user`: the confirmations they may read, each
    with `document` (what they download: see `edition_for`) and `copy` (the other parties'
    copy), and for an admin the form (only when there is an agreed version and nothing is
    being made). `version` (the active version) and `confirmations`
    (`confirmations_of(project, user)[:20]`): when the caller has them."""
    if confirmations is None:
        confirmations = list(confirmations_of(project, user)[:PANEL_CONFIRMATIONS])
    sees_fees = user.has_perm(SEE_FEES, project)
    readable = []
    for confirmation in confirmations:
        confirmation.document = (
            confirmation if sees_fees else getattr(confirmation, "party_copy", None)
        )
        confirmation.copy = getattr(confirmation, "party_copy", None)
        if confirmation.document is not None:
            readable.append(confirmation)
    can_generate = user.has_perm(GENERATE, project)
    active = (version or active_version(project)) if can_generate else None
    # The admin also watches the other parties' copy (its failure is theirs to retry).
    busy = any(
        c.document.in_progress or (can_generate and c.copy and c.copy.in_progress) for c in readable
    )
    current = next((c for c in readable if c.is_ready and not c.superseded_by_id), None)
    term, term_problem = None, ""
    if active and not busy:
        try:
            term = confirmation_term(project)
        except ValidationError as exc:
            term_problem = " ".join(exc.messages)
    return {
        "term": term,
        "term_problem": term_problem,
        "project": project,
        "visible": user.has_perm("cocreation.download_confirmation", project),
        "confirmations": readable,
        "polling": busy,
        "can_generate": can_generate,
        "sees_fees": sees_fees,
        "active": active,
        "form": (form or OrderConfirmationForm.for_project(project, replacing=current))
        if can_generate and active and not busy
        else None,
    }
