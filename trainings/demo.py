"""Demo training for `seed_demo`: a Buurtwerk Verdieping trajectory for the demo client, the
Gemeente Rivierenland-Oost. Four sessions two weeks apart on Tuesdays, the last one ahead of
today so three are held; twelve participants (the municipality's staff, two community workers
of Welzijn Rivierenland and three residents) with their attendance, practice assignments (two
reflected on, one shared with the client), the evaluations they answered after each session,
and certificates for those who attended at least the variant's share.

All dates are relative to today. The project is looked up by slug before it is made, and a
trajectory that has participants is left alone, so running it twice changes nothing. The
agreement and order confirmation are cocreation's (cocreation/demo_training.py).
"""

import datetime
import random

from django.utils import timezone

from projects.demo import COHESION, OWNERSHIP
from projects.models import (
    Membership,
    Neighbourhood,
    Organisation,
    Phase,
    Project,
    ServiceVariant,
    Theme,
    User,
)
from projects.services.projects import project_create

from .demo_texts import PARTICIPANTS, REFLECTIONS, REMARKS, SESSIONS, WELFARE, WILL_APPLY
from .models import (
    Attendance,
    Certificate,
    Evaluation,
    Participant,
    PracticeAssignment,
    Registration,
    Session,
)
from .services.certificates import generate_certificates

SLUG = "leertraject-buurtgericht-werken"
VARIANT = "Buurtwerk Verdieping"
TUESDAY = 1
STARTS, ENDS = datetime.time(13, 30), datetime.time(17, 0)
LEARNING = 1  # the phase of the variant's template the sessions belong to


def session_days(today: datetime.date) -> list[datetime.date]:
    """Four Tuesdays two weeks apart: the third 3 to 9 days ago, so three are held and the
    fourth lies 5 to 11 days ahead, whatever day it is."""
    third = today - datetime.timedelta(days=3)
    third -= datetime.timedelta(days=(third.weekday() - TUESDAY) % 7)
    return [third + datetime.timedelta(weeks=2 * (i - 2)) for i in range(4)]


def seed_demo() -> None:
    """Called by `manage.py seed_demo` after the projects' demo data."""
    designer = User.objects.filter(email="designer@example.org").first()
    admin = User.objects.filter(email="admin@example.org").first()
    client = Organisation.objects.filter(name="Gemeente Rivierenland-Oost").first()
    variant = ServiceVariant.objects.filter(service__name="Buurtwerk", name=VARIANT).first()
    if designer is None or admin is None or client is None or variant is None:
        return
    days = session_days(timezone.localdate())
    project = Project.objects.filter(slug=SLUG).first()
    if project is None:
        project = _project(designer, client, variant, days)
    for email, role in [
        ("jorben@example.org", Membership.Role.DESIGNER),
        ("client@example.org", Membership.Role.CLIENT),
        ("partner@example.org", Membership.Role.PARTNER),
    ]:
        person = User.objects.filter(email=email).first()
        if person is not None:
            Membership.objects.get_or_create(user=person, project=project, defaults={"role": role})
    if not project.participants.exists():
        _trajectory(project, days)
    _certificates(project, admin)


def _project(designer, client, variant, days) -> Project:
    """The trajectory, its phases dated around the sessions: tuning in during the three weeks
    before the first, learning until three weeks after the last, then two weeks of harvest."""
    start = days[0] - datetime.timedelta(weeks=3)
    learning_ends = days[-1] + datetime.timedelta(weeks=3)
    end = learning_ends + datetime.timedelta(weeks=2)
    project = project_create(
        actor=designer,
        themes=Theme.objects.filter(name__in=[OWNERSHIP, COHESION]),
        slug=SLUG,
        title="Leertraject buurtgericht werken",
        client=client,
        status=Project.Status.ACTIVE,
        neighbourhood=Neighbourhood.objects.filter(name="Vlinderbuurt").first(),
        variant=variant,
        question="Wijkregisseurs en andere medewerkers van de gemeente willen bewoners eerder "
        "en vanzelfsprekender betrekken bij wat er in hun buurt gebeurt. Hoe leren zij, samen "
        "met opbouwwerkers en bewoners, buurtgericht werken in hun eigen praktijk?",
        start_date=start,
        expected_end_date=end,
    )
    day = datetime.timedelta(days=1)
    spans = [(start, days[0] - day), (days[0], learning_ends), (learning_ends + day, end)]
    phases = list(project.phases.order_by("order", "id"))
    for phase, (first, last) in zip(phases, spans, strict=False):
        phase.start_date, phase.end_date = first, last
    Phase.objects.bulk_update(phases, ["start_date", "end_date"])
    # Unset first: the one-current-phase constraint is checked row by row.
    project.phases.update(is_current=False)
    project.phases.filter(order=LEARNING).update(is_current=True)
    return project


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _trajectory(project: Project, days: list[datetime.date]) -> None:
    """Sessions, participants, attendance, assignments and evaluations (see the module)."""
    rng = random.Random(17)  # noqa: S311 - demo data, not security
    trainers = {
        key: User.objects.filter(email=email).first()
        for key, email in [("ben", "designer@example.org"), ("jorben", "jorben@example.org")]
    }
    # Sessions another part may have planned from the variant on creation are replaced.
    project.sessions.all().delete()
    phase = project.phases.filter(order=LEARNING).first()
    sessions = []
    for day, (title, location, programme, by) in zip(days, SESSIONS, strict=True):
        session = Session.objects.create(
            project=project,
            phase=phase,
            title=title,
            starts_at=_at(day, STARTS),
            ends_at=_at(day, ENDS),
            location=location,
            programme=programme,
        )
        session.trainers.set([trainers[key] for key in by if trainers[key]])
        sessions.append(session)

    organisations = _organisations()
    people = Participant.objects.bulk_create(
        Participant(
            project=project,
            name=spec.name,
            email=spec.email,
            organisation=organisations[spec.organisation],
            role=spec.role,
            source=Participant.Source.INVITATION if spec.by_invitation else Participant.Source.TEAM,
        )
        for spec in PARTICIPANTS
    )
    registration, _new = Registration.objects.get_or_create(project=project)
    Registration.objects.filter(pk=registration.pk).update(
        created_at=_at(days[0] - datetime.timedelta(weeks=2), datetime.time(10, 0))
    )
    for person, spec in zip(people, PARTICIPANTS, strict=True):
        joined = days[1] + datetime.timedelta(days=4) if spec.by_invitation else days[0]
        Participant.objects.filter(pk=person.pk).update(
            created_at=_at(joined - datetime.timedelta(days=10), datetime.time(9, 15))
        )

    _attendance(sessions, people, trainers["jorben"])
    _assignments(people, days)
    _evaluations(sessions, people, rng)


def _organisations() -> dict[str, Organisation]:
    """The participants' organisations by name; Welzijn Rivierenland is new to the demo."""
    Organisation.objects.get_or_create(
        name=WELFARE,
        defaults={"kind": Organisation.Kind.WELFARE, "email": "opbouwwerk@example.org"},
    )
    names = {spec.organisation for spec in PARTICIPANTS}
    return {org.name: org for org in Organisation.objects.filter(name__in=names)}


def _attendance(sessions: list[Session], people: list[Participant], by) -> None:
    """Present as tapped at each held session, recorded when it ended."""
    Attendance.objects.bulk_create(
        Attendance(session=sessions[i], participant=person, recorded_by=by)
        for person, spec in zip(people, PARTICIPANTS, strict=True)
        for i in spec.present
    )
    for session in sessions[:3]:
        Attendance.objects.filter(session=session).update(recorded_at=session.ends_at)


def _assignments(people: list[Participant], days: list[datetime.date]) -> None:
    """Assignments handed out at the second session; two reflected on before the third."""
    rows = []
    for person, spec in zip(people, PARTICIPANTS, strict=True):
        if not spec.assignment:
            continue
        row = PracticeAssignment(participant=person, description=spec.assignment)
        if spec.name in REFLECTIONS:
            row.tried, row.happened, row.differently, row.share_with_client = REFLECTIONS[spec.name]
            row.reflected_at = _at(days[2] - datetime.timedelta(days=2), datetime.time(20, 30))
        rows.append(row)
    PracticeAssignment.objects.bulk_create(rows)
    PracticeAssignment.objects.filter(participant__in=people).update(created_at=_at(days[1], ENDS))


def _evaluations(sessions: list[Session], people: list[Participant], rng) -> None:
    """After each held session an evaluation for everyone present; most answered it within
    two days (useful 3 to 5, what they will apply, now and then a remark)."""
    rows = []
    for i, session in enumerate(sessions[:3]):
        present = [p for p, spec in zip(people, PARTICIPANTS, strict=True) if i in spec.present]
        for person in present:
            row = Evaluation(participant=person, session=session)
            if rng.random() < 0.85:
                row.answered_at = session.ends_at + datetime.timedelta(hours=rng.randint(2, 44))
                row.usefulness = rng.choices((3, 4, 5), weights=(1, 3, 2))[0]
                row.will_apply = rng.choice(WILL_APPLY[i])
                if rng.random() < 0.35:
                    row.remark, row.share_remark = rng.choice(REMARKS)
            rows.append(row)
    Evaluation.objects.bulk_create(rows)
    for session in sessions[:3]:
        Evaluation.objects.filter(session=session).update(
            sent_at=session.ends_at + datetime.timedelta(minutes=30)
        )


def _certificates(project: Project, admin) -> None:
    """Certificates for everyone at or above the threshold so far, by the same service as the
    team's button: their PDFs render when the seeding commits (in-process under `make run`,
    else by the worker). A trajectory that has certificates is left alone."""
    if not Certificate.objects.filter(participant__project=project).exists():
        generate_certificates(project, by=admin)
