"""Planning and changing the sessions (bijeenkomsten) of a training trajectory, and taking
attendance at them. Each change of a session is audited; attendance keeps who recorded it on the
row itself (a tap per participant would drown the audit trail)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects import audit
from projects.models import Phase, Project

from ..models import Attendance, Participant, Session

# A new trajectory's sessions start as afternoons; the team moves them where they belong.
DEFAULT_START = datetime.time(13, 30)
DEFAULT_END = datetime.time(17, 0)
AUDITED_SESSION_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "location",
    "programme",
    "phase",
    "trainers",
]


def is_training(project: Project) -> bool:
    """A project of a Buurtwerk variant: one with sessions and participants."""
    return bool(project.variant_id and project.variant.service.is_training)


def phase_on(phases: list[Phase], day: datetime.date) -> Phase | None:
    """The phase whose dates contain `day`; else the current one; else the first."""
    for phase in phases:
        if phase.start_date and phase.end_date and phase.start_date <= day <= phase.end_date:
            return phase
    return next((p for p in phases if p.is_current), phases[0] if phases else None)


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """`day` at `time` on the clock of the site's time zone (Europe/Amsterdam)."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


@transaction.atomic
def plan_sessions(project: Project, *, actor=None) -> list[Session]:
    """Pre-fill a new training trajectory with its variant's sessions: `session_count` of them,
    `session_interval_days` apart from the start date (else today), each an afternoon in the
    phase of its date. Does nothing for a project that is no training or has sessions."""
    if not is_training(project) or project.sessions.exists():
        return []
    variant = project.variant
    first = project.start_date or timezone.localdate()
    phases = list(project.phases.order_by("order", "id"))
    sessions = []
    for n in range(variant.session_count):
        day = first + datetime.timedelta(days=n * variant.session_interval_days)
        session = Session.objects.create(
            project=project,
            title=_stored_title(n + 1),
            starts_at=at(day, DEFAULT_START),
            ends_at=at(day, DEFAULT_END),
            phase=phase_on(phases, day),
        )
        _record(actor, session, "created", {})
        sessions.append(session)
    return sessions


def _stored_title(n: int) -> str:
    # Stored text: in the site's language, not in that of whoever made the trajectory.
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Bijeenkomst %(n)s") % {"n": n}


def _record(actor, session: Session, action: str, before: dict) -> None:
    after = audit.snapshot(session, AUDITED_SESSION_FIELDS)
    audit.record(
        actor=actor,
        project=session.project,
        action=action,
        obj=session,
        changes=audit.changes_between(before, after),
    )


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError(
            _("Een bijeenkomst eindigt na het begin: kies een latere eindtijd."),
            code="ends_before_start",
        )


@transaction.atomic
def session_create(*, actor, project: Project, trainers=(), **fields) -> Session:
    """Add a session to a training trajectory."""
    _check_times(fields["starts_at"], fields["ends_at"])
    session = Session.objects.create(project=project, **fields)
    session.trainers.set(trainers)
    _record(actor, session, "created", {})
    return session


@transaction.atomic
def session_update(*, actor, session: Session, trainers=(), **fields) -> Session:
    """Change a session's time, place, programme, phase or trainers."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = audit.snapshot(session, AUDITED_SESSION_FIELDS)
    _check_times(fields["starts_at"], fields["ends_at"])
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    session.trainers.set(trainers)
    _record(actor, session, "updated", before)
    return session


@transaction.atomic
def set_present(session: Session, participant: Participant, present: bool, by) -> bool:
    """Mark `participant` present at (or absent from) `session`; saying it twice changes
    nothing. Returns whether they are present now."""
    if participant.project_id != session.project_id:
        raise ValidationError(_("Deze deelnemer hoort niet bij dit traject."), code="other_project")
    if present:
        Attendance.objects.get_or_create(
            session=session, participant=participant, defaults={"recorded_by": by}
        )
    else:
        for row in Attendance.objects.filter(session=session, participant=participant):
            row.delete()  # one by one: the dashboard's freshness hears of each
    return present
