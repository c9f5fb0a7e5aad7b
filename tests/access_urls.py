"""Every URL pattern of the site, and a real URL for each, built from one project's objects.

Used by the access matrix (tests/test_access_matrix.py). `url_patterns()` walks the resolver,
so a view added tomorrow is listed without anyone touching this file; `build_url()` refuses a
pattern whose arguments it does not know, so that view cannot slip past the matrix untested.
"""

import io
from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from cocreation import services as cocreation_services
from impact.models import ImpactPhoto
from projects.models import ActivityPhoto, Organisation

from . import factories
from .trainings.builders import build_training

ADMIN_PREFIX = "beheer/"
SKIPPED_PREFIXES = ("static/", "media/")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its qualified name ("impact:detail"), or its route when unnamed."""

    key: str
    name: str | None
    route: str
    arguments: tuple[str, ...]


def _walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, tuple(pattern.pattern.converters)


def url_patterns() -> list[Route]:
    """Every pattern of our apps, the auth and i18n views, healthz and the favicon; of the
    Django admin only its index."""
    routes = {}
    for route, name, arguments in _walk(get_resolver()):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if route.startswith(ADMIN_PREFIX) and name != "admin:index":
            continue
        key = name or route
        # django.contrib.auth.urls repeats "login" behind our own login view; the first wins.
        routes.setdefault(key, Route(key, name, route, arguments))
    return list(routes.values())


# ---- the objects a URL is built from ----------------------------------------------------------

# Which object a route's `pk` stands for; the attribute of the namespace `build_objects` returns.
PK_OBJECT = {
    "projects:member_remove": "membership",
    "projects:activity_detail": "activity",
    "projects:activity_edit": "activity",
    "projects:activity_delete": "activity",
    "projects:activity_photo": "activity_photo",
    "impact:detail": "entry",
    "impact:edit": "entry",
    "impact:significant": "entry",
    "impact:consent_withdraw": "entry",
    "impact:photo": "entry",
    "impact:substantiation_request": "entry",
    "impact:initiative_detail": "initiative",
    "impact:ownership_add": "initiative",
    "cocreation:check_in": "check_in",
    "cocreation:concern": "concern",
    "cocreation:concern_close": "concern",
    "cocreation:pulse_answer": "pulse",
    "dashboard:report_download": "report",
    "trainings:session_edit": "session",
    "trainings:attendance": "session",
}
# Training certificates (issue 17 §5): the ready certificate of `certificate_objects`.
PK_OBJECT |= {
    "trainings:certificate_download": "certificate",
    "trainings:certificate_send": "certificate",
    "trainings:assignment": "learner",
    "trainings:assignment_ask": "learner",
    "trainings:participant_remove": "removable_participant",
}
# Routes whose `number` is an order confirmation's number ("OB-2026-0001").
CONFIRMATION_ROUTES = {"cocreation:confirmation_download", "cocreation:confirmation_retry"}
# Routes whose `number` is the open draft; every other `number` is the agreed version.
DRAFT_ROUTES = {"cocreation:version_edit"}


class CannotBuild(Exception):
    """A pattern with an argument this module does not know how to fill."""


def build_url(route: Route, objects: SimpleNamespace) -> str:
    kwargs = {}
    for argument in route.arguments:
        if argument == "slug" and route.key.startswith("trainings:"):
            kwargs["slug"] = objects.training.slug  # the trainings' pages: a training's slug
        elif argument == "slug":
            kwargs["slug"] = objects.project.slug
        elif argument == "pk" and route.key in PK_OBJECT:
            kwargs["pk"] = getattr(objects, PK_OBJECT[route.key]).pk
        elif argument == "number" and route.key in CONFIRMATION_ROUTES:
            kwargs["number"] = objects.confirmation.number
        elif argument == "number":
            version = objects.draft if route.key in DRAFT_ROUTES else objects.agreed
            kwargs["number"] = version.number
        elif argument == "phase":
            kwargs["phase"] = objects.phase.pk
        elif argument == "photo_pk" and route.key == "impact:photo":
            kwargs["photo_pk"] = objects.entry_photo.pk
        elif argument in {"uidb64", "token"} and route.key == "password_reset_confirm":
            kwargs[argument] = objects.reset[argument]
        elif argument == "token" and route.key == "impact:digest_unsubscribe":
            kwargs["token"] = objects.digest_token
        elif argument == "token" and route.key == "cocreation:pulse_link":
            kwargs["token"] = objects.pulse_token
        elif argument == "token" and route.key == "cocreation:pulse_opt_out":
            kwargs["token"] = objects.pulse_opt_out_token
        elif argument == "token" and route.key == "impact:substantiation_answer":
            kwargs["token"] = objects.substantiation_token
        elif argument == "token" and route.key == "trainings:evaluate":
            kwargs["token"] = objects.evaluation_token
        elif argument == "token" and route.key == "trainings:reflect":
            kwargs["token"] = objects.reflection_token
        elif argument == "token" and route.key == "trainings:register":
            kwargs["token"] = objects.registration_token
        else:
            raise CannotBuild(f"{route.key} ({route.route}): no value for <{argument}>")
    if route.name is None:
        if kwargs:
            raise CannotBuild(f"{route.route}: unnamed and with arguments")
        return "/" + route.route
    return reverse(route.name, kwargs=kwargs)


def _jpeg(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "orange").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _ready_confirmation(version, sequence: int, prefix: str):
    """An order confirmation whose PDF is ready, as the worker leaves it."""
    from django.core.files.base import ContentFile

    from cocreation.models import ConfirmationCopy, OrderConfirmation

    pdf = f"%PDF-1.4 {prefix} opdrachtbevestiging".encode()
    confirmation = OrderConfirmation.objects.create(
        project=version.agreement.project,
        version=version,
        year=2026,
        sequence=sequence,
        number=OrderConfirmation.format_number(2026, sequence),
        snapshot={"ambition": version.ambition},
        fee="4800.00",
        hours=60,
        term_weeks=12,
        status=OrderConfirmation.Status.READY,
        pdf=ContentFile(pdf, name="ob.pdf"),
        sha256="0" * 64,
    )
    ConfirmationCopy.objects.create(  # what the partner reads: without the money
        confirmation=confirmation,
        status=ConfirmationCopy.Status.READY,
        pdf=ContentFile(pdf, name="ob-partijen.pdf"),
        sha256="1" * 64,
    )
    return confirmation


def _ready_report(project, requested_by, prefix: str):
    """A progress report of `requested_by` whose PDF is ready, as the worker leaves it."""
    import datetime

    from django.core.files.base import ContentFile

    from dashboard.models import ProgressReport

    report = ProgressReport.objects.create(
        project=project,
        requested_by=requested_by,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    report.pdf.save("r.pdf", ContentFile(f"%PDF-1.4 {prefix} rapportage".encode()), save=False)
    report.status = ProgressReport.Status.READY
    report.sha256 = "0" * 64
    report.save()
    return report


def _substantiation_token(project, designer) -> str:
    """The link of an open request to confirm an entry. Its page is public to whoever holds the
    link, so the entry carries none of the words the leak check searches for."""
    from core.links import link_token
    from impact.models.substantiation import LINK_PURPOSE

    entry = factories.ImpactEntryFactory(
        project=project, title="Een bankje erbij", description="Buren zitten er vaak."
    )
    asked = entry.substantiation_requests.create(
        name="Fatima", email="fatima@example.org", role="resident", asked_by=designer
    )
    return link_token(LINK_PURPOSE, asked.pk)


def certificate_objects(project, prefix: str) -> dict:
    """A participant of `project` (of the client's organisation) with a ready certificate of
    participation, as the worker leaves it."""
    from django.core.files.base import ContentFile

    from trainings.models import Certificate, Participant

    participant = Participant.objects.create(
        project=project,
        name=f"{prefix} deelnemer",
        email=f"{prefix.lower()}@example.org",
        organisation=project.client,
    )
    certificate = Certificate(participant=participant, status=Certificate.Status.READY)
    certificate.sha256 = "0" * 64
    certificate.save()
    certificate.pdf.save("d.pdf", ContentFile(f"%PDF-1.4 {prefix} deelnamebewijs".encode()))
    return {"certificate": certificate}


def _participants_objects(project, designer, prefix: str) -> dict:
    """A participant of the client's organisation, and the token of the open registration link
    (trainings: participants and self-registration)."""
    from trainings.models import Participant
    from trainings.services import participants as participant_services

    participant = Participant.objects.create(
        project=project,
        name=f"{prefix} verwijderbaar",
        email=f"{prefix.lower()}.weg@example.org",
        organisation=project.client,
    )
    registration = participant_services.registration_open(actor=designer, project=project)
    return {
        "removable_participant": participant,
        "registration_token": participant_services.registration_token(registration),
    }


def _learning_objects(project, prefix: str) -> dict:
    """A participant of the trajectory with a practice assignment awaiting reflection, and the
    links of their open final evaluation and reflection (issue 17 §4)."""
    from core.links import link_token
    from trainings.models import Evaluation, Participant, PracticeAssignment

    participant = Participant.objects.create(
        project=project, name=f"{prefix} Sanne", email=f"sanne.{project.pk}@example.org"
    )
    evaluation = Evaluation.objects.create(participant=participant)
    assignment = PracticeAssignment.objects.create(
        participant=participant, description="Drie buren aanspreken"
    )
    return {
        "learner": participant,
        "evaluation_token": link_token("evaluation", evaluation.pk),
        "reflection_token": link_token("assignment", assignment.pk),
    }


def build_objects(
    *, project, client, designer, partner=None, prefix: str, sequence: int
) -> SimpleNamespace:
    """One of everything a project URL can point at, the text of each starting with `prefix`
    so that a response can be searched for it: an activity with a photo, a shared impact entry
    with a photo, an initiative, a phase without a continuation decision, an agreed version
    and an open draft, a check-in, a concern, a ready order confirmation (number `sequence` of
    2026), a ready progress report of the client; and a training trajectory of the same client
    with a session and a participant (`training`, `session`, `participant`)."""
    activity = factories.ActivityFactory(project=project, title=f"{prefix} straatgesprek")
    activity_photo = ActivityPhoto.objects.create(activity=activity, image=_jpeg("a.jpg"))
    entry = factories.ImpactEntryFactory(
        project=project, title=f"{prefix} buren groeten", description=f"{prefix} op het plein"
    )
    entry_photo = ImpactPhoto.objects.create(entry=entry, image=_jpeg("i.jpg"))
    initiative = factories.InitiativeFactory(project=project, title=f"{prefix} moestuin")
    phase = factories.PhaseFactory(project=project, name=f"{prefix} fase")  # undecided
    factories.OwnershipStepFactory(initiative=initiative)

    own, _ = Organisation.objects.get_or_create(
        name="De Buurtontdekkers", defaults={"kind": Organisation.Kind.OWN}
    )
    agreement = factories.AgreementFactory(project=project)
    agreed = factories.AgreementVersionFactory(
        agreement=agreement, number=1, ambition=f"{prefix} ambitie"
    )
    speakers = [(project.client, client, "Opdrachtgever"), (own, designer, "Procesbegeleiding")]
    if partner is not None:
        speakers.append((partner.organisation, partner, "Bewonersgroep"))
    parties = []
    for order, (organisation, person, role) in enumerate(speakers):
        party = factories.PartyFactory(
            version=agreed,
            organisation=organisation,
            representative=None if person is designer else person,
            role=role,
            order=order,
        )
        factories.CommitmentFactory(party=party, description=f"{prefix} inzet {order}")
        parties.append((party, person))
    agreed = cocreation_services.agreement_version_propose(actor=designer, version=agreed)
    for party, person in parties:
        cocreation_services.consent_to(
            actor=person, version=agreed, party=party, content_hash=agreed.content_hash
        )
    agreed.refresh_from_db()
    check_in = cocreation_services.check_in_record(
        actor=designer,
        agreement=agreement,
        date=agreed.agreed_at.date(),
        attendees=f"{prefix} aanwezigen",
    )
    draft = cocreation_services.agreement_version_new_draft(actor=designer, agreement=agreement)
    draft_party = draft.parties.order_by("order").first()
    concern = factories.ConcernFactory(
        project=project, raised_by=client, subject=f"{prefix} vraag over de planning"
    )
    from cocreation.services import pulse as pulse_services
    from impact.digest import unsubscribe_token

    pulse = pulse_services.pulse_invite(
        project=project,
        user=client,
        period=pulse_services.period_start(agreed.agreed_at.date(), 4),
    )
    # A Buurtwerk trajectory of the same client (and partner): the trainings' pages. Other
    # parts of the trainings add what their URLs point at to `training_objects`.
    training_objects = build_training(client, partner, prefix=prefix)
    return SimpleNamespace(
        training=training_objects.project,
        session=training_objects.session,
        participant=training_objects.participant,
        **_participants_objects(training_objects.project, designer, prefix),
        pulse=pulse,
        pulse_token=pulse_services.pulse_token(pulse),
        pulse_opt_out_token=pulse_services.opt_out_token(client),
        project=project,
        digest_token=unsubscribe_token(client),
        substantiation_token=_substantiation_token(project, designer),
        membership=project.memberships.get(user=client),
        activity=activity,
        activity_photo=activity_photo,
        entry=entry,
        entry_photo=entry_photo,
        initiative=initiative,
        phase=phase,
        agreed=agreed,
        draft=draft,
        draft_party=draft_party,
        draft_commitment=draft_party.commitments.first(),
        check_in=check_in,
        concern=concern,
        confirmation=_ready_confirmation(agreed, sequence, prefix),
        report=_ready_report(project, client, prefix),
        **certificate_objects(training_objects.project, prefix),
        reset={
            "uidb64": urlsafe_base64_encode(force_bytes(client.pk)),
            "token": default_token_generator.make_token(client),
        },
        **_learning_objects(training_objects.project, prefix),
    )
