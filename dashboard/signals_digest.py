"""The weekly signals digest for designers (issue 13 §5): per designer, their active projects
that are amber or red and why, the concerns waiting for an answer, and the continuation
decisions due. Sent once a week at most, however often the task runs; the opt-out, the signed
unsubscribe link and the once-a-week record are the client digest's (impact.digest)."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cocreation import selectors as cocreation_selectors
from cocreation.continuation import phase_decisions_due_of
from cocreation.models import Concern
from core.emails import render_mail, site_uri
from impact import digest as impact_digest
from projects import selectors as project_selectors
from projects.models import Phase, Project

from . import health

logger = logging.getLogger(__name__)

DIGEST_CONCERNS = 20


@dataclass(frozen=True)
class FlaggedProject:
    """A project that is amber or red, with the reasons and the address of its page."""

    project: Project
    health: health.Health
    url: str


@dataclass(frozen=True)
class DecisionDue:
    """A phase of one of the designer's projects that needs a continuation decision."""

    project: Project
    phase: Phase
    state: str  # "due" or "overdue"
    days: int
    url: str

    @property
    def text(self) -> str:
        values = {"phase": self.phase.name, "date": date_format(self.phase.end_date, "j F Y")}
        if self.state == "overdue":
            return _("Fase %(phase)s eindigde op %(date)s zonder besluit over het vervolg.") % (
                values
            )
        return _("Fase %(phase)s eindigt op %(date)s: besluit samen over het vervolg.") % values


@dataclass(frozen=True)
class SignalsDigest:
    """What one designer's weekly signals e-mail says; `empty` when it has nothing to say."""

    flagged: list[FlaggedProject]  # red first
    concerns: list[Concern]  # open, oldest first
    decisions: list[DecisionDue]  # continuation decisions due or overdue

    @property
    def empty(self) -> bool:
        return not (self.flagged or self.concerns or self.decisions)


def decisions_due(projects: list[Project], today: datetime.date) -> list[DecisionDue]:
    """The continuation decisions due (the phase ends within three weeks) or overdue in
    `projects`, overdue first, then by the phase's end: one query."""
    due = phase_decisions_due_of(projects, today)
    found = [
        DecisionDue(
            project=project,
            phase=phase,
            state=state,
            days=days,
            url=site_uri(
                reverse(
                    "cocreation:decision_create",
                    kwargs={"slug": project.slug, "phase": phase.pk},
                )
            ),
        )
        for project in projects
        for phase, state, days in due.get(project.pk, [])
    ]
    found.sort(key=lambda item: (item.state != "overdue", item.phase.end_date))
    return found


def signals_digest_for(user, *, today: datetime.date) -> SignalsDigest:
    """The signals digest of `user`: about the active projects they are a member of."""
    projects = list(
        project_selectors.my_projects(user).filter(status=Project.Status.ACTIVE).order_by("title")
    )
    judged = health.health_of(projects)
    flagged = [
        FlaggedProject(
            project=project,
            health=judged[project.pk],
            url=site_uri(project.get_absolute_url()),
        )
        for project in projects
        if judged[project.pk] is not None and judged[project.pk].colour != health.GREEN
    ]
    flagged.sort(key=lambda item: -item.health.rank)
    concerns = list(
        cocreation_selectors.open_concerns(user).filter(project__in=projects)[:DIGEST_CONCERNS]
    )
    return SignalsDigest(
        flagged=flagged, concerns=concerns, decisions=decisions_due(projects, today)
    )


def send_weekly_signals(*, today: datetime.date | None = None) -> int:
    """Send this week's signals digest to every designer who has signals and has not had a
    weekly digest yet; return how many went out. The body of `dashboard.send_weekly_signals`."""
    today = today or timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday())
    sent = 0
    for user in impact_digest.signal_recipients():
        with translation.override(settings.LANGUAGE_CODE):
            digest = signals_digest_for(user, today=today)
            if digest.empty:
                continue
            token = impact_digest.unsubscribe_token(user)
            context = {
                "user": user,
                "digest": digest,
                "site": site_uri(""),
                "unsubscribe_url": site_uri(
                    reverse("impact:digest_unsubscribe", kwargs={"token": token})
                ),
            }
            subject, body = render_mail("dashboard/email/signals", context)
        try:
            # As the client digest: the row and the mail commit or roll back together.
            with transaction.atomic():
                impact_digest.record_sent(user, week)
                send_mail(subject, body, None, [user.email])
        except IntegrityError:
            continue
        sent += 1
    logger.info("Weekly signals digest sent to %d designers", sent)
    return sent
