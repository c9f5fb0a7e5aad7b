"""Demo continuation decisions for `seed_demo`: every phase of the Vlinderbuurt and the
Parkkwartier that has ended got a decision to continue, with its reasons. The young Singelhof
project (projects/demo.py) gets none: its first phase ended without a decision, so the guard
shows it in red. Running it twice adds nothing."""

import datetime

from django.utils import timezone

from projects.models import Project, User

from . import services
from .continuation import deciding_parties
from .models import ContinuationDecision

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
PARKKWARTIER = "thuis-in-het-parkkwartier"
REASONS = [
    "De verkenning leverde genoeg contacten en vragen op om samen met bewoners te gaan "
    "ontwerpen; alle partijen herkennen zich nog in de gedeelde ambitie.",
    "De ontwerpen zijn door bewoners zelf gemaakt en er is energie om ze uit te voeren; de "
    "inzet van elke partij blijft zoals afgesproken.",
    "De eerste initiatieven lopen; bewoners willen ze zelf voortzetten, dus werken we toe naar "
    "verankering.",
]


def seed_decisions() -> None:
    """Decide on the ended phases of the running demo projects (see the module's text)."""
    designer = User.objects.filter(email="designer@example.org").first()
    if designer is None:
        return
    today = timezone.localdate()
    for slug in (VLINDERBUURT, PARKKWARTIER):
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            continue
        ended = [
            p for p in project.phases.order_by("order", "id") if p.end_date and p.end_date < today
        ]
        parties = None
        for i, phase in enumerate(ended):
            if ContinuationDecision.objects.filter(phase=phase).exists():
                continue
            if parties is None:
                parties = [
                    {
                        "organisation": organisation,
                        "agreed": True,
                        "decided_by": speaker or designer.name,
                    }
                    for organisation, _role, speaker in deciding_parties(project)
                ]
            services.continuation_decision_record(
                actor=designer,
                phase=phase,
                outcome=ContinuationDecision.Outcome.CONTINUE,
                reason=REASONS[i % len(REASONS)],
                decided_on=max(
                    phase.start_date or phase.end_date, phase.end_date - datetime.timedelta(days=9)
                ),
                parties=parties,
            )
