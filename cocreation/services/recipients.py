"""Who hears of a change in a project: its external contacts and its designers."""

from django.db.models import Q

from projects.models import Membership, Organisation, Project, User


def external_contacts(project: Project) -> list[str]:
    """The e-mail addresses of the project's active client and partner contacts."""
    return list(
        User.objects.filter(
            memberships__project=project,
            memberships__role__in=[Membership.Role.CLIENT, Membership.Role.PARTNER],
            is_active=True,
        ).values_list("email", flat=True)
    )


def designer_addresses(project: Project) -> list[str]:
    """The project's designers' addresses; every active designer when it has none yet."""
    team = User.objects.filter(
        memberships__project=project, memberships__role=Membership.Role.DESIGNER, is_active=True
    )
    if not team.exists():
        team = User.objects.filter(role=User.Role.DESIGNER, is_active=True)
    return list(team.values_list("email", flat=True))


def party_contacts(version) -> list[str]:
    """The addresses of the partner contacts of `version`'s parties besides the client and the
    firm: the project's partner members who represent such a party or belong to its
    organisation (the same people cocreation.rules lets read the copy without the money)."""
    project = version.agreement.project
    parties = version.parties.exclude(organisation_id=project.client_id).exclude(
        organisation__kind=Organisation.Kind.OWN
    )
    return list(
        User.objects.filter(
            Q(pk__in=parties.values("representative"))
            | Q(organisation__in=parties.values("organisation")),
            memberships__project=project,
            memberships__role=Membership.Role.PARTNER,
            is_active=True,
        ).values_list("email", flat=True)
    )
