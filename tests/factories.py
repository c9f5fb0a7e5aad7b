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
