"""Who hears of a change in a project: its external contacts and its designers."""

from projects.models import Membership, Project, User


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
