"""Demo of what waits for someone (issue 13): on the Pleinen van de Oude Haven, a project still
in preparation, a first agreement has been proposed and awaits the client and De
Buurtontdekkers, so the demo client has something to agree to on their home page.

Made through the services; a project whose agreement has versions is left alone, so a second
`seed_demo` adds nothing.
"""

from django.test.utils import override_settings

from projects.models import Project, User

from . import services
from .models import Agreement

OUDE_HAVEN = "pleinen-van-de-oude-haven"

AMBITION = (
    "De pleinen rond de Oude Haven worden weer plekken waar buren elkaar tegenkomen, "
    "ingericht met en door de bewoners zelf."
)


def seed_proposal() -> None:
    """Propose the Oude Haven's first agreement, unless it has versions already."""
    project = Project.objects.filter(slug=OUDE_HAVEN).first()
    client = User.objects.filter(email="client@example.org").first()
    designer = User.objects.filter(email="designer@example.org").first()
    if None in (project, client, designer):
        return
    if Agreement.objects.filter(project=project, versions__isnull=False).exists():
        return
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        agreement = services.agreement_for(project)
        version = services.agreement_version_new_draft(actor=designer, agreement=agreement)
        # The draft starts from the variant's template (approach, parties, suggested
        # commitments); the ambition is the project's own.
        version.ambition = AMBITION
        version.save()
        services.agreement_version_propose(actor=designer, version=version)
