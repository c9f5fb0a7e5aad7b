"""The pulse: inviting each external contact once per period (Celery beat), recording an answer
once (from the signed link or in the app), opting out, and the interval designers choose.

Periods are laid on one grid per interval, counted from EPOCH, so every contact of a project
shares the same periods and the trend can be read per period."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.emails import send_after_commit, site_uri
from core.links import LinkRefused, link_token, read_link_token
from projects import audit
from projects.models import Membership, Project, User

from ..models import Agreement, AgreementVersion, PulseInvitation, PulseOptOut
from ..models.pulse import ANSWER_WINDOW

PURPOSE = "pulse"
OPT_OUT_PURPOSE = "pulse-opt-out"
# An opt-out link keeps working long after its mail; only a forged one is refused.
OPT_OUT_MAX_AGE = datetime.timedelta(days=5 * 365)
EPOCH = datetime.date(2024, 1, 1)  # a Monday: every period starts on a Monday


def period_start(today: datetime.date, weeks: int) -> datetime.date:
    """The first day of the period of `weeks` weeks that holds `today`."""
    length = 7 * max(weeks, 1)
    return EPOCH + datetime.timedelta(days=(today - EPOCH).days // length * length)


def pulse_token(invitation: PulseInvitation) -> str:
    """The signed token of the answer link in the invitation's e-mail."""
    return link_token(PURPOSE, invitation.pk)


def invitation_for_token(token: str) -> PulseInvitation:
    """The invitation a link names; LinkRefused when the token is forged or expired."""
    pk = read_link_token(PURPOSE, token, max_age=ANSWER_WINDOW)
    invitation = PulseInvitation.objects.select_related("project", "user").filter(pk=pk).first()
    if invitation is None:
        raise LinkRefused("tampered")
    return invitation


def opt_out_token(user) -> str:
    """The signed token of the opt-out link in every pulse e-mail."""
    return link_token(OPT_OUT_PURPOSE, user.pk)


def user_for_opt_out_token(token: str):
    """The active user an opt-out link names; LinkRefused when it is forged."""
    pk = read_link_token(OPT_OUT_PURPOSE, token, max_age=OPT_OUT_MAX_AGE)
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise LinkRefused("tampered")
    return user


def pulse_recipients(project: Project):
    """The project's active client and partner contacts with an address who did not opt out."""
    return (
        User.objects.filter(
            memberships__project=project,
            memberships__role__in=[Membership.Role.CLIENT, Membership.Role.PARTNER],
            is_active=True,
        )
        .exclude(email="")
        .exclude(pulse_opt_out__isnull=False)
        .distinct()
    )


def pulse_invite(
    *, project: Project, user, period: datetime.date, now: datetime.datetime | None = None
) -> PulseInvitation:
    """The invitation of `user` for `period` of `project`, made without mail (the beat task mails
    it; the demo dates it back with `now`). IntegrityError when it exists."""
    return PulseInvitation.objects.create(
        project=project, user=user, period_start=period, sent_at=now or timezone.now()
    )


def _mail(invitation: PulseInvitation) -> None:
    answer = site_uri(reverse("cocreation:pulse_link", kwargs={"token": pulse_token(invitation)}))
    send_after_commit(
        "cocreation/email/pulse",
        {
            "project": invitation.project,
            "user": invitation.user,
            "url": answer,
            "scores": [(n, f"{answer}?score={n}") for n in range(1, 6)],
            "days": ANSWER_WINDOW.days,
            "opt_out_url": site_uri(
                reverse(
                    "cocreation:pulse_opt_out", kwargs={"token": opt_out_token(invitation.user)}
                )
            ),
        },
        [invitation.user.email],
    )


def pulse_send_invitations(*, today: datetime.date | None = None) -> int:
    """Invite every external contact of each running project with an agreed version, at most
    once per period per person (running this twice sends nothing new). Returns how many."""
    today = today or timezone.localdate()
    agreements = Agreement.objects.filter(
        project__status=Project.Status.ACTIVE,
        versions__status=AgreementVersion.Status.AGREED,
    ).select_related("project")
    sent = 0
    for agreement in agreements.distinct():
        with transaction.atomic():
            # Locked: two beat runs at once queue up here, and the second sees the first's rows.
            locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
            period = period_start(today, locked.pulse_weeks)
            # Also no new one when the interval changed and the last came less than a period ago.
            recent = PulseInvitation.objects.filter(
                project_id=agreement.project_id,
                period_start__gt=period - datetime.timedelta(weeks=locked.pulse_weeks),
            ).values("user_id")
            for user in pulse_recipients(agreement.project).exclude(pk__in=recent):
                try:
                    with transaction.atomic():
                        invitation = pulse_invite(
                            project=agreement.project, user=user, period=period
                        )
                except IntegrityError:
                    continue
                _mail(invitation)
                sent += 1
    return sent


@transaction.atomic
def pulse_answer(
    *,
    actor,
    invitation: PulseInvitation,
    ambition: int,
    collaboration: int,
    remark: str = "",
    now: datetime.datetime | None = None,
) -> PulseInvitation:
    """Record `actor`'s answer to their own invitation, once: LinkRefused("used") when it was
    answered already, ("expired") past its window; then nothing changes."""
    now = now or timezone.now()
    invitation = (
        PulseInvitation.objects.select_for_update().select_related("project").get(pk=invitation.pk)
    )
    # Only its own addressee, while they still take part: a contact who left the project (or
    # was deactivated) answers nothing with an old link.
    if invitation.user_id != actor.pk or not _still_takes_part(actor, invitation.project):
        raise LinkRefused("tampered")
    if invitation.is_answered:
        raise LinkRefused("used")
    if invitation.is_expired(now):
        raise LinkRefused("expired")
    invitation.ambition = ambition
    invitation.collaboration = collaboration
    invitation.remark = remark.strip()
    invitation.answered_at = now
    invitation.save(update_fields=["ambition", "collaboration", "remark", "answered_at"])
    return invitation


def pulse_opt_out(*, user) -> None:
    """No more pulse e-mails for `user`; doing it twice changes nothing."""
    PulseOptOut.objects.get_or_create(user=user)


@transaction.atomic
def _still_takes_part(user, project: Project) -> bool:
    return (
        user.is_active
        and project.memberships.filter(
            user=user, role__in=[Membership.Role.CLIENT, Membership.Role.PARTNER]
        ).exists()
    )


def pulse_interval_set(*, actor, agreement: Agreement, weeks: int) -> Agreement:
    """Set how many weeks lie between two pulses of the agreement's project."""
    agreement = Agreement.objects.select_for_update().select_related("project").get(pk=agreement.pk)
    before = audit.snapshot(agreement, ["pulse_weeks"])
    agreement.pulse_weeks = weeks
    agreement.save(update_fields=["pulse_weeks"])
    audit.record(
        actor=actor,
        project=agreement.project,
        action="updated",
        obj=agreement,
        changes=audit.changes_between(before, audit.snapshot(agreement, ["pulse_weeks"])),
    )
    return agreement
