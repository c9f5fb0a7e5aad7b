"""Demo impact for `seed_demo`: what changed in the Vlinderbuurt and the Parkkwartier.

Shared and internal entries linked to the activities and the commitments that contributed, a
resident who withdrew consent, the team's most significant changes with their reasons, and
resident initiatives whose ownership grew step by step; all made by the services of this app,
so the data is what the product itself would store. Dates are relative to the phases of each
project and never in the future. A project that has entries (or initiatives) is left alone, so
running it twice changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from cocreation.selectors import agreed_commitments
from projects.models import Activity, Project, Theme, User

from . import demo_substantiation, services
from .models import ConsentMethod, ConsentScope, ImpactEntry, OwnershipStep, Visibility

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
PARKKWARTIER = "thuis-in-het-parkkwartier"
DISCOVER, DESIGN, DO, ANCHOR = range(4)

K = ImpactEntry.Kind
L = OwnershipStep.Level
SHARED, INTERNAL = Visibility.SHARED, Visibility.INTERNAL


@dataclass(frozen=True)
class EntrySpec:
    """One entry of the demo log. `at` is (phase, days into it); `activities` are words of the
    titles of the activities that contributed; `commitments` kinds of the agreed commitments."""

    kind: str
    title: str
    at: tuple[int, int]
    description: str
    for_whom: str
    location: str
    significance: str
    contribution: str
    themes: tuple[str, ...]
    activities: tuple[str, ...]
    visibility: str = SHARED
    commitments: tuple[str, ...] = ()
    substantiated_by: str = ""
    consent: tuple[str, str] | None = None  # (method, scope) for a resident's words or image
    withdrawn: str = ""  # the note when the resident later withdrew consent
    significant: str = ""  # the team's reason when chosen as most significant …
    period: tuple[tuple[int, int], tuple[int, int]] | None = None  # … for this, else its phase
    by: str = "designer@example.org"


@dataclass(frozen=True)
class InitiativeSpec:
    title: str
    description: str
    steps: list[tuple[tuple[int, int], int, str]] = field(default_factory=list)  # (at, level, why)


COHESION, LIVEABILITY, ECONOMY, OWNERSHIP = (
    "Sociale samenhang",
    "Leefbaarheid",
    "Buurteconomie",
    "Eigenaarschap bewoners",
)
# fmt: off
ENTRIES = {
    VLINDERBUURT: [
        EntrySpec(
            K.SIGNAL, "Bewoners missen een plek om elkaar tegen te komen", (DISCOVER, 30),
            "In bijna elk straatgesprek kwam het terug: sinds de bibliotheek dicht is, is er "
            "geen plek meer waar je vanzelf buren tegenkomt.",
            "Ouderen en ouders met jonge kinderen", "Winkelcentrum De Vlinder",
            "Het vraagstuk in de woorden van bewoners zelf; het werd de eerste richting voor de "
            "ontwerpfase.",
            "De straatgesprekken en de koffiekar haalden het op.",
            (COHESION,), ("Straatgesprekken", "Koffiekar"),
        ),
        EntrySpec(
            K.QUOTE, "'Ik woon hier twaalf jaar en ken mijn bovenburen niet'", (DISCOVER, 55),
            "Een bewoner van de Atalantastraat bij de deur-aan-deurgesprekken.",
            "Bewoners van de portiekflats", "Atalantastraat",
            "Laat zien hoe groot de afstand tussen buren in de flats is.",
            "Opgetekend tijdens de deur-aan-deurgesprekken.",
            (COHESION,), ("Deur-aan-deur",), visibility=INTERNAL,
            consent=(ConsentMethod.VERBAL, ConsentScope.INTERNAL),
        ),
        EntrySpec(
            K.CONNECTION, "Jongeren en omwonenden maakten samen afspraken over het Vlinderplein",
            (DESIGN, 60),
            "Bij de proefopstelling spraken jongeren en omwonenden elkaar voor het eerst "
            "rechtstreeks. Ze spraken af: tot tien uur 's avonds, en wie rommel maakt, ruimt op.",
            "Jongeren en omwonenden van het Vlinderplein", "Vlinderplein",
            "Eerder werden jongeren weggestuurd; nu horen ze erbij en praten ze mee over hun plek.",
            "De ontwerpsessie en de proefopstelling brachten beide groepen aan één tafel; de "
            "bewonersgroep haalde de buren erbij.",
            (COHESION, LIVEABILITY), ("Proefopstelling", "Ontwerpsessie"),
            commitments=("energy",), substantiated_by="de wijkagent",
            significant="Het eerste moment waarop twee groepen die over elkaar klaagden zelf "
            "een oplossing vonden. Zo willen we dat het plein gaat werken.",
        ),
        EntrySpec(
            K.STORY, "Het echtpaar van nummer 40 komt weer naar buiten", (DESIGN, 90),
            "'Na de dood van onze zoon kwamen we de deur niet meer uit. Bij de koffiekar vroeg "
            "iemand of ik wilde helpen met de plantenbakken. Nu zitten we elke week bij de "
            "koffieochtend.'",
            "Een ouder echtpaar aan de Atalantastraat", "Buurthuis De Rups",
            "Eenzaamheid op de bovenste verdiepingen was een van de eerste signalen; dit verhaal "
            "laat zien dat een kleine vraag de deur weer opent.",
            "De koffiekar en de vraag om mee te helpen; de bewonersgroep nodigde hen uit.",
            (COHESION,), ("Koffiekar",), commitments=("energy", "place"),
            consent=(ConsentMethod.WRITTEN, ConsentScope.CLIENT),
        ),
        EntrySpec(
            K.OUTCOME, "Buren aan de Atalantastraat onderhouden samen hun geveltuinen", (DO, 30),
            "Twintig geveltuinen geplant; de bewoners van nummer 12 tot 40 verdelen het water "
            "geven zelf via een rooster bij de voordeur.",
            "Bewoners van de Atalantastraat", "Atalantastraat",
            "Buren die elkaar niet kenden, regelen nu samen iets. De straat is groener en "
            "mensen blijven vaker even staan.",
            "Wij organiseerden de plantdagen; de gemeente betaalde de planten uit het "
            "buurtbudget; de bewonersgroep haalde de buren erbij.",
            (LIVEABILITY, COHESION), ("Geveltuin", "Bouwdag"), commitments=("budget", "energy"),
            substantiated_by="Ria Bakker, bewonersgroep De Vlinderbuurt",
            significant="Het eerste wat bewoners zonder ons volhouden, en het is te zien vanaf "
            "de straat: het antwoord op 'gebeurt er wel iets?'.",
            period=((DO, 0), (DO, 34)),
        ),
        EntrySpec(
            K.QUOTE, "'Eindelijk durf ik 's avonds weer over het plein'", (DO, 45),
            "Een bewoonster over het Vlinderplein, nadat de jongeren en omwonenden afspraken "
            "maakten.",
            "Een bewoonster van het Vlinderplein", "Vlinderplein",
            "Het gevoel van veiligheid op het plein, in de woorden van een bewoner.",
            "De afspraken tussen jongeren en omwonenden na de proefopstelling.",
            (LIVEABILITY,), ("Proefopstelling", "Bewonersavond"),
            consent=(ConsentMethod.VERBAL, ConsentScope.PUBLICATION),
            withdrawn="De bewoonster belde: na een vervelende opmerking van een buurman wil ze "
            "niet meer dat haar woorden gedeeld worden. Intern bewaard, niet meer gedeeld.",
        ),
        EntrySpec(
            K.OUTCOME, "De bewonersgroep vroeg zelf het wijkbudget aan, en kreeg het", (DO, 40),
            "De groep schreef de aanvraag voor de koffieochtend en de burendag zelf en diende "
            "hem zelf in bij de gemeente. Wij lazen alleen mee.",
            "Bewonersgroep De Vlinderbuurt", "Buurthuis De Rups",
            "Eigenaarschap: de groep kan nu ook zonder ons geld vinden voor haar plannen.",
            "De coaching van de bewonersgroep en de training 'zelf een buurtactiviteit "
            "organiseren'; Sanne Jansen wees de groep de weg bij de gemeente.",
            (OWNERSHIP,), ("Coaching", "Training"), commitments=("budget", "contact", "time"),
            substantiated_by="Sanne Jansen, gemeente Rivierenland-Oost",
            significant="Hier verschuift het eigenaarschap zichtbaar: de groep regelt het geld "
            "zelf. Dit is waar het project om draait.",
            period=((DO, 35), (DO, 10_000)),
        ),
        EntrySpec(
            K.SIGNAL, "Spanning in de bewonersgroep over wie er beslist", (DO, 80),
            "Twee leden voelen zich gepasseerd omdat besluiten in de groepsapp vallen.",
            "Bewonersgroep De Vlinderbuurt", "Buurthuis De Rups",
            "Een groep die groeit, moet leren samen te beslissen; anders haken mensen af.",
            "Besproken in de coaching; de groep besluit nu op de bijeenkomst.",
            (OWNERSHIP,), ("Coaching",), visibility=INTERNAL, by="jorben@example.org",
        ),
    ],
    PARKKWARTIER: [
        EntrySpec(
            K.SIGNAL, "Nieuwe huurders weten niet bij wie ze terecht kunnen", (DISCOVER, 35),
            "Na de renovatie wonen er veel nieuwe huurders aan de Eikenlaan. Ze kennen niemand "
            "en weten niet wie de huismeester is.",
            "Nieuwe huurders van de galerijflats", "Eikenlaan",
            "Het vraagstuk scherper: het gaat niet om activiteiten, maar om elkaar leren kennen.",
            "De deur-aan-deurgesprekken en de kennismaking met de huismeester.",
            (COHESION,), ("Deur-aan-deur", "Kennismaking"), by="jorben@example.org",
        ),
        EntrySpec(
            K.CONNECTION, "Oude en nieuwe bewoners draaien samen de ruilwinkel", (DO, 100),
            "Twee bewoners die er al dertig jaar wonen en drie nieuwe huurders staan elke maand "
            "samen achter de tafel van de ruilwinkel.",
            "Oude en nieuwe bewoners van het Parkkwartier", "Winkelstrip Parklaan",
            "Precies de verbinding waar de vraag om ging: oud en nieuw kennen elkaar nu.",
            "De pop-up ruilwinkel; de woonstichting stelde de bedrijfsruimte tijdelijk "
            "beschikbaar.",
            (COHESION, ECONOMY), ("ruilwinkel",), commitments=("place",),
            substantiated_by="de huismeester", by="jorben@example.org",
            significant="Het antwoord op de vraag van het project, in één tafel: oude en nieuwe "
            "bewoners die samen iets draaien.",
        ),
        EntrySpec(
            K.QUOTE, "'Eerst was dit een flat, nu is het mijn galerij'", (DO, 95),
            "Een nieuwe huurder van de Eikenlaan bij de terugblik op de plantdag.",
            "Een nieuwe huurder", "Eikenlaan",
            "Thuis voelen, in de woorden van een bewoner.",
            "De geveltuintjes en de ruilwinkel.",
            (COHESION, LIVEABILITY), ("Geveltuintjes", "ruilwinkel"),
            consent=(ConsentMethod.WRITTEN, ConsentScope.PUBLICATION), by="jorben@example.org",
        ),
        EntrySpec(
            K.SIGNAL, "De vaste ontmoetingsplek laat op zich wachten", (ANCHOR, 10),
            "De bedrijfsruimte aan de Eikenlaan is nog niet vast beschikbaar. De groep van de "
            "ruilwinkel vraagt steeds vaker wanneer ze een eigen plek krijgt.",
            "De ruilwinkelgroep", "Eikenlaan",
            "Zonder vaste plek dreigt het eigenaarschap weg te lekken; besproken op het "
            "reflectiemoment.",
            "De inzet van de woonstichting (de bedrijfsruimte) vraagt aandacht.",
            (OWNERSHIP,), ("Werkgroep", "Coaching"), commitments=("place",),
        ),
        EntrySpec(
            K.STORY, "Buren helpen een oudere bewoner met boodschappen", (ANCHOR, 25),
            "Sinds de ruilwinkel doen twee nieuwe huurders de boodschappen voor een oudere buurman "
            "op de derde galerij. Hij vertelde het zelf bij de terugblik.",
            "Een oudere bewoner van de Eikenlaan", "Eikenlaan",
            "Naar elkaar omkijken, zonder dat iemand het organiseert.",
            "De ruilwinkel bracht hen bij elkaar.",
            (COHESION,), ("Terugblik", "ruilwinkel"), substantiated_by="de huismeester",
            significant="Naar elkaar omkijken zonder dat wij of de woonstichting iets regelen: "
            "de verankering begint.",
        ),
    ],
}

INITIATIVES = {
    VLINDERBUURT: [
        InitiativeSpec(
            "Koffieochtend in buurthuis De Rups",
            "Elke dinsdagochtend koffie, een krant en buren. Begonnen als koffiekar van de "
            "buurtdesigners, nu van de bewoners zelf.",
            [
                ((DISCOVER, 60), L.DESIGNER_LED, "Wij zetten de koffie en nodigen uit."),
                ((DESIGN, 40), L.CO_LED, "Twee bewoners doen de boodschappen en de uitnodiging."),
                ((DO, 20), L.RESIDENT_LED, "De bewonersgroep draait het; wij schuiven aan."),
                ((DO, 100), L.INDEPENDENT, "Loopt zonder ons, ook in de zomervakantie."),
            ],
        ),
        InitiativeSpec(
            "Geveltuinen Atalantastraat",
            "Bewoners planten en onderhouden samen de geveltuinen van hun straat.",
            [
                ((DO, 25), L.DESIGNER_LED, "Wij organiseren de eerste plantdag."),
                ((DO, 70), L.CO_LED, "De straat maakt zelf het waterrooster."),
            ],
        ),
    ],
    PARKKWARTIER: [
        InitiativeSpec(
            "Ruilwinkel Parklaan",
            "Maandelijkse ruilwinkel voor kleding, speelgoed en boeken, door oude en nieuwe "
            "bewoners samen.",
            [
                ((DO, 20), L.DESIGNER_LED, "Pop-up door de buurtdesigners."),
                ((DO, 60), L.CO_LED, "Twee bewoners draaien mee."),
                ((DO, 110), L.RESIDENT_LED, "De groep draait hem zelf; wij brengen koffie."),
            ],
        ),
    ],
}
# fmt: on


def seed_demo() -> None:
    """Called by `manage.py seed_demo` after the projects and the co-creation demo data."""
    today = timezone.localdate()
    themes = {theme.name: theme for theme in Theme.objects.all()}
    for slug in sorted(ENTRIES.keys() | INITIATIVES.keys()):
        project = Project.objects.filter(slug=slug).first()
        if project is None:
            continue
        phases = list(project.phases.order_by("order", "id"))
        if len(phases) < 4 or phases[0].start_date is None:
            continue

        def on(at, phases=phases):
            phase, days = phases[at[0]], at[1]
            day = phase.start_date + datetime.timedelta(days=days)
            return min(day, phase.end_date or day, today - datetime.timedelta(days=1))

        if not project.impact_entries.exists():
            for spec in ENTRIES.get(slug, []):
                _entry(project, spec, on, themes)
        if not project.initiatives.exists():
            for spec in INITIATIVES.get(slug, []):
                _initiative(project, spec, on)
    demo_substantiation.seed_demo()


def _entry(project: Project, spec: EntrySpec, on, themes) -> ImpactEntry:
    actor = User.objects.get(email=spec.by)
    day = on(spec.at)
    method, scope = spec.consent or ("", "")
    entry = services.entry_create(
        actor=actor,
        project=project,
        activities=_contributors(project, spec.activities, day),
        commitments=agreed_commitments(project).filter(kind__in=spec.commitments),
        themes=[themes[name] for name in spec.themes if name in themes],
        kind=spec.kind,
        title=spec.title,
        description=spec.description,
        for_whom=spec.for_whom,
        occurred_on=day,
        location=spec.location,
        significance=spec.significance,
        contribution_note=spec.contribution,
        substantiated_by=spec.substantiated_by,
        substantiated=bool(spec.substantiated_by),
        visibility=spec.visibility,
        involves_resident=spec.consent is not None,
        consent_method=method,
        consent_scope=scope,
        consent_date=day if spec.consent else None,
    )
    if spec.withdrawn:
        services.consent_withdraw(actor=actor, entry=entry, note=spec.withdrawn)
    if spec.significant:
        first, last = spec.period or ((spec.at[0], 0), (spec.at[0], 10_000))
        services.significance_mark(
            actor=actor,
            entry=entry,
            period_start=on(first),
            period_end=on(last),
            reason=spec.significant,
        )
    return entry


def _contributors(project: Project, words: tuple[str, ...], day: datetime.date) -> list:
    """For each of `words`, the latest activity on or before `day` whose title holds it (one
    per title: two street talks in a row say no more than one); else the latest activity."""
    before = Activity.objects.filter(project=project, date__lte=day).order_by("-date", "-id")
    found: dict[str, Activity] = {}
    for word in words:
        activity = before.filter(title__icontains=word).exclude(title__in=found).first()
        if activity is not None:
            found[activity.title] = activity
    return list(found.values()) or list(before[:1])


def _initiative(project: Project, spec: InitiativeSpec, on) -> None:
    actor = User.objects.get(email="designer@example.org")
    (first_at, level, remark), *later = spec.steps
    initiative = services.initiative_create(
        actor=actor,
        project=project,
        level=level,
        remark=remark,
        title=spec.title,
        description=spec.description,
        started_on=on(first_at),
        visibility=SHARED,
    )
    for at, level, remark in later:
        services.ownership_record(
            actor=actor, initiative=initiative, level=level, date=on(at), remark=remark
        )
