from types import SimpleNamespace

import factory
from django.utils.text import slugify

from projects.demo import DEMO_PASSWORD
from projects.models import Membership, Organisation, Project, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    kind = Organisation.Kind.MUNICIPALITY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Sequence(lambda n: f"Persoon {n}")
    role = User.Role.EXTERNAL
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Buurtproject {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    client = factory.SubFactory(OrganisationFactory)
    status = Project.Status.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = Membership.Role.CLIENT


def build_world() -> SimpleNamespace:
    """Project A (client A, partner) and project B (client B), one designer, one admin."""
    project_a = ProjectFactory(title="Vlinderbuurt samen")
    project_b = ProjectFactory(title="Parkkwartier thuis")
    client_a = UserFactory(organisation=project_a.client, name="Client Anna")
    client_b = UserFactory(organisation=project_b.client, name="Client Bram")
    partner = UserFactory(
        organisation=OrganisationFactory(kind=Organisation.Kind.RESIDENTS), name="Partner Piet"
    )
    MembershipFactory(user=client_a, project=project_a, role=Membership.Role.CLIENT)
    MembershipFactory(user=client_b, project=project_b, role=Membership.Role.CLIENT)
    MembershipFactory(user=partner, project=project_a, role=Membership.Role.PARTNER)
    designer = UserFactory(role=User.Role.DESIGNER, name="Designer Dirk")
    admin = UserFactory(role=User.Role.ADMIN, name="Admin Ada", is_staff=True, is_superuser=True)
    return SimpleNamespace(
        project_a=project_a,
        project_b=project_b,
        client_a=client_a,
        client_b=client_b,
        partner=partner,
        designer=designer,
        admin=admin,
    )


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Phase"

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Fase {n}")
    order = factory.Sequence(lambda n: n)
    is_current = False


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Activity"

    project = factory.SubFactory(ProjectFactory)
    kind = "street_conversation"
    title = factory.Sequence(lambda n: f"Straatgesprek {n}")


# ---- impact ----

import datetime  # noqa: E402  (kept with the impact factories it serves)


class ImpactEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.ImpactEntry"

    project = factory.SubFactory(ProjectFactory)
    kind = "outcome"
    title = factory.Sequence(lambda n: f"Buren groeten elkaar nu {n}")
    description = "Op het plein maken buren weer een praatje."
    visibility = "shared"

    class Params:
        # A resident's words, with consent to share them with the client.
        resident_consented = factory.Trait(
            kind="quote",
            involves_resident=True,
            consent_method="verbal",
            consent_date=factory.LazyFunction(lambda: datetime.date(2026, 1, 15)),
            consent_scope="client",
        )


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.Contribution"

    entry = factory.SubFactory(ImpactEntryFactory)
    activity = factory.SubFactory(ActivityFactory, project=factory.SelfAttribute("..entry.project"))


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.Initiative"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Moestuin op het plein {n}")
    started_on = factory.LazyFunction(lambda: datetime.date(2026, 1, 10))
    visibility = "shared"


class OwnershipStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "impact.OwnershipStep"

    initiative = factory.SubFactory(InitiativeFactory)
    level = 1
    date = factory.SelfAttribute("initiative.started_on")


# ---- cocreation ----


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cocreation.Agreement"

    project = factory.SubFactory(ProjectFactory)


class AgreementVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cocreation.AgreementVersion"

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)
    ambition = "Buren kennen elkaar en zorgen samen voor het plein."
    approach = "1. Ontdekken\n2. Ontwerpen\n3. Doen\n4. Verankeren"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cocreation.Party"

    version = factory.SubFactory(AgreementVersionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Opdrachtgever"


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cocreation.Commitment"

    party = factory.SubFactory(PartyFactory)
    kind = "time"
    description = factory.Sequence(lambda n: f"Vier uur per week {n}")


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cocreation.Concern"

    project = factory.SubFactory(ProjectFactory)
    raised_by = factory.SubFactory(UserFactory)
    subject = factory.Sequence(lambda n: f"Vraag over de planning {n}")
    body = "Wanneer begint de volgende fase?"


def build_agreement(world, *, status: str = "draft") -> SimpleNamespace:
    """A draft of project A with three parties: the client, the residents' group (the
    partner's organisation) and De Buurtontdekkers, each with a commitment; proposed when
    `status` is "proposed"."""
    from cocreation import services

    own, _ = Organisation.objects.get_or_create(
        name="De Buurtontdekkers", defaults={"kind": Organisation.Kind.OWN}
    )
    version = AgreementVersionFactory(agreement=AgreementFactory(project=world.project_a), number=1)
    client = PartyFactory(
        version=version, organisation=world.project_a.client, representative=world.client_a
    )
    residents = PartyFactory(
        version=version,
        organisation=world.partner.organisation,
        representative=world.partner,
        role="Bewonersgroep",
        order=1,
    )
    designers = PartyFactory(version=version, organisation=own, role="Procesbegeleiding", order=2)
    for party in (client, residents, designers):
        CommitmentFactory(party=party)
    if status == "proposed":
        version = services.agreement_version_propose(actor=world.designer, version=version)
    return SimpleNamespace(version=version, client=client, residents=residents, designers=designers)


# ---- dashboard (issue 7) ----


# `build_agreed_agreement(world)` (in the order confirmations section) gives the agreement.


def build_dashboard(world) -> SimpleNamespace:
    """Project A with phases, activities, impact (shared, internal, and a resident's words
    without consent), a most significant change, an initiative whose ownership grew, an
    agreed agreement with a check-in, and a concern of client A with a reply."""
    from cocreation import services as cocreation_services
    from impact.models import SignificantChange

    project = world.project_a
    PhaseFactory(project=project, name="Ontdekken", order=0)
    current = PhaseFactory(project=project, name="Ontwerpen", order=1, is_current=True)
    activity = ActivityFactory(
        project=project,
        phase=current,
        title="Koffie op het Vlinderplein",
        date=datetime.date(2026, 2, 3),
        residents_reached=12,
    )
    ActivityFactory(project=project, date=datetime.date(2026, 1, 12), residents_reached=5)
    shared = ImpactEntryFactory(
        project=project, title="Buren groeten elkaar weer", occurred_on=datetime.date(2026, 2, 5)
    )
    ContributionFactory(entry=shared, activity=activity)
    significant = ImpactEntryFactory(
        project=project,
        title="Bewoners beheren samen het plein",
        occurred_on=datetime.date(2026, 1, 20),
    )
    SignificantChange.objects.create(
        entry=significant,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        reason="Voor het eerst nemen bewoners zelf het beheer op zich.",
        selected_by=world.designer,
    )
    internal = ImpactEntryFactory(
        project=project, title="Intern signaal over spanningen", visibility="internal"
    )
    unconsented = ImpactEntryFactory(
        project=project,
        kind="quote",
        title="Citaat zonder toestemming",
        visibility="internal",
        involves_resident=True,
    )
    initiative = InitiativeFactory(project=project, title="Moestuin Vlinderplein")
    OwnershipStepFactory(initiative=initiative, level=1)
    OwnershipStepFactory(initiative=initiative, level=3, date=datetime.date(2026, 3, 2))
    hidden_initiative = InitiativeFactory(
        project=project, title="Verborgen initiatief", visibility="internal"
    )
    OwnershipStepFactory(initiative=hidden_initiative, level=2)
    agreement = build_agreed_agreement(world)
    commitment = agreement.client.commitments.get()
    cocreation_services.check_in_record(
        actor=world.designer,
        agreement=agreement.version.agreement,
        date=datetime.date(2026, 2, 20),
        attendees="Iedereen",
        reviews={commitment.pk: ("attention", "Minder uren dan gepland.")},
    )
    concern = ConcernFactory(project=project, raised_by=world.client_a, subject="Wanneer bouwen?")
    cocreation_services.concern_reply(
        actor=world.designer, concern=concern, body="In de fase Doen, vanaf mei."
    )
    return SimpleNamespace(
        project=project,
        activity=activity,
        shared=shared,
        significant=significant,
        internal=internal,
        unconsented=unconsented,
        initiative=initiative,
        hidden_initiative=hidden_initiative,
        agreement=agreement,
        commitment=commitment,
        concern=concern,
    )


# ---- order confirmations ----

# The four default phases with dates: the trajectory an order confirmation's term covers.
TRAJECTORY = [
    ("Ontdekken", datetime.date(2026, 1, 5), datetime.date(2026, 3, 29)),
    ("Ontwerpen", datetime.date(2026, 3, 30), datetime.date(2026, 6, 28)),
    ("Doen", datetime.date(2026, 6, 29), datetime.date(2026, 12, 20)),
    ("Verankeren", datetime.date(2027, 1, 4), datetime.date(2027, 6, 4)),
]


def plan_trajectory(project) -> None:
    """Give `project` the four default phases with dates (5 January 2026 to 4 June 2027),
    unless it has phases already."""
    if project.phases.exists():
        return
    for order, (name, start, end) in enumerate(TRAJECTORY):
        PhaseFactory(project=project, name=name, order=order, start_date=start, end_date=end)


def build_agreed_agreement(world) -> SimpleNamespace:
    """`build_agreement` of project A, proposed and agreed to by all three parties, the
    project planned as a dated trajectory."""
    from cocreation import services

    plan_trajectory(world.project_a)
    built = build_agreement(world, status="proposed")
    version = built.version
    for party, actor in (
        (built.client, world.client_a),
        (built.residents, world.partner),
        (built.designers, world.designer),
    ):
        services.consent_to(
            actor=actor, version=version, party=party, content_hash=version.content_hash
        )
    version.refresh_from_db()
    built.version = version
    return built


def agreed_version_for(project, *, ambition: str = "Buren kijken naar elkaar om."):
    """A quick agreed version of `project` (client and De Buurtontdekkers, one commitment
    each), marked agreed directly, without the consent flow; the project planned as a dated
    trajectory."""
    from django.utils import timezone

    from cocreation.models import AgreementVersion

    plan_trajectory(project)

    own, _ = Organisation.objects.get_or_create(
        name="De Buurtontdekkers", defaults={"kind": Organisation.Kind.OWN}
    )
    version = AgreementVersionFactory(
        agreement=AgreementFactory(project=project), number=1, ambition=ambition
    )
    for order, organisation in enumerate([project.client, own]):
        CommitmentFactory(
            party=PartyFactory(version=version, organisation=organisation, order=order)
        )
    AgreementVersion.objects.filter(pk=version.pk).update(
        status="agreed", content_hash=version.compute_hash(), agreed_at=timezone.now()
    )
    version.refresh_from_db()
    return version
