"""What followed the demo agreements: check-ins with every commitment's status (one needing
attention, on the Parkkwartier) and a concern answered and one open for ten days, made by the
real services (cocreation.demo). So the Parkkwartier shows amber and the Vlinderbuurt green."""

import datetime

from django.utils import timezone

from projects.models import Project, User

from . import selectors, services
from .models import (
    Agreement,
    AgreementVersion,
    CheckIn,
    CommitmentReview,
    Concern,
    ConcernReply,
    Consent,
)

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
PARKKWARTIER = "thuis-in-het-parkkwartier"


ON_TRACK = CommitmentReview.Status.ON_TRACK
ATTENTION = CommitmentReview.Status.ATTENTION
DONE = CommitmentReview.Status.DONE

# Per project, oldest first; each check-in: attendees, notes, adjustments, and per kind of
# commitment (unique within these agreements) how it went. The last one lies a few weeks
# back, so the next one (the rhythm on from it) is still ahead.
CHECK_INS = {
    VLINDERBUURT: [
        (
            "Sanne Jansen (gemeente), Ria Bakker (bewonersgroep), Ben en Antonie",
            "Terugblik op de ontwerpfase: drie richtingen gekozen (ontmoeten, groen, jongeren). "
            "Bewoners willen snel iets zien gebeuren; de proefopstelling op het Vlinderplein "
            "hielp daarbij.",
            "",
            {
                "contact": (ON_TRACK, "Sanne reageerde steeds binnen een paar dagen."),
                "budget": (ON_TRACK, "De bewonersgroep schrijft de aanvraag voor het buurtbudget."),
                "energy": (ON_TRACK, "Zes bewoners in de werkgroep ontmoetingsplek."),
                "place": (ON_TRACK, "De tuin is twee keer gebruikt voor een ontwerpsessie."),
                "time": (ON_TRACK, "Elke week twee dagdelen in de buurt."),
            },
        ),
        (
            "Sanne Jansen (gemeente), Ria Bakker en twee leden van de bewonersgroep, Ben en Jorben",
            "De geveltuinen aan de Atalantastraat zijn geplant. Bewoners verdelen het water "
            "geven zelf. De vergunning voor de ontmoetingsplek duurt langer dan gedacht.",
            "De gemeente vraagt na wanneer de vergunning komt; de groep maakt intussen van "
            "de koffieochtend in buurthuis De Rups een wekelijkse ochtend.",
            {
                "contact": (ON_TRACK, ""),
                "budget": (DONE, "Het buurtbudget is toegekend; de bewonersgroep beheert het."),
                "energy": (ON_TRACK, "Twee nieuwe bewoners uit de flats sloten aan."),
                "place": (ON_TRACK, ""),
                "time": (ON_TRACK, ""),
            },
        ),
        (
            "Sanne Jansen (gemeente), Ria Bakker (bewonersgroep), Ben en Jorben",
            "De koffieochtend draait nu wekelijks en de groep bereidt de bewonersavond zelf "
            "voor. Er is spanning over wie er beslist; besproken in de coaching.",
            "Besluiten neemt de groep op de groepsbijeenkomst, niet in de app.",
            {
                "contact": (ON_TRACK, ""),
                "budget": (DONE, ""),
                "energy": (ON_TRACK, "De groep trekt de bewonersavond zelf."),
                "place": (DONE, "De tuin is vaste plek voor de zomerbijeenkomsten."),
                "time": (ON_TRACK, "Minder uren van ons, meer coaching op afstand."),
            },
        ),
        (
            "Sanne Jansen (gemeente), Ria Bakker (bewonersgroep), Ben, Jorben en Antonie",
            "Burendag werd gedragen door de bewonersgroep. Wel: steeds dezelfde drie "
            "trekkers doen het meeste werk, en dat houden ze niet vol.",
            "Bewoners kiezen voortaan elke twee maanden zelf het thema van de bijeenkomst; "
            "dat leggen we vast in een nieuwe versie van de afspraak.",
            {
                "contact": (ON_TRACK, "Sanne sluit aan bij de bijeenkomsten van de groep."),
                "budget": (DONE, ""),
                # On track again: the group shared the work out at this check-in, so the
                # Vlinderbuurt is the demo's green project (dashboard.health).
                "energy": (
                    ON_TRACK,
                    "Drie vaste trekkers deden veel; nu vragen we bij elke activiteit actief "
                    "nieuwe bewoners om één klus, en vier buren namen er al een.",
                ),
                "place": (DONE, ""),
                "time": (ON_TRACK, "We bouwen af richting de verankeringsfase."),
            },
        ),
    ],
    PARKKWARTIER: [
        (
            "Mehmet Yilmaz (Woonstichting Thuisbasis), de huismeester, Jorben",
            "De ideeën van de deur-aan-deurgesprekken gedeeld. Nieuwe huurders missen vooral "
            "een plek om binnen te lopen.",
            "",
            {
                "contact": (ON_TRACK, "De wijkbeheerder was bij twee bewonersavonden."),
                "place": (ON_TRACK, "De bedrijfsruimte aan de Eikenlaan is toegezegd."),
                "time": (ON_TRACK, ""),
            },
        ),
        (
            "Mehmet Yilmaz (Woonstichting Thuisbasis), drie bewoners van de Eikenlaan, Jorben "
            "en Ben",
            "De pop-up ruilwinkel trok veel nieuwe huurders. Twee bewoners willen hem "
            "maandelijks zelf draaien.",
            "",
            {
                "contact": (ON_TRACK, ""),
                "place": (ON_TRACK, "De ruilwinkel mag voorlopig in de bedrijfsruimte."),
                "time": (ON_TRACK, ""),
            },
        ),
        (
            "Mehmet Yilmaz (Woonstichting Thuisbasis), de huismeester, Jorben",
            "De ruilwinkel draaide voor het eerst zonder ons. Oude en nieuwe bewoners staan "
            "er samen achter de tafel.",
            "Jorben bouwt de coaching af naar eens per maand.",
            {
                "contact": (ON_TRACK, ""),
                "place": (ON_TRACK, ""),
                "time": (DONE, "De coaching van de ruilwinkel is afgerond."),
            },
        ),
        (
            "Mehmet Yilmaz (Woonstichting Thuisbasis), twee bewoners van de Eikenlaan, Jorben",
            "Begin van de verankering: wie neemt wat over als wij weg zijn? De ruilwinkel "
            "staat; de vaste ontmoetingsplek nog niet.",
            "De woonstichting geeft vóór het volgende reflectiemoment uitsluitsel over de "
            "bedrijfsruimte.",
            {
                "contact": (ON_TRACK, ""),
                "place": (
                    ATTENTION,
                    "De bedrijfsruimte is nog niet vast beschikbaar: de brandveiligheidskeuring "
                    "loopt nog. Bewoners vragen ernaar.",
                ),
                "time": (ON_TRACK, "Eén dagdeel per week, gericht op de overdracht."),
            },
        ),
    ],
}


def _check_in_dates(version: AgreementVersion, count: int) -> list[datetime.date]:
    """`count` check-in dates in the rhythm of `version`, oldest first, all on a Tuesday: the
    last one so far back that the next (a rhythm later) falls in the coming two weeks."""
    rhythm = datetime.timedelta(weeks=version.check_in_every_weeks)
    last = timezone.localdate() - rhythm + datetime.timedelta(days=10)
    last -= datetime.timedelta(days=(last.weekday() - 1) % 7)
    return [last - rhythm * i for i in reversed(range(count))]


def seed_check_ins() -> None:
    """Check-ins with every commitment's status, recorded by the real service, for each
    demo project with an agreed version and no check-ins yet."""
    designer = User.objects.filter(email="designer@example.org").first()
    for slug, meetings in CHECK_INS.items():
        project = Project.objects.filter(slug=slug).first()
        version = project and selectors.active_version(project)
        if version is None or CheckIn.objects.filter(agreement=version.agreement).exists():
            continue
        by_kind = {c.kind: c.pk for c in selectors.commitments_to_review(version)}
        dates = _check_in_dates(version, len(meetings))
        _date_back(version, dates)
        for day, (attendees, notes, adjustments, statuses) in zip(dates, meetings, strict=True):
            services.check_in_record(
                actor=designer,
                agreement=version.agreement,
                date=day,
                attendees=attendees,
                notes=notes,
                adjustments=adjustments,
                reviews={by_kind[kind]: review for kind, review in statuses.items()},
            )


def _date_back(version: AgreementVersion, dates: list[datetime.date]) -> None:
    """Date the agreement (seeded today) back to a rhythm before the first check-in, and a
    version proposed since to the days after the last one: the story the check-ins tell.
    Only timestamps change, never the content every party agreed to."""
    rhythm = datetime.timedelta(weeks=version.check_in_every_weeks)
    agreed = _at(dates[0] - rhythm)
    for later, moment in ((version, agreed), *_proposed_since(version, _at(dates[-1]))):
        AgreementVersion.objects.filter(pk=later.pk).update(
            created_at=moment - datetime.timedelta(days=6),
            proposed_at=moment - datetime.timedelta(days=5),
            **({"agreed_at": moment} if later.agreed_at else {}),
        )
        consents = list(later.consents.order_by("at", "id"))
        for i, consent in enumerate(consents):  # the last one made it agreed
            Consent.objects.filter(pk=consent.pk).update(
                at=moment - datetime.timedelta(hours=len(consents) - 1 - i)
            )
    Agreement.objects.filter(pk=version.agreement_id).update(
        created_at=agreed - datetime.timedelta(days=7)
    )


def _proposed_since(version: AgreementVersion, last: datetime.datetime) -> list:
    """The version proposed after `version`, if any, with the moment a week after `last`."""
    later = AgreementVersion.objects.filter(
        agreement_id=version.agreement_id, number__gt=version.number
    )
    return [(other, last + datetime.timedelta(days=7)) for other in later]


def _at(day: datetime.date) -> datetime.datetime:
    """Half past ten on `day`, or on the Friday before when it is a weekend."""
    day -= datetime.timedelta(days=max(0, day.weekday() - 4))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


# (project, who raises it, days ago, subject, body, reply or None: the open one)
CONCERNS = [
    (
        VLINDERBUURT,
        "client@example.org",
        33,
        "Waarom zien we minder activiteiten dan in het voorjaar?",
        "In de rapportage zie ik dat er de laatste maanden minder activiteiten zijn. Onze "
        "wethouder vraagt of het project nog op koers ligt. Kunnen jullie dat toelichten?",
        "Goede vraag, en fijn dat u hem stelt. Minder activiteiten van ons is hier juist een "
        "teken dat het werkt: de koffieochtend en de geveltuinen draaien nu op de bewoners "
        "zelf (zie de bewonersinitiatieven op het dashboard). Wij coachen meer en organiseren "
        "minder. Zullen we dit op het volgende reflectiemoment samen met de bewonersgroep aan "
        "de wethouder laten zien?",
    ),
    (
        PARKKWARTIER,
        "client2@example.org",
        10,  # open longer than a week: the Parkkwartier shows amber (dashboard.health)
        "Wat vertellen we bewoners over de ruimte aan de Eikenlaan?",
        "Bij de huismeester komen vragen binnen over de bedrijfsruimte. De keuring loopt nog "
        "en ik kan nog geen datum noemen. Hoe brengen we dat samen naar de bewoners, zonder "
        "dat de ruilwinkelgroep de moed verliest?",
        None,
    ),
]


def seed_concerns() -> None:
    """One concern answered and closed, one still open, through the real services; dated
    back to when they were raised. Skips a project that has concerns already."""
    designer = User.objects.filter(email="designer@example.org").first()
    now = timezone.now()
    for slug, email, days_ago, subject, body, answer in CONCERNS:
        project = Project.objects.filter(slug=slug).first()
        person = User.objects.filter(email=email).first()
        if project is None or person is None or project.concerns.exists():
            continue
        raised = now - datetime.timedelta(days=days_ago)
        raised -= datetime.timedelta(days=max(0, raised.weekday() - 4))  # not on a weekend
        concern = services.concern_raise(actor=person, project=project, subject=subject, body=body)
        Concern.objects.filter(pk=concern.pk).update(created_at=raised)
        if answer is None:
            continue
        reply = services.concern_reply(actor=designer, concern=concern, body=answer)
        services.concern_close(actor=designer, concern=concern)
        answered = raised + datetime.timedelta(days=1, hours=3)
        ConcernReply.objects.filter(pk=reply.pk).update(created_at=answered)
        closed = answered + datetime.timedelta(hours=2)
        Concern.objects.filter(pk=concern.pk).update(closed_at=closed)
