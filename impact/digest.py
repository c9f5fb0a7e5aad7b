"""The weekly digests' bookkeeping: who gets them (client contacts, and the designers' signals
digest), the signed opt-out link, and which week each person had theirs. One opt-out and one
record per person and week serve both digests: a person gets one weekly e-mail from us, and one
link stops it. What they say, and sending them, is dashboard.digest and dashboard.signals_digest."""

import datetime

from django.core import signing
from django.db.models import Q

from projects.models import Membership, Project, User

from .models import DigestOptOut, DigestSent

UNSUBSCRIBE_SALT = "impact.digest.unsubscribe"


def unsubscribe_token(user) -> str:
    """A token that names the user, signed so nobody else can make one."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_token(token: str):
    """The user a token was made for, or None when it is not ours."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def opt_out(user) -> None:
    """Stop the weekly digest for `user`; doing it twice changes nothing."""
    DigestOptOut.objects.get_or_create(user=user)


def recipients():
    """Active client contacts of running projects who did not opt out."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Membership.Role.CLIENT,
            memberships__project__status__in=[Project.Status.ACTIVE, Project.Status.PAUSED],
        )
        .exclude(email="")
        .exclude(digest_opt_out__isnull=False)
        .distinct()
    )


def signal_recipients():
    """Active designers and admins with an e-mail address who did not opt out."""
    staff = Q(role__in=[User.Role.ADMIN, User.Role.DESIGNER]) | Q(is_superuser=True)
    return (
        User.objects.filter(staff, is_active=True)
        .exclude(email="")
        .exclude(digest_opt_out__isnull=False)
        .order_by("pk")
    )


def record_sent(user, week: datetime.date) -> None:
    """Note that `user` had the digest of the week starting on `week`; IntegrityError when
    they had it already (call it in the transaction that sends the mail)."""
    DigestSent.objects.create(user=user, week=week)
