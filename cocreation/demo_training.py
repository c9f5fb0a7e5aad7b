"""The agreement of the demo training (trainings/demo.py) for `seed_demo`: every party's
commitments (the municipality gives its staff time for the practice assignment, the residents'
group takes part and lends its community centre, De Buurtontdekkers tune the programme to the
participants' work), agreed during the tuning-in phase, the decision to go on after it, and a
ready order confirmation. The variant's principles stay: no learning results promised in
advance. A trajectory whose agreement has versions is left alone."""

import datetime

from django.utils import timezone

from core.dates import next_working_day
from projects.models import Organisation, Project, User

from . import services
from .continuation import deciding_parties
from .models import Agreement, AgreementVersion, Commitment, Consent, ContinuationDecision, Party

TRAINING = "leertraject-buurtgericht-werken"

AGREEMENT = {
    "ambition": "Medewerkers van de gemeente en Welzijn Rivierenland werken vanzelfsprekend "
    "samen met bewoners, vanuit wat er in de buurt leeft, en bewoners weten hen te vinden.",
    "parties": [
        (
            "client@example.org",
            "Opdrachtgever",
            [
                (
                    "time",
                    "De deelnemers krijgen tijd voor de praktijkopdracht: een dagdeel per "
                    "twee weken, naast de bijeenkomsten.",
                ),
                ("contact", "Sanne Jansen is aanspreekpunt en is bij de laatste bijeenkomst."),
                ("place", "Een zaal in het stadskantoor voor de eerste en de laatste bijeenkomst."),
            ],
        ),
        (
            "partner@example.org",
            "Deelnemers uit de buurt",
            [
                (
                    "energy",
                    "Bewoners van de Vlinderbuurt doen mee als deelnemer en zijn "
                    "oefenpartner bij de praktijkopdrachten.",
                ),
                ("place", "Buurthuis De Rups is beschikbaar voor de bijeenkomsten in de buurt."),
            ],
        ),
        (
            None,
            "Training en begeleiding",
            [
                (
                    "knowledge",
                    "De Buurtontdekkers stemmen het programma af op de praktijk van de deelnemers.",
                ),
                (
                    "time",
                    "Twee trainers bij de bijeenkomsten, en op elke reflectie een reactie "
                    "binnen een week.",
                ),
            ],
        ),
    ],
}


def seed_training() -> None:
    """Agree on the demo training, decide on its ended phase and confirm it (see above)."""
    project = Project.objects.filter(slug=TRAINING).first()
    designer = User.objects.filter(email="designer@example.org").first()
    if (
        project is None
        or designer is None
        or Agreement.objects.filter(project=project, versions__isnull=False).exists()
    ):
        return
    version = _agree(project, designer)
    first = project.phases.order_by("order", "id").first()
    if first is not None and first.start_date:
        _date_back(version, _at(first.start_date + datetime.timedelta(days=8)))
    _decide(project, designer)
    _confirm(version)


def _agree(project: Project, designer: User) -> AgreementVersion:
    """The first version with the parties above, proposed and agreed to by each of them."""
    own = Organisation.objects.get(kind=Organisation.Kind.OWN, name="De Buurtontdekkers")
    agreement = services.agreement_for(project)
    version = services.agreement_version_new_draft(actor=designer, agreement=agreement)
    version.parties.all().delete()
    version.ambition = AGREEMENT["ambition"]
    version.first_check_in = next_working_day(timezone.localdate() + datetime.timedelta(days=14))
    version.save()
    speakers = {}
    for order, (email, role, commitments) in enumerate(AGREEMENT["parties"]):
        person = User.objects.get(email=email) if email else None
        party = Party.objects.create(
            version=version,
            organisation=person.organisation if person else own,
            representative=person,
            role=role,
            order=order,
        )
        Commitment.objects.bulk_create(
            Commitment(party=party, kind=kind, description=text, order=i)
            for i, (kind, text) in enumerate(commitments)
        )
        speakers[party.pk] = person or designer
    version = services.agreement_version_propose(actor=designer, version=version)
    for party in version.parties.all():
        services.consent_to(
            actor=speakers[party.pk],
            version=version,
            party=party,
            content_hash=version.content_hash,
        )
    version.refresh_from_db()
    return version


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


def _date_back(version: AgreementVersion, agreed: datetime.datetime) -> None:
    """Agreed during the tuning in, not today: only the timestamps move, not the content."""
    AgreementVersion.objects.filter(pk=version.pk).update(
        created_at=agreed - datetime.timedelta(days=6),
        proposed_at=agreed - datetime.timedelta(days=5),
        agreed_at=agreed,
    )
    consents = list(version.consents.order_by("at", "id"))
    for i, consent in enumerate(consents):  # the last one made it agreed
        Consent.objects.filter(pk=consent.pk).update(
            at=agreed - datetime.timedelta(hours=len(consents) - 1 - i)
        )
    Agreement.objects.filter(pk=version.agreement_id).update(
        created_at=agreed - datetime.timedelta(days=7)
    )


def _decide(project: Project, designer: User) -> None:
    """Go on after each phase that has ended (the tuning in), with every party."""
    today = timezone.localdate()
    parties = [
        {"organisation": organisation, "agreed": True, "decided_by": speaker or designer.name}
        for organisation, _role, speaker in deciding_parties(project)
    ]
    for phase in project.phases.filter(end_date__lt=today).order_by("order", "id"):
        if ContinuationDecision.objects.filter(phase=phase).exists():
            continue
        services.continuation_decision_record(
            actor=designer,
            phase=phase,
            outcome=ContinuationDecision.Outcome.CONTINUE,
            reason="In de intake vertelden de deelnemers waar zij in hun werk tegenaan lopen; "
            "het programma sluit daarop aan en iedereen kan de praktijkopdracht inplannen.",
            decided_on=max(phase.start_date, phase.end_date - datetime.timedelta(days=3)),
            parties=parties,
        )


def _confirm(version: AgreementVersion) -> None:
    """A ready order confirmation for all the sessions, as in `demo.seed_confirmations`."""
    from .tasks import confirmation_copy_render_task, order_confirmation_render_task

    admin = User.objects.filter(email="admin@example.org").first()
    variant = version.agreement.project.variant
    if admin is None or variant is None:
        return
    confirmation = services.order_confirmation_generate(
        actor=admin,
        version=version,
        fee=variant.fee,
        hours=variant.typical_hours,
        client_reference="INK-2025-0587",
        enqueue=False,
    )
    order_confirmation_render_task.apply(args=[confirmation.pk])
    copy = getattr(confirmation, "party_copy", None)
    if copy is not None:
        confirmation_copy_render_task.apply(args=[copy.pk])
