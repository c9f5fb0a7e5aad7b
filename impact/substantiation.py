"""Independent substantiation: asking someone outside the team to confirm an entry, and their
answer through the signed link in the e-mail (core.links; no account needed, one answer per
link, valid for 30 days).

What the substantiator sees is `shown_to_substantiator`: never a resident's words or photos
without that resident's consent to share them outside the team.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.emails import AbsoluteUri, send_after_commit, site_uri
from core.links import LinkRefused, link_token, read_link_token
from projects import audit

from .models import ConsentScope, ImpactEntry, SubstantiationRequest
from .models.substantiation import (
    LINK_PURPOSE,
    LINK_VALID,
    POINTS,
    ROLE_PHRASES,
    SubstantiatorRole,
    Verdict,
    overall_verdict,
)


def answer_url(request: SubstantiationRequest, absolute_uri: AbsoluteUri = site_uri) -> str:
    """The full link the substantiator opens."""
    token = link_token(LINK_PURPOSE, request.pk)
    return absolute_uri(reverse("impact:substantiation_answer", kwargs={"token": token}))


@transaction.atomic
def request_substantiation(
    *,
    actor,
    entry: ImpactEntry,
    name: str,
    email: str,
    role: str,
    absolute_uri: AbsoluteUri = site_uri,
) -> SubstantiationRequest:
    """Ask `name` (`email`, a resident, partner, client contact or other) to confirm `entry`;
    the e-mail with the signed link leaves once the transaction commits."""
    request = SubstantiationRequest(
        entry=entry, name=name.strip(), email=email.strip(), role=role, asked_by=actor
    )
    request.full_clean()
    request.save()
    audit.record(
        actor=actor,
        project=entry.project,
        action="created",
        obj=request,
        changes={"entry": [None, entry.pk], "role": [None, role]},
    )
    context = {
        "request": request,
        "entry": entry,
        "project": entry.project,
        "asked_by": actor,
        "url": answer_url(request, absolute_uri),
        "days_valid": LINK_VALID.days,
    }
    send_after_commit("impact/email/substantiation", context, [request.email])
    return request


def request_for_token(token: str) -> SubstantiationRequest:
    """The open request a link names; LinkRefused when the link is tampered with, expired or
    already answered."""
    pk = read_link_token(LINK_PURPOSE, token, max_age=LINK_VALID)
    request = (
        SubstantiationRequest.objects.select_related("entry", "entry__project")
        .filter(pk=pk)
        .first()
    )
    _check_open(request)
    return request


def _check_open(request: SubstantiationRequest | None) -> None:
    if request is None:
        raise LinkRefused("tampered")
    if request.answered:
        raise LinkRefused("used")
    if request.expired():
        raise LinkRefused("expired")


@transaction.atomic
def answer_substantiation(
    *, token: str, answers: dict[str, tuple[str, str]], answer_name: str, answer_role: str
) -> SubstantiationRequest:
    """Record the answer to the request `token` names: per point of POINTS a (verdict, remark),
    and who answered. Once only (checked under a row lock); LinkRefused changes nothing. An
    answer that agrees on every point also marks the entry as substantiated."""
    pk = read_link_token(LINK_PURPOSE, token, max_age=LINK_VALID)
    request = (
        SubstantiationRequest.objects.select_for_update()
        .select_related("entry", "entry__project")
        .filter(pk=pk)
        .first()
    )
    _check_open(request)
    verdicts = []
    for name, _question in POINTS:
        verdict, remark = answers[name]
        if verdict not in Verdict.values:
            raise ValidationError({f"{name}_verdict": _("Kies: klopt, klopt deels of klopt niet.")})
        verdicts.append(verdict)
        setattr(request, f"{name}_verdict", verdict)
        setattr(request, f"{name}_remark", remark.strip())
    request.verdict = overall_verdict(verdicts)
    request.answer_name = answer_name.strip()
    request.answer_role = answer_role.strip()
    request.answered_at = timezone.now()
    request.full_clean()
    request.save()
    entry = request.entry
    if request.verdict == Verdict.AGREES and not entry.substantiated:
        _mark_substantiated(entry, request)
    audit.record(
        actor=None,
        project=entry.project,
        action="updated",
        obj=request,
        changes={"verdict": [None, request.verdict]},
    )
    return request


def _mark_substantiated(entry: ImpactEntry, request: SubstantiationRequest) -> None:
    """Keep the team's yes/no in step: an entry confirmed on every point is substantiated. The
    role, not the name, fills an empty `substantiated_by`: clients read it."""
    entry = ImpactEntry.objects.select_for_update().get(pk=entry.pk)
    entry.substantiated = True
    if not entry.substantiated_by.strip():
        entry.substantiated_by = str(ROLE_PHRASES[request.role])
    entry.save(update_fields=["substantiated", "substantiated_by", "updated_at"])


@dataclass(frozen=True)
class ShownEntry:
    """What the substantiator reads of the entry: its words only with the resident's consent
    (`words_withheld` otherwise, and title and description are empty)."""

    title: str
    description: str
    significance: str
    contribution: str
    words_withheld: bool


# Those who read a resident's words shared with the client on the dashboard already.
PROJECT_ROLES = {SubstantiatorRole.CLIENT, SubstantiatorRole.PARTNER}


def shown_to_substantiator(entry: ImpactEntry, role: str | None = None) -> ShownEntry:
    """The entry as the answer page shows it to someone asked in `role`. A resident's words
    (title and description) show only with their consent, not withdrawn: consent to share
    with the client covers the project's client and partners (who read them on the
    dashboard too); anyone else (another resident, a wijkagent; `role` None: not known yet)
    needs consent to publication. Photos never show."""
    allowed = entry.words_shown_outside
    if entry.involves_resident and role not in PROJECT_ROLES:
        allowed = allowed and entry.consent_scope == ConsentScope.PUBLICATION
    activities = ", ".join(c.activity.title for c in entry.contributions.select_related("activity"))
    contribution = "\n".join(part for part in [entry.contribution_note, activities] if part)
    return ShownEntry(
        title=entry.title if allowed else "",
        description=entry.description if allowed else "",
        significance=entry.significance,
        contribution=contribution,
        words_withheld=not allowed,
    )


def requests_of(entry: ImpactEntry):
    """The requests of `entry`, newest first, with who asked."""
    return entry.substantiation_requests.select_related("asked_by")
