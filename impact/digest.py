"""The weekly digest: an e-mail to each client contact summarising, per project, the new shared
impact, the week's activities and the next check-in. Opt-out with a signed link; sent once a
week at most, however often the task runs."""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cocreation.selectors import next_check_in
from projects.models import Membership, Project, User

from .models import DigestOptOut, DigestSent
from .selectors import entries_visible_to

logger = logging.getLogger(__name__)

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


def digest_for(user, *, since: datetime.date) -> list[dict]:
    """Per project of `user` as client: what is new since `since`; projects with nothing new
    are left out."""
    sections = []
    projects = Project.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.CLIENT,
        status__in=[Project.Status.ACTIVE, Project.Status.PAUSED],
    ).order_by("title")
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    for project in projects:
        entries = list(entries_visible_to(user, project).filter(created_at__gte=start)[:10])
        activities = project.activities.filter(date__gte=since).aggregate(
            n=Count("id"), residents=Sum("residents_reached")
        )
        if not entries and not activities["n"]:
            continue
        sections.append(
            {
                "project": project,
                "entries": entries,
                "activities": activities["n"],
                "residents": activities["residents"] or 0,
                "next_check_in": next_check_in(project),
                "url": site_uri(reverse("projects:dashboard", kwargs={"slug": project.slug})),
            }
        )
    return sections


def site_uri(path: str) -> str:
    return getattr(settings, "SITE_URL", "http://localhost:8000").rstrip("/") + path


def send_weekly_digests(*, today: datetime.date | None = None) -> int:
    """Send this week's digest to every recipient who has news and has not had it yet; return
    how many went out."""
    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    since = today - datetime.timedelta(days=7)
    sent = 0
    for user in recipients():
        sections = digest_for(user, since=since)
        if not sections:
            continue
        context = {
            "user": user,
            "sections": sections,
            "since": since,
            "unsubscribe_url": site_uri(
                reverse("impact:digest_unsubscribe", kwargs={"token": unsubscribe_token(user)})
            ),
        }
        try:
            # The row and the mail go together: when sending fails, the row rolls back and
            # the next run tries again; when it succeeded, a second run finds the row.
            with transaction.atomic():
                DigestSent.objects.create(user=user, week=week)
                with translation.override(settings.LANGUAGE_CODE):
                    subject = render_to_string("impact/email/digest_subject.txt", context)
                    body = render_to_string("impact/email/digest_body.txt", context)
                send_mail(" ".join(subject.split()), body, None, [user.email])
        except IntegrityError:
            continue
        sent += 1
    logger.info("Weekly digest sent to %d people", sent)
    return sent
