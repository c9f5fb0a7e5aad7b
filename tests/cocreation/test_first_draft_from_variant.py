"""The first draft of a new project's agreement starts from its service variant (issue 16 §5):
the variant's approach above the project's phases, its principles, and for each party in the
project what the variant suggests a party in that role commits to. Defaults, never fixed."""

import datetime

import pytest

from cocreation import pdf, services
from cocreation.models import Commitment, SuggestedCommitment
from cocreation.services.first_draft import approach_from_phases
from projects.models import Membership, Organisation, ServiceVariant
from projects.services.projects import project_create
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

VARIANTS = [
    ("Buurtexpeditie", "Buurtverkenning"),
    ("Buurtexpeditie", "Buurtexpeditie"),
    ("Buurtexpeditie", "Buurtexpeditie Plus"),
    ("Buurtwerk", "Buurtwerk Basis"),
    ("Buurtwerk", "Buurtwerk Verdieping"),
    ("Buurtwerk", "Buurtwerk op maat"),
]
Role = SuggestedCommitment.PartyRole


@pytest.fixture
def firm():
    return OrganisationFactory(name="De Buurtontdekkers", kind=Organisation.Kind.OWN)


@pytest.fixture
def designer(firm):
    return UserFactory(role="designer", organisation=firm)


def variant(service: str, name: str) -> ServiceVariant:
    return ServiceVariant.objects.get(service__name=service, name=name)


def project_of(designer, v, *, partner=True):
    """A new project of variant `v` with a client contact and, with `partner`, a residents'
    group as partner."""
    project = project_create(
        actor=designer,
        title=f"Samen in {v.name}",
        client=OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY),
        variant=v,
        question="Hoe leren buren elkaar kennen?",
        start_date=datetime.date(2026, 1, 5),
    )
    contact = UserFactory(organisation=project.client)
    MembershipFactory(user=contact, project=project, role=Membership.Role.CLIENT)
    if partner:
        residents = OrganisationFactory(kind=Organisation.Kind.RESIDENTS)
        MembershipFactory(
            user=UserFactory(organisation=residents), project=project, role=Membership.Role.PARTNER
        )
    return project


def first_draft(designer, project):
    agreement = services.agreement_for(project)
    return services.agreement_version_new_draft(actor=designer, agreement=agreement)


def commitments_by_party(version) -> dict[int, list[tuple[str, str]]]:
    return {
        party.organisation.kind: [(c.kind, c.description) for c in party.commitments.all()]
        for party in version.parties.select_related("organisation").prefetch_related("commitments")
    }


def suggested(v, role) -> list[tuple[str, str]]:
    rows = SuggestedCommitment.objects.filter(variant=v, party_role=role).order_by("order", "id")
    return [(row.kind, row.description) for row in rows]


@pytest.mark.parametrize(("service", "name"), VARIANTS)
def test_a_first_draft_is_prefilled_from_the_projects_variant(designer, service, name):
    v = variant(service, name)
    project = project_of(designer, v)
    draft = first_draft(designer, project)
    listed = approach_from_phases(
        project.phases.order_by("order").values_list("name", "description")
    )
    assert draft.approach == f"{v.default_approach}\n\n{listed}"
    assert draft.principles == v.default_principles
    assert draft.question == project.question
    by_party = commitments_by_party(draft)
    assert by_party[Organisation.Kind.MUNICIPALITY] == suggested(v, Role.CLIENT)
    assert by_party[Organisation.Kind.OWN] == suggested(v, Role.OWN)
    assert by_party[Organisation.Kind.RESIDENTS] == suggested(v, Role.PARTNER)
    assert all(by_party.values())  # every party has something to start from


def test_the_partner_party_is_spoken_for_by_its_member_and_named_as_residents(designer):
    project = project_of(designer, variant("Buurtexpeditie", "Buurtexpeditie"))
    draft = first_draft(designer, project)
    residents = draft.parties.get(organisation__kind=Organisation.Kind.RESIDENTS)
    member = project.memberships.get(role=Membership.Role.PARTNER).user
    assert residents.representative == member
    assert residents.role == "Bewonersgroep"
    assert [p.role for p in draft.parties.order_by("order")] == [
        "Opdrachtgever",
        "Procesbegeleiding",
        "Bewonersgroep",
    ]


def test_without_partners_in_the_project_no_partner_commitments_appear(designer):
    v = variant("Buurtwerk", "Buurtwerk Basis")
    draft = first_draft(designer, project_of(designer, v, partner=False))
    assert draft.parties.count() == 2
    partner_texts = {text for _kind, text in suggested(v, Role.PARTNER)}
    assert not Commitment.objects.filter(party__version=draft, description__in=partner_texts)


def test_a_project_without_variant_gets_the_phase_list_and_no_commitments(designer):
    project = project_create(actor=designer, title="Los", client=OrganisationFactory())
    draft = first_draft(designer, project)
    assert draft.approach.startswith("1. Ontdekken")
    assert draft.principles == ""
    assert not Commitment.objects.filter(party__version=draft).exists()


def test_editing_the_suggestions_changes_new_drafts_not_existing_ones(designer):
    v = variant("Buurtexpeditie", "Buurtverkenning")
    existing = first_draft(designer, project_of(designer, v))
    before = commitments_by_party(existing)
    SuggestedCommitment.objects.filter(variant=v, party_role=Role.CLIENT).delete()
    SuggestedCommitment.objects.create(
        variant=v, party_role=Role.CLIENT, kind="place", description="Het buurthuis als basis."
    )
    v.default_principles = "Samen verantwoordelijk."
    v.save()
    fresh = first_draft(designer, project_of(designer, v))
    assert commitments_by_party(existing) == before
    assert commitments_by_party(fresh)[Organisation.Kind.MUNICIPALITY] == [
        ("place", "Het buurthuis als basis.")
    ]
    existing.refresh_from_db()
    assert existing.principles != fresh.principles == "Samen verantwoordelijk."


def test_the_confirmation_prints_the_variants_approach_without_repeating_the_phase_list():
    listed = approach_from_phases([("Ontdekken", "Luisteren."), ("Doen", "Samen doen.")])
    intro = "De Buurtexpeditie is één doorlopend traject."
    assert pdf._own_approach(f"{intro}\n\n{listed}", listed) == intro
    assert pdf._own_approach(listed, listed) == ""
    assert pdf._own_approach("Iets eigens.", listed) == "Iets eigens."
