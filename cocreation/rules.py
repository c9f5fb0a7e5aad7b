"""Co-creation permissions, declared next to the one permission layer (projects.rules).

Reads of agreements use "projects.view_project"; "cocreation.draft_agreement" and
"cocreation.raise_concern" live in projects.rules. The rules below follow DESIGN §5.
"""

import rules
from django.db.models import Q, QuerySet

from projects.models import Membership, Organisation, Project
from projects.rules import (
    is_admin,
    is_client_of,
    is_designer,
    is_external_member,
    is_member,
    membership_role,
)

from .models import Concern, OrderConfirmation, Party, PulseInvitation


@rules.predicate
def may_speak_for(user, party) -> bool:
    """Designers speak for De Buurtontdekkers; a client or partner contact speaks for the party
    they represent, or for their own organisation's party in a project they belong to."""
    if party is None or not user.is_authenticated or not user.is_active:
        return False
    if party.organisation.kind == Organisation.Kind.OWN:
        return user.is_designer_or_admin
    if user.is_designer_or_admin:
        return False
    if not is_external_member(user, party.version.agreement.project):
        return False
    if party.representative_id == user.pk:
        return True
    return bool(user.organisation_id) and party.organisation_id == user.organisation_id


# Who may read a concern, asked both ways: the queryset for lists, the predicate for one
# concern. A change to one is a change to the other (tests/cocreation/test_rules.py).


def concerns_visible_to(user, project: Project | None = None) -> QuerySet[Concern]:
    """The concerns `user` may read (in `project`, when given): all for the firm's staff; for
    a client or partner, in their projects, those they or a colleague of their organisation
    raised."""
    concerns = Concern.objects.select_related("raised_by", "project")
    if project is not None:
        concerns = concerns.filter(project=project)
    if not user.is_authenticated or not user.is_active:
        return concerns.none()
    if user.is_designer_or_admin:
        return concerns
    mine = Q(raised_by=user)
    if user.organisation_id:
        mine |= Q(raised_by__organisation_id=user.organisation_id)
    return concerns.filter(mine, project__in=Project.objects.visible_to(user).values("pk"))


@rules.predicate
def can_view_concern(user, concern) -> bool:
    """Whether `user` may read `concern` (the same rule as `concerns_visible_to`)."""
    if concern is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_designer_or_admin:
        return True
    if not is_member(user, concern.project):
        return False
    if concern.raised_by_id == user.pk:
        return True
    return bool(user.organisation_id) and concern.raised_by.organisation_id == user.organisation_id


# Who may read an order confirmation (DESIGN §5: whoever signs up to it reads it), asked both
# ways like concerns. The firm's staff and the client's contacts read every confirmation of the
# project in full; a partner contact reads those of the versions their organisation (or they
# themselves, as representative) is a party to, in the copy without fee, hours and payment.


def _parties_of(user) -> QuerySet[Party]:
    mine = Q(representative_id=user.pk)
    if user.organisation_id:
        mine |= Q(organisation_id=user.organisation_id)
    return Party.objects.filter(mine)


def confirmations_visible_to(user, project: Project) -> QuerySet[OrderConfirmation]:
    """The order confirmations of `project` that `user` may read (in full or as the copy
    without the money: see "cocreation.see_confirmation_fees")."""
    confirmations = OrderConfirmation.objects.filter(project=project)
    if not user.is_authenticated or not user.is_active:
        return confirmations.none()
    if user.is_designer_or_admin:
        return confirmations
    role = membership_role(user, project)
    if role == Membership.Role.CLIENT:
        return confirmations
    if role == Membership.Role.PARTNER:
        return confirmations.filter(version__in=_parties_of(user).values("version"))
    return confirmations.none()


@rules.predicate
def can_view_confirmation(user, confirmation) -> bool:
    """Whether `user` may read `confirmation` (the same rule as `confirmations_visible_to`)."""
    if confirmation is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_designer_or_admin:
        return True
    role = membership_role(user, confirmation.project)
    if role == Membership.Role.CLIENT:
        return True
    if role == Membership.Role.PARTNER:
        return _parties_of(user).filter(version_id=confirmation.version_id).exists()
    return False


# Who may read a pulse answer (its scores and remark), asked both ways like concerns: the team
# reads every answer; anyone else only their own (a partner never reads the client's remark).
# What everyone of the project sees is the trend (cocreation.pulse.pulse_trend), which names
# nobody.


def pulse_answers_visible_to(user, project: Project) -> QuerySet[PulseInvitation]:
    """The answered pulses of `project` that `user` may read, newest first."""
    answers = PulseInvitation.objects.filter(
        project=project, answered_at__isnull=False
    ).select_related("user__organisation")
    if not user.is_authenticated or not user.is_active:
        return answers.none()
    if user.is_designer_or_admin:
        return answers
    if not is_member(user, project):
        return answers.none()
    return answers.filter(user=user)


# A period's averages need this many answers before a client or partner sees them: with two,
# each of the two could work out the other's score from their own.
PULSE_MIN_SHOWN = 3


def pulse_min_answers(user, project: Project) -> int:
    """How many answers a period needs before `user` sees its averages in the trend: the team
    reads every answer anyway (1); anyone else PULSE_MIN_SHOWN."""
    return 1 if user.is_designer_or_admin else PULSE_MIN_SHOWN


@rules.predicate
def can_view_pulse_answer(user, invitation) -> bool:
    """Whether `user` may read `invitation`'s answer (the rule of `pulse_answers_visible_to`)."""
    if invitation is None or not user.is_authenticated or not user.is_active:
        return False
    if not invitation.is_answered:
        return False
    if user.is_designer_or_admin:
        return True
    return invitation.user_id == user.pk and is_member(user, invitation.project)


@rules.predicate
def can_answer_pulse(user, invitation) -> bool:
    """Only the person a pulse was sent to answers it (while they belong to the project)."""
    if invitation is None or not user.is_authenticated or not user.is_active:
        return False
    return invitation.user_id == user.pk and is_external_member(user, invitation.project)


rules.add_perm("cocreation.consent", may_speak_for)
rules.add_perm("cocreation.record_check_in", is_designer)
# DESIGN §5: the firm records a continuation decision with the parties; they are named in it.
rules.add_perm("cocreation.record_decision", is_designer)
rules.add_perm("cocreation.view_concern", can_view_concern)
rules.add_perm("cocreation.close_concern", is_designer)
rules.add_perm("cocreation.draft_agreement", is_designer)
rules.add_perm("cocreation.raise_concern", ~is_designer & is_external_member)
rules.add_perm("cocreation.generate_confirmation", is_admin)
# The panel of a project's confirmations: everyone of the project (each sees what they may read).
rules.add_perm("cocreation.download_confirmation", is_designer | is_external_member)
rules.add_perm("cocreation.view_confirmation", can_view_confirmation)
# Fee, hours and payment: the firm and the client only; every other party reads the copy.
rules.add_perm("cocreation.see_confirmation_fees", is_designer | is_client_of)
# The pulse: its page (the trend, and one's own answers) for everyone of the project; the
# interval for the team; answering for the person asked.
rules.add_perm("cocreation.view_pulse", is_designer | is_member)
rules.add_perm("cocreation.set_pulse_interval", is_designer)
rules.add_perm("cocreation.view_pulse_answer", can_view_pulse_answer)
rules.add_perm("cocreation.answer_pulse", can_answer_pulse)
