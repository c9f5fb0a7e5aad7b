"""Demo substantiation for `seed_demo`: in the Vlinderbuurt a resident confirmed an outcome, a
partner confirmed another one in part, and the neighbourhood police officer has yet to answer.

Made through impact.substantiation (the mail goes to the in-memory outbox, never out); the
moments are then set relative to today. A project that has a request already is left alone, so
running it twice adds nothing.
"""

import datetime

from django.test import override_settings
from django.utils import timezone

from core.links import link_token
from projects.models import Project, User

from . import substantiation
from .models import ImpactEntry, SubstantiationRequest
from .models.substantiation import LINK_PURPOSE, POINTS

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
DESIGNER = "designer@example.org"

# (entry title, name, e-mail, role, days ago asked, answer or None)
# An answer: (days ago answered, {point: (verdict, remark)}, name, role).
REQUESTS = [
    (
        "Buren aan de Atalantastraat onderhouden samen hun geveltuinen",
        "Fatima el Amrani",
        "fatima.elamrani@example.org",
        "resident",
        24,
        (
            20,
            {
                "description": ("agrees", "Elke zaterdag staan we er met z'n zessen."),
                "significance": ("agrees", ""),
                "contribution": ("agrees", "Zonder de eerste plantdag was het niet begonnen."),
            },
            "Fatima el Amrani",
            "bewoner Atalantastraat",
        ),
    ),
    (
        "De bewonersgroep vroeg zelf het wijkbudget aan, en kreeg het",
        "Ria Bakker",
        "partner@example.org",
        "partner",
        18,
        (
            15,
            {
                "description": ("agrees", ""),
                "significance": ("agrees", ""),
                "contribution": (
                    "partly",
                    "De aanvraag schreven we zelf; jullie hielpen vooral met de begroting.",
                ),
            },
            "Ria Bakker",
            "voorzitter bewonersgroep De Vlinderbuurt",
        ),
    ),
    (
        "Jongeren en omwonenden maakten samen afspraken over het Vlinderplein",
        "Wijkagent Vlinderbuurt",
        "wijkagent@example.org",
        "other",
        5,
        None,
    ),
]


def seed_demo() -> None:
    """Add the demo requests to the Vlinderbuurt, once."""
    project = Project.objects.filter(slug=VLINDERBUURT).first()
    designer = User.objects.filter(email=DESIGNER).first()
    if project is None or designer is None:
        return
    if SubstantiationRequest.objects.filter(entry__project=project).exists():
        return
    now = timezone.now()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for title, name, email, role, asked_days, answer in REQUESTS:
            entry = ImpactEntry.objects.filter(project=project, title=title).first()
            if entry is None:
                continue
            asked = substantiation.request_substantiation(
                actor=designer, entry=entry, name=name, email=email, role=role
            )
            moments = {"asked_at": now - datetime.timedelta(days=asked_days)}
            if answer is not None:
                answered_days, points, answer_name, answer_role = answer
                substantiation.answer_substantiation(
                    token=link_token(LINK_PURPOSE, asked.pk),
                    answers={point: points[point] for point, _question in POINTS},
                    answer_name=answer_name,
                    answer_role=answer_role,
                )
                moments["answered_at"] = now - datetime.timedelta(days=answered_days)
            SubstantiationRequest.objects.filter(pk=asked.pk).update(**moments)
