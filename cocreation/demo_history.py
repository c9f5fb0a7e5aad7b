"""A demo agreement with a history (issue 16 §3): on the Parkkwartier every party agreed a
second version a week after the last check-in, so a day before that shows version 1 on the
agreement page ("Wat spraken we af op …?") and the progress report's link to it.

Made through the real services, then dated back like the check-ins (demo_follow_up); only
timestamps change, never the content the parties agreed to. Run after `seed_check_ins` and
before `seed_confirmations` (the confirmation then confirms version 2). Running it twice
changes nothing: an agreement with more than one version is left alone.
"""

import datetime

from django.db.models import Max

from projects.models import Project, User

from . import selectors, services
from .demo_follow_up import PARKKWARTIER, _at
from .models import AgreementVersion, CheckIn, Consent

# What the third check-in adjusted, written into the agreement.
PRINCIPLE = (
    " Sinds de ruilwinkel op bewoners zelf draait, coacht De Buurtontdekkers eens per maand."
)


def seed_later_version() -> None:
    """Agree a second version of the Parkkwartier's agreement a week after its last check-in."""
    project = Project.objects.filter(slug=PARKKWARTIER).first()
    first = project and selectors.active_version(project)
    designer = User.objects.filter(email="designer@example.org").first()
    if first is None or designer is None or first.agreement.versions.count() > 1:
        return
    last = CheckIn.objects.filter(agreement=first.agreement).aggregate(last=Max("date"))["last"]
    if last is None:
        return
    second = services.agreement_version_new_draft(actor=designer, agreement=first.agreement)
    second.principles += PRINCIPLE
    second.save()
    second = services.agreement_version_propose(actor=designer, version=second)
    for party in second.parties.all():
        services.consent_to(
            actor=party.representative or designer,
            version=second,
            party=party,
            content_hash=second.content_hash,
        )
    _date_back(second, _at(last + datetime.timedelta(days=7)))


def _date_back(version: AgreementVersion, agreed: datetime.datetime) -> None:
    AgreementVersion.objects.filter(pk=version.pk).update(
        created_at=agreed - datetime.timedelta(days=3),
        proposed_at=agreed - datetime.timedelta(days=2),
        agreed_at=agreed,
    )
    consents = list(version.consents.order_by("at", "id"))
    for i, consent in enumerate(consents):  # the last one made it agreed
        Consent.objects.filter(pk=consent.pk).update(
            at=agreed - datetime.timedelta(hours=len(consents) - 1 - i)
        )
