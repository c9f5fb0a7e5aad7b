"""What the first draft of a project's agreement starts with: the project's question, its
whole trajectory, its service variant's approach and principles, and as parties the client,
De Buurtontdekkers and the project's partners, each with what the variant suggests a party
in that role commits to. Defaults only: the draft is edited before anyone agrees to it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from projects.models import Membership, Organisation, Project, User

from ..models import SuggestedCommitment

Role = SuggestedCommitment.PartyRole


@dataclass
class DraftParty:
    """A party of the first draft, with the commitments suggested for its role."""

    organisation: Organisation
    representative: User | None
    role: str  # as the agreement names it, such as "Opdrachtgever"
    commitments: list[tuple[str, str]] = field(default_factory=list)  # (kind, description)


def approach_from_phases(phases) -> str:
    """The approach a first draft starts with: the phases, numbered, each with its
    description. `phases`: (name, description) pairs in order."""
    return "\n".join(
        f"{i}. {name}" + (f": {description}" if description else "")
        for i, (name, description) in enumerate(phases, start=1)
    )


def first_draft_approach(project: Project) -> str:
    """The variant's approach text, then the project's phases as `approach_from_phases`."""
    phases = project.phases.order_by("order", "id")
    listed = approach_from_phases((phase.name, phase.description) for phase in phases)
    intro = project.variant.default_approach.strip() if project.variant else ""
    return f"{intro}\n\n{listed}" if intro and listed else intro or listed


def _contact(project: Project, role: str, organisation: Organisation) -> User | None:
    return (
        User.objects.filter(
            memberships__project=project, memberships__role=role, organisation=organisation
        )
        .order_by("pk")
        .first()
    )


def _partner_organisations(project: Project, taken: set[int]) -> list[Organisation]:
    """The organisations of the project's partner members, in the order they joined; not
    the client's or our own (`taken`)."""
    seen: dict[int, Organisation] = {}
    memberships = (
        Membership.objects.filter(
            project=project, role=Membership.Role.PARTNER, user__organisation__isnull=False
        )
        .select_related("user__organisation")
        .order_by("added_at", "pk")
    )
    for membership in memberships:
        organisation = membership.user.organisation
        if organisation.pk not in taken:
            seen.setdefault(organisation.pk, organisation)
    return list(seen.values())


def _suggestions(project: Project) -> dict[str, list[tuple[str, str]]]:
    """The variant's suggested commitments by party role."""
    by_role: dict[str, list[tuple[str, str]]] = {}
    if project.variant_id is None:
        return by_role
    rows = SuggestedCommitment.objects.filter(variant_id=project.variant_id).order_by("order", "id")
    for row in rows:
        by_role.setdefault(row.party_role, []).append((row.kind, row.description))
    return by_role


def first_draft_parties(project: Project) -> list[DraftParty]:
    """The client (with its first contact in the project), De Buurtontdekkers, and each
    partner organisation of the project, with the commitments suggested for their role."""
    suggested = _suggestions(project)
    client = project.client
    parties = [
        DraftParty(
            client,
            _contact(project, Membership.Role.CLIENT, client),
            _("Opdrachtgever"),
            suggested.get(Role.CLIENT, []),
        )
    ]
    own = Organisation.objects.filter(kind=Organisation.Kind.OWN).order_by("pk").first()
    if own is not None:
        parties.append(DraftParty(own, None, _("Procesbegeleiding"), suggested.get(Role.OWN, [])))
    taken = {client.pk, *([own.pk] if own else [])}
    for organisation in _partner_organisations(project, taken):
        residents = organisation.kind == Organisation.Kind.RESIDENTS
        parties.append(
            DraftParty(
                organisation,
                _contact(project, Membership.Role.PARTNER, organisation),
                _("Bewonersgroep") if residents else _("Partner"),
                suggested.get(Role.PARTNER, []),
            )
        )
    return parties


def first_draft_content(project: Project) -> tuple[dict, list[DraftParty]]:
    """The first draft's text fields and its parties."""
    principles = project.variant.default_principles.strip() if project.variant else ""
    fields = {
        "question": project.question,
        "approach": first_draft_approach(project),
        "principles": principles,
    }
    return fields, first_draft_parties(project)
