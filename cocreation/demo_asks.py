"""Demo of what waits for someone (issue 13): on the Pleinen van de Oude Haven, a project still
in preparation, a first agreement has been proposed and awaits the client and De
Buurtontdekkers, so the demo client has something to agree to on their home page.

Made through the services; a project whose agreement has versions is left alone, so a second
`seed_demo` adds nothing.
"""

from django.test.utils import override_settings

from projects.models import Organisation, Project, User

from . import services
from .models import Agreement, Commitment, Party

OUDE_HAVEN = "pleinen-van-de-oude-haven"

AMBITION = (
    "De pleinen rond de Oude Haven worden weer plekken waar buren elkaar tegenkomen, "
    "ingericht met en door de bewoners zelf."
)
APPROACH = (
    "Ontdekken: gesprekken op en rond de pleinen. Ontwerpen: schetsen met bewoners. "
    "Doen: proefopstellingen. Verankeren: beheer door een bewonersgroep."
)
COMMITMENTS = {
    "client": [
        ("contact", "De gebiedsregisseur is vast aanspreekpunt."),
        ("budget", "Budget voor tijdelijke inrichting van één plein."),
    ],
    "own": [("time", "Twee buurtdesigners zijn elke week op de pleinen.")],
}


def seed_proposal() -> None:
    """Propose the Oude Haven's first agreement, unless it has versions already."""
    project = Project.objects.filter(slug=OUDE_HAVEN).first()
    client = User.objects.filter(email="client@example.org").first()
    designer = User.objects.filter(email="designer@example.org").first()
    own = Organisation.objects.filter(kind=Organisation.Kind.OWN).first()
    if None in (project, client, designer, own):
        return
    if Agreement.objects.filter(project=project, versions__isnull=False).exists():
        return
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        agreement = services.agreement_for(project)
        version = services.agreement_version_new_draft(actor=designer, agreement=agreement)
        version.parties.all().delete()
        version.ambition = AMBITION
        version.approach = APPROACH
        version.save()
        sides = [
            ("client", client.organisation, client, "Opdrachtgever"),
            ("own", own, None, "Procesbegeleiding"),
        ]
        for order, (key, organisation, person, role) in enumerate(sides):
            party = Party.objects.create(
                version=version,
                organisation=organisation,
                representative=person,
                role=role,
                order=order,
            )
            Commitment.objects.bulk_create(
                Commitment(party=party, kind=kind, description=text, order=i)
                for i, (kind, text) in enumerate(COMMITMENTS[key])
            )
        services.agreement_version_propose(actor=designer, version=version)
