"""Demo data for `manage.py seed_demo`: De Buurtontdekkers, two clients, a residents' group.

Every step looks up before it creates, so running it twice changes nothing.
"""

from .models import Membership, Organisation, Project, User

DEMO_PASSWORD = "buurt-demo"  # noqa: S105 - published demo password, refused in production


def _user(email, name, role, organisation, **extra):
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"name": name, "role": role, "organisation": organisation, **extra},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed_demo() -> list[tuple[str, str]]:
    """Create (or find) the demo world; return the log-ins to print."""
    own, _ = Organisation.objects.get_or_create(
        name="De Buurtontdekkers", defaults={"kind": Organisation.Kind.OWN}
    )
    municipality, _ = Organisation.objects.get_or_create(
        name="Gemeente Rivierenland-Oost",
        defaults={"kind": Organisation.Kind.MUNICIPALITY, "email": "wijken@example.org"},
    )
    housing, _ = Organisation.objects.get_or_create(
        name="Woonstichting Thuisbasis",
        defaults={"kind": Organisation.Kind.HOUSING, "email": "leefbaarheid@example.org"},
    )
    residents, _ = Organisation.objects.get_or_create(
        name="Bewonersgroep De Vlinderbuurt",
        defaults={"kind": Organisation.Kind.RESIDENTS},
    )

    admin = _user(
        "admin@example.org",
        "Antonie (beheer)",
        User.Role.ADMIN,
        own,
        is_staff=True,
        is_superuser=True,
    )
    ben = _user("designer@example.org", "Ben", User.Role.DESIGNER, own)
    jorben = _user("jorben@example.org", "Jorben", User.Role.DESIGNER, own)
    antonie = _user("antonie@example.org", "Antonie", User.Role.DESIGNER, own)
    client = _user("client@example.org", "Sanne Jansen", User.Role.EXTERNAL, municipality)
    client2 = _user("client2@example.org", "Mehmet Yilmaz", User.Role.EXTERNAL, housing)
    partner = _user("partner@example.org", "Ria Bakker", User.Role.EXTERNAL, residents)

    projects = [
        (
            "vlinderbuurt-samen-aan-zet",
            "De Vlinderbuurt samen aan zet",
            municipality,
            Project.Status.ACTIVE,
            [(client, "client"), (partner, "partner")],
        ),
        (
            "pleinen-van-de-oude-haven",
            "Pleinen van de Oude Haven",
            municipality,
            Project.Status.PROSPECT,
            [(client, "client")],
        ),
        (
            "thuis-in-het-parkkwartier",
            "Thuis in het Parkkwartier",
            housing,
            Project.Status.ACTIVE,
            [(client2, "client")],
        ),
    ]
    for slug, title, org, status, externals in projects:
        project, _ = Project.objects.get_or_create(
            slug=slug, defaults={"title": title, "client": org, "status": status}
        )
        for person, role in [(ben, "designer"), (jorben, "designer"), (antonie, "designer")]:
            Membership.objects.get_or_create(user=person, project=project, defaults={"role": role})
        for person, role in externals:
            Membership.objects.get_or_create(user=person, project=project, defaults={"role": role})

    return [
        (admin.email, "beheerder"),
        (ben.email, "buurtdesigner"),
        (client.email, f"opdrachtgever, {municipality.name}"),
        (client2.email, f"opdrachtgever, {housing.name}"),
        (partner.email, f"partner, {residents.name}"),
    ]
