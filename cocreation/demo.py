"""Demo agreements for `seed_demo`: call `seed_agreements()` after the projects exist.

Each running demo project gets an agreed version with the consent of every party; on the
Vlinderbuurt a second version is proposed and still awaits the residents' group. Running it
twice changes nothing: a project whose agreement has versions is left alone.
"""

import datetime

from django.test.utils import override_settings
from django.utils import timezone

from core.dates import next_working_day
from projects.models import Organisation, Project, User

from . import services
from .demo_asks import seed_proposal
from .demo_decisions import seed_decisions
from .demo_follow_up import seed_check_ins, seed_concerns
from .demo_history import seed_later_version
from .demo_hours import seed_hours
from .demo_pulse import seed_pulses
from .demo_training import seed_training
from .models import Agreement, AgreementVersion, Commitment, Party

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
PARKKWARTIER = "thuis-in-het-parkkwartier"

AGREEMENTS = {
    VLINDERBUURT: {
        "ambition": "Bewoners van de Vlinderbuurt kennen elkaar weer, ontmoeten elkaar op "
        "plekken die ze zelf kiezen en kijken naar elkaar om.",
        "principles": "We werken vanuit wat bewoners zelf willen. Niemand is alleen "
        "verantwoordelijk voor het resultaat: alle partijen dragen samen bij.",
        "parties": [
            (
                "client@example.org",
                "Opdrachtgever",
                [
                    ("contact", "Sanne Jansen is vast aanspreekpunt en reageert binnen een week."),
                    ("budget", "Een klein buurtbudget voor ideeën van bewoners."),
                ],
            ),
            (
                "partner@example.org",
                "Bewonersgroep",
                [
                    ("energy", "De bewonersgroep denkt mee en haalt buren erbij."),
                    ("place", "De tuin achter het buurthuis is beschikbaar voor bijeenkomsten."),
                ],
            ),
            (
                None,
                "Procesbegeleiding",
                [
                    ("time", "Twee buurtdesigners zijn elke week in de buurt."),
                ],
            ),
        ],
    },
    PARKKWARTIER: {
        "ambition": "Oude en nieuwe bewoners van het Parkkwartier voelen zich samen thuis.",
        "principles": "Bewoners bepalen mee wat er gebeurt; de corporatie en De "
        "Buurtontdekkers zijn samen verantwoordelijk voor het proces.",
        "parties": [
            (
                "client2@example.org",
                "Opdrachtgever",
                [
                    ("contact", "De wijkbeheerder sluit maandelijks aan."),
                    ("place", "De lege bedrijfsruimte aan de Eikenlaan als ontmoetingsplek."),
                ],
            ),
            (
                None,
                "Procesbegeleiding",
                [
                    ("time", "Een buurtdesigner is twee dagdelen per week in de buurt."),
                ],
            ),
        ],
    },
}


def seed_agreements() -> None:
    """Create the demo agreements if they are not there yet."""
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for slug, spec in AGREEMENTS.items():
            project = Project.objects.filter(slug=slug).first()
            if (
                project is None
                or Agreement.objects.filter(project=project, versions__isnull=False).exists()
            ):
                continue
            _seed_project(project, spec)


def _seed_project(project: Project, spec: dict) -> None:
    designer = User.objects.get(email="designer@example.org")
    own = Organisation.objects.get(kind=Organisation.Kind.OWN, name="De Buurtontdekkers")
    agreement = services.agreement_for(project)
    version = services.agreement_version_new_draft(actor=designer, agreement=agreement)
    version.parties.all().delete()
    version.ambition = spec["ambition"]
    version.principles = spec["principles"]
    version.first_check_in = next_working_day(timezone.localdate() + datetime.timedelta(days=10))
    version.save()
    speakers = {}
    for order, (email, role, commitments) in enumerate(spec["parties"]):
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
    if project.slug != VLINDERBUURT:
        return
    # A second version, proposed after a check-in; the residents' group has not answered yet.
    second = services.agreement_version_new_draft(actor=designer, agreement=agreement)
    second.principles += " Elke twee maanden kiezen bewoners zelf het thema van de bijeenkomst."
    second.save()
    second = services.agreement_version_propose(actor=designer, version=second)
    for party in second.parties.select_related("organisation"):
        if party.organisation.kind != Organisation.Kind.RESIDENTS:
            person = party.representative or designer
            services.consent_to(
                actor=person, version=second, party=party, content_hash=second.content_hash
            )


# The municipality's purchasing department gave its order a number; the corporation did not.
CLIENT_REFERENCES = {VLINDERBUURT: "INK-2025-0412"}


def seed_confirmations() -> None:
    """A ready order confirmation for each demo project with an agreed version, made by the
    same service and task as the Generate button, run in-process so that it is ready at once
    (also when a broker is configured but no worker runs yet). Skips what already has one."""
    from decimal import Decimal

    from .tasks import confirmation_copy_render_task, order_confirmation_render_task

    admin = User.objects.filter(email="admin@example.org").first()
    if admin is None:
        return
    for slug in AGREEMENTS:
        version = AgreementVersion.objects.filter(
            agreement__project__slug=slug, status=AgreementVersion.Status.AGREED
        ).first()
        if version is None or version.order_confirmations.exists():
            continue
        variant = version.agreement.project.variant
        confirmation = services.order_confirmation_generate(
            actor=admin,
            version=version,
            fee=variant.fee if variant else Decimal("9500.00"),
            hours=variant.typical_hours if variant else 80,
            client_reference=CLIENT_REFERENCES.get(slug, ""),
            enqueue=False,
        )
        order_confirmation_render_task.apply(args=[confirmation.pk])
        copy = getattr(confirmation, "party_copy", None)
        if copy is not None:
            confirmation_copy_render_task.apply(args=[copy.pk])


def seed_demo() -> None:
    """Called by `manage.py seed_demo` after the projects' demo data."""
    seed_agreements()
    # Check-ins date the agreements back; the confirmations then freeze those dates.
    seed_check_ins()
    seed_later_version()
    seed_confirmations()
    seed_concerns()
    seed_decisions()
    seed_pulses()
    seed_proposal()
    seed_hours()
    seed_training()
