"""Who works on a project: adding designers, inviting client contacts and partners by e-mail,
removing members. Each change is audited; e-mail leaves only once the transaction commits."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from core.emails import render_mail

from .. import audit
from ..models import Membership, Organisation, Project, User

EXTERNAL_ROLES = {Membership.Role.CLIENT, Membership.Role.PARTNER}


def _membership_changes(membership: Membership) -> dict:
    return {"user": [None, str(membership.user_id)], "role": [None, membership.role]}


def _create_membership(*, actor, project: Project, user: User, role: str) -> Membership:
    membership = Membership.objects.create(user=user, project=project, role=role)
    audit.record(
        actor=actor,
        project=project,
        action="created",
        obj=membership,
        changes=_membership_changes(membership),
    )
    return membership


@transaction.atomic
def member_add(*, actor, project: Project, user: User) -> Membership:
    """Add a designer (or admin) to the project's team."""
    if not user.is_designer_or_admin:
        raise ValidationError(
            {"user": _("Alleen buurtdesigners kunnen aan het team worden toegevoegd.")},
            code="not_designer",
        )
    if Membership.objects.filter(project=project, user=user).exists():
        raise ValidationError(
            {"user": _("Deze persoon is al lid van dit project.")}, code="already_member"
        )
    return _create_membership(
        actor=actor, project=project, user=user, role=Membership.Role.DESIGNER
    )


@transaction.atomic
def member_invite(
    *,
    actor,
    project: Project,
    email: str,
    role: str,
    absolute_uri: Callable[[str], str],
    organisation: Organisation | None = None,
    name: str = "",
) -> Membership:
    """Make the person with `email` a client contact or partner of the project. Someone
    without an account gets one and an e-mail to set a password; someone with an account gets
    an e-mail that they were added. `absolute_uri` turns a path into a full link."""
    if role not in EXTERNAL_ROLES:
        raise ValidationError({"role": _("Kies opdrachtgever of partner.")}, code="role")
    email = User.objects.normalize_email(email).lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        if organisation is None:
            raise ValidationError(
                {"organisation": _("Kies de organisatie van deze persoon.")},
                code="organisation_required",
            )
        user = User.objects.create_user(
            email=email, name=name, role=User.Role.EXTERNAL, organisation=organisation
        )  # no password given: an unusable one, until the invitee sets their own
    elif user.is_designer_or_admin:
        raise ValidationError(
            {
                "email": _(
                    "Dit e-mailadres hoort bij een buurtdesigner. Voeg die persoon toe aan het "
                    "team."
                )
            },
            code="is_designer",
        )
    elif not user.is_active:
        raise ValidationError(
            {"email": _("Dit account staat uit. Vraag de beheerder het weer aan te zetten.")},
            code="inactive",
        )
    elif Membership.objects.filter(project=project, user=user).exists():
        raise ValidationError(
            {"email": _("Deze persoon is al lid van dit project.")}, code="already_member"
        )
    membership = _create_membership(actor=actor, project=project, user=user, role=role)
    # Robust: a mail server that is down must not turn a saved invitation into an error page.
    transaction.on_commit(
        lambda: send_membership_mail(
            membership_id=membership.pk, inviter=actor, absolute_uri=absolute_uri
        ),
        robust=True,
    )
    return membership


@transaction.atomic
def member_remove(*, actor, membership: Membership) -> None:
    """End a membership; the person's account stays."""
    changes = {k: [new, None] for k, (_old, new) in _membership_changes(membership).items()}
    audit.record(
        actor=actor,
        project=membership.project,
        action="deleted",
        obj=membership,
        changes=changes,
    )
    membership.delete()


def send_membership_mail(*, membership_id: int, inviter, absolute_uri: Callable[[str], str]):
    """Tell a new member about the project. Whoever has not set a password yet gets a link to
    set one (the password-reset link, valid for PASSWORD_RESET_TIMEOUT)."""
    membership = (
        Membership.objects.select_related("user", "project").filter(pk=membership_id).first()
    )
    if membership is None:
        return
    user, project = membership.user, membership.project
    context = {
        "user": user,
        "project": project,
        "inviter": inviter,
        "role": membership.get_role_display(),
        "project_url": absolute_uri(project.get_absolute_url()),
        "login_url": absolute_uri(reverse("login")),
        "days_valid": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    if user.has_usable_password():
        template = "projects/email/added"
    else:
        template = "projects/email/invite"
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context["set_password_url"] = absolute_uri(path)
    # The invitee's language is not known yet: Dutch first, like the rest of the app.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = render_mail(template, context)
    send_mail(subject, body, None, [user.email])
