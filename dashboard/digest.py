"""The weekly digest: an e-mail to each client contact summarising, per project, the new shared
impact, the week's activities and the next check-in, read through the same selectors and
figures as the dashboard. Sent once a week at most, however often the task runs; who gets it
and the opt-out are impact.digest."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from cocreation import selectors as cocreation_selectors
from core.emails import render_mail, site_uri
from impact import digest as impact_digest
from impact import selectors as impact_selectors
from impact.models import ImpactEntry
from projects import selectors as project_selectors
from projects.models import Project

from . import figures

logger = logging.getLogger(__name__)

DIGEST_ENTRIES = 10


@dataclass(frozen=True)
class DigestSection:
    """What is new in one project since the last digest, as its reader may see it."""

    project: Project
    entries: list[ImpactEntry]  # recorded since, newest first
    activities: int  # held since
    residents: int  # reached by those activities
    next_check_in: datetime.date | None
    url: str  # the project's dashboard


def digest_section_for(user, project: Project, since: datetime.date) -> DigestSection | None:
    """What is new in `project` for `user` since `since`; None when nothing is."""
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    entries = impact_selectors.entries_recorded_since(user, project, start, limit=DIGEST_ENTRIES)
    period = (since, datetime.date.max)
    totals = figures.totals(project_selectors.activity_months(project, period=period))
    if not entries and not totals.activities:
        return None
    return DigestSection(
        project=project,
        entries=entries,
        activities=totals.activities,
        residents=totals.residents,
        next_check_in=cocreation_selectors.next_check_in(project),
        url=site_uri(reverse("dashboard:dashboard", kwargs={"slug": project.slug})),
    )


def digest_for(user, *, since: datetime.date) -> list[DigestSection]:
    """Per running project of `user` as client: what is new since `since`; projects with
    nothing new are left out."""
    sections = []
    for project in project_selectors.running_projects_as_client(user):
        section = digest_section_for(user, project, since)
        if section is not None:
            sections.append(section)
    return sections


def send_weekly_digests(*, today: datetime.date | None = None) -> int:
    """Send this week's digest to every recipient who has news and has not had it yet; return
    how many went out. The body of the `dashboard.send_weekly_digest` task."""
    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    since = today - datetime.timedelta(days=7)
    sent = 0
    for user in impact_digest.recipients():
        sections = digest_for(user, since=since)
        if not sections:
            continue
        token = impact_digest.unsubscribe_token(user)
        context = {
            "user": user,
            "sections": sections,
            "since": since,
            "unsubscribe_url": site_uri(
                reverse("impact:digest_unsubscribe", kwargs={"token": token})
            ),
        }
        try:
            # The row and the mail go together: when sending fails, the row rolls back and
            # the next run tries again; when it succeeded, a second run finds the row.
            with transaction.atomic():
                impact_digest.record_sent(user, week)
                with translation.override(settings.LANGUAGE_CODE):
                    subject, body = render_mail("dashboard/email/digest", context)
                send_mail(subject, body, None, [user.email])
        except IntegrityError:
            continue
        sent += 1
    logger.info("Weekly digest sent to %d people", sent)
    return sent
