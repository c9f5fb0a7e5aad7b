"""Evaluations by signed link: inviting the participants after a held session or at the end of
the trajectory, once per participant (the rows' unique constraints), and recording an answer
once (core.links, purpose "evaluation"; the link is valid for LINK_VALID)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.emails import AbsoluteUri, send_after_commit, site_uri
from core.links import LinkRefused, link_token, read_link_token
from projects import audit
from projects.models import Project

from ..models import Attendance, Evaluation, Participant, Session

PURPOSE = "evaluation"
LINK_VALID = datetime.timedelta(days=30)
SCORES = range(1, 6)


def evaluation_url(evaluation: Evaluation, absolute_uri: AbsoluteUri = site_uri) -> str:
    """The full link in the evaluation's e-mail."""
    token = link_token(PURPOSE, evaluation.pk)
    return absolute_uri(reverse("trainings:evaluate", kwargs={"token": token}))


def invitees(project: Project, session: Session | None) -> list[Participant]:
    """Who is asked: for a session, those marked present (nobody while no attendance was
    taken for it); at the end, every participant of the trajectory."""
    participants = Participant.objects.filter(project=project).order_by("name", "id")
    if session is not None:
        participants = participants.filter(attendance__session=session)
    return list(participants)


def _check_session(project: Project, session: Session, now: datetime.datetime) -> None:
    """A session's evaluation goes out once it has ended and its attendance was taken: it
    asks those who were there, not those who were not."""
    if session.project_id != project.pk or session.ends_at >= now:
        raise ValidationError(_("Kies een bijeenkomst van dit traject die al is afgelopen."))
    if not Attendance.objects.filter(session=session).exists():
        raise ValidationError(
            _(
                "Neem eerst de aanwezigheid op bij deze bijeenkomst: de evaluatie gaat alleen "
                "naar wie er was."
            )
        )


@transaction.atomic
def send_evaluations(
    project: Project,
    *,
    session: Session | None = None,
    by,
    absolute_uri: AbsoluteUri = site_uri,
    now: datetime.datetime | None = None,
) -> int:
    """Invite each participant once to evaluate `session` (ended, attendance taken: those
    present are asked) or, without one, the whole trajectory (everyone); the e-mails leave on
    commit. Sending again mails only those not yet asked. Returns how many were asked now."""
    now = now or timezone.now()
    if session is not None:
        _check_session(project, session, now)
    # Locked: two sends at once (a double click, the beat task) queue up here.
    project = Project.objects.select_for_update().get(pk=project.pk)
    asked = Evaluation.objects.filter(participant__project=project, session=session)
    already = set(asked.values_list("participant_id", flat=True))
    sent = 0
    for participant in invitees(project, session):
        if participant.pk in already:
            continue
        try:
            with transaction.atomic():
                evaluation = Evaluation.objects.create(participant=participant, session=session)
        except IntegrityError:
            continue
        _mail(evaluation, project, absolute_uri)
        sent += 1
    if sent and by is not None:
        audit.record(
            actor=by,
            project=project,
            action="created",
            obj=session or project,
            changes={"evaluations_sent": [None, sent]},
        )
    return sent


def _mail(evaluation: Evaluation, project: Project, absolute_uri: AbsoluteUri) -> None:
    send_after_commit(
        "trainings/email/evaluation",
        {
            "participant": evaluation.participant,
            "session": evaluation.session,
            "project": project,
            "url": evaluation_url(evaluation, absolute_uri),
            "days": LINK_VALID.days,
        },
        [evaluation.participant.email],
    )


def send_yesterdays_evaluations(*, today: datetime.date | None = None) -> int:
    """Ask for the evaluation of every session of a running trajectory that ended yesterday
    (local time) and whose attendance was taken (those present are asked; a session without
    it waits for the team's manual send); safe to run twice. Returns how many were asked."""
    today = today or timezone.localdate()
    start = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time())
    )
    end = start + datetime.timedelta(days=1)
    sessions = (
        Session.objects.filter(
            ends_at__gte=start, ends_at__lt=end, project__status=Project.Status.ACTIVE
        )
        .filter(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .select_related("project")
    )
    return sum(
        send_evaluations(session.project, session=session, by=None, now=end) for session in sessions
    )


def _open(evaluation: Evaluation | None, now: datetime.datetime) -> Evaluation:
    if evaluation is None:
        raise LinkRefused("tampered")
    if evaluation.answered_at is not None:
        raise LinkRefused("used")
    if evaluation.sent_at + LINK_VALID < now:
        raise LinkRefused("expired")
    return evaluation


def evaluation_for_token(token: str) -> Evaluation:
    """The open evaluation a link names; LinkRefused when the link is tampered with, expired
    or already answered."""
    pk = read_link_token(PURPOSE, token, max_age=LINK_VALID)
    evaluation = (
        Evaluation.objects.select_related("participant__project", "session").filter(pk=pk).first()
    )
    return _open(evaluation, timezone.now())


@transaction.atomic
def answer_evaluation(
    *, token: str, usefulness: int, will_apply: str, remark: str = "", share_remark: bool = False
) -> Evaluation:
    """Record the answer to the evaluation `token` names, once (checked under a row lock);
    LinkRefused or ValidationError change nothing."""
    pk = read_link_token(PURPOSE, token, max_age=LINK_VALID)
    now = timezone.now()
    evaluation = _open(
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("participant__project", "session")
        .filter(pk=pk)
        .first(),
        now,
    )
    if usefulness not in SCORES:
        raise ValidationError({"usefulness": _("Kies een cijfer van 1 tot en met 5.")})
    evaluation.usefulness = usefulness
    evaluation.will_apply = will_apply.strip()
    evaluation.remark = remark.strip()
    # The consent covers both texts the client may read: kept when either is given.
    evaluation.share_remark = share_remark and bool(evaluation.will_apply or evaluation.remark)
    evaluation.answered_at = now
    evaluation.full_clean()
    evaluation.save()
    return evaluation
