"""Demo and volume data for `manage.py seed_demo` and `manage.py seed_volume`.

The demo world is De Buurtontdekkers (Ben, Jorben, Antonie), two clients and a residents'
group, with three projects and a year of Buurtexpeditie activities. Every step looks up before
it creates, so running it twice changes nothing. Activities are drawn from a seeded
`random.Random`, relative to today: the same day gives the same demo.

Volume data (`seed_volume`) is for benchmarks: many projects (slug `volume-…`) and tens of
thousands of activities, written with `bulk_create`.
"""

import random
from collections import Counter
from dataclasses import KW_ONLY, dataclass
from datetime import date, timedelta
from importlib import import_module

from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .demo_ladder import fill_ladder
from .models import (
    Activity,
    Membership,
    Neighbourhood,
    Organisation,
    Phase,
    Project,
    ServiceVariant,
    Theme,
    User,
)
from .models.projects import DEFAULT_PHASES
from .services.projects import project_create

DEMO_PASSWORD = "buurt-demo"  # noqa: S105 - published demo password, refused in production
VOLUME_PREFIX = "volume-"

COHESION = "Sociale samenhang"
LIVEABILITY = "Leefbaarheid"
ECONOMY = "Buurteconomie"
OWNERSHIP = "Eigenaarschap bewoners"

DISCOVER, DESIGN, DO, ANCHOR = range(4)  # the default phases, in order


# --- What the designers do in a neighbourhood -------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """Something the designers do again and again, in the words they would log it with."""

    kind: str
    title: str  # may name a place of the neighbourhood: {winkelcentrum}, {buurthuis}, …
    _: KW_ONLY
    at: str  # the place it happens, a key of the neighbourhood's places
    reached: tuple[int, int]  # residents reached, from–to
    contacts: tuple[int, int]  # new contacts, from–to
    minutes: int
    themes: tuple[str, ...]
    by: tuple[str, ...]  # who of the three usually does it
    notes: tuple[str, ...]
    phases: tuple[int, ...] = ()  # the phases it belongs to; empty for one-off events
    weight: int = 1
    with_partners: bool = False


A = Activity.Kind
# Laid out by hand: one line for what it is, one for the numbers, one for who and when.
# fmt: off
STREET_TALKS = Pattern(
    A.STREET_CONVERSATION, "Straatgesprekken bij {winkelcentrum}", at="winkelcentrum",
    reached=(10, 35), contacts=(2, 8), minutes=120, weight=3,
    themes=(COHESION, LIVEABILITY), by=("ben", "jorben"), phases=(DISCOVER, DO),
    notes=(
        "Veel mensen stoppen even bij de koffie. Terugkerend onderwerp: er is geen plek meer om "
        "elkaar tegen te komen sinds de bibliotheek dicht is.",
        "Vooral ouderen gesproken; zij missen een bankje bij de ingang. Twee bewoners willen "
        "meedenken en gaven hun telefoonnummer.",
        "Regenachtig, weinig aanloop. Wel een goed gesprek met de bakker over een "
        "buurtactiviteit voor de feestdagen.",
        "Jongeren vertellen dat ze worden weggestuurd bij het winkelcentrum. Hun vraag: waar "
        "mogen wij wél zijn?",
        "Gevraagd wat mensen trots maakt op de buurt. Vaak genoemd: de markt van vroeger en de "
        "buren die elkaar helpen.",
    ),
)
DOOR_TO_DOOR = Pattern(
    A.STREET_CONVERSATION, "Deur-aan-deurgesprekken aan de {flats}", at="flats",
    reached=(8, 20), contacts=(1, 5), minutes=150, weight=3,
    themes=(COHESION, LIVEABILITY), by=("ben", "jorben"), phases=(DISCOVER,),
    notes=(
        "In de portieken kennen mensen elkaar nauwelijks. Zorgen over rommel bij de containers "
        "en over eenzaamheid op de bovenste verdiepingen.",
        "Drie nieuwe bewoners gesproken die hier net wonen en nog niemand kennen. Eén van hen "
        "wil een portiekborrel organiseren.",
        "Veel deuren bleven dicht; een kaartje achtergelaten met een uitnodiging voor de "
        "koffieochtend.",
    ),
)
COFFEE_CART = Pattern(
    A.INTERVENTION, "Koffiekar op het {plein}", at="plein",
    reached=(15, 40), contacts=(3, 10), minutes=180, weight=2,
    themes=(COHESION,), by=("antonie", "ben", "jorben"), phases=(DISCOVER, DESIGN),
    notes=(
        "De koffiekar trekt vooral ouders na schooltijd. Op de ideeënmuur: meer groen, een plek "
        "voor tieners, een buurtmarkt.",
        "Stoelen in een kring gezet; mensen bleven langer hangen dan verwacht. Antonie schetste "
        "ter plekke wat bewoners vertelden.",
        "Koud maar druk. Een oudere buurman vertelde over de straatfeesten van vroeger en wil "
        "zijn foto's delen.",
    ),
)
PARTNER_INTRO = Pattern(
    A.MEETING, "Kennismaking met {partner}", at="buurthuis",
    reached=(0, 2), contacts=(1, 2), minutes=60, with_partners=True,
    themes=(COHESION,), by=("ben", "jorben"), phases=(DISCOVER,),
    notes=(
        "Wat zien zij in de buurt en wie kennen zij? Afgesproken dat we signalen met elkaar "
        "delen.",
        "Een goede lijst met sleutelfiguren gekregen; zij sluiten aan bij de ontwerpsessies.",
    ),
)
NEIGHBOURHOOD_WALK = Pattern(
    A.OTHER, "Buurtwandeling met bewoners", at="plein",
    reached=(5, 12), contacts=(1, 4), minutes=90,
    themes=(LIVEABILITY,), by=("antonie", "jorben"), phases=(DISCOVER,),
    notes=(
        "Met bewoners door de buurt gelopen en plekken gefotografeerd die zij fijn of juist "
        "onprettig vinden. De donkere onderdoorgang komt steeds terug.",
        "Een kaart van de buurt gemaakt met stickers: groen voor fijne plekken, rood voor "
        "plekken die beter kunnen.",
    ),
)
DESIGN_SESSION = Pattern(
    A.WORKSHOP, "Ontwerpsessie in {buurthuis}", at="buurthuis",
    reached=(8, 22), contacts=(1, 5), minutes=150, weight=3,
    themes=(COHESION, OWNERSHIP), by=("antonie", "ben"), phases=(DESIGN,),
    notes=(
        "De ideeën uit de straatgesprekken samen geclusterd tot drie richtingen: ontmoeten, "
        "groen en jongeren. Iedereen kreeg stickers om te kiezen.",
        "Schetsen gemaakt voor een ontmoetingsplek op het plein. Discussie over geluid 's "
        "avonds; afgesproken dat omwonenden meebeslissen.",
        "Een kartonnen prototype gebouwd van een bankje met deelkastje. Twee bewoners willen het "
        "echt gaan bouwen.",
    ),
)
KIDS_DESIGN = Pattern(
    A.WORKSHOP, "Ontwerpen met kinderen van {school}", at="school",
    reached=(15, 28), contacts=(0, 2), minutes=90,
    themes=(LIVEABILITY, COHESION), by=("antonie",), phases=(DESIGN,),
    notes=(
        "Kinderen tekenden hun droomspeelplek. Opvallend vaak: een plek om te zitten met opa en "
        "oma.",
        "Met groep 7 een maquette van het plein gemaakt; de kinderen presenteren hem op de "
        "bewonersavond.",
    ),
)
TRIAL_SETUP = Pattern(
    A.INTERVENTION, "Proefopstelling op het {plein}", at="plein",
    reached=(20, 50), contacts=(3, 8), minutes=240,
    themes=(LIVEABILITY, COHESION), by=("antonie", "jorben"), phases=(DESIGN,),
    notes=(
        "Een dag lang met pallets en plantenbakken laten zien hoe het plein eruit kan zien. "
        "Reacties: positief, wel zorgen over onderhoud.",
        "De proefopstelling bleef een week staan. Er werd op gezeten, gespeeld en één keer iets "
        "vernield; de buren ruimden het zelf op.",
    ),
)
RESIDENTS_EVENING = Pattern(
    A.MEETING, "Bewonersavond: de plannen op tafel", at="buurthuis",
    reached=(20, 45), contacts=(2, 6), minutes=120, with_partners=True,
    themes=(OWNERSHIP,), by=("ben", "jorben"), phases=(DESIGN, DO),
    notes=(
        "Plannen gepresenteerd en samen aangescherpt. Zes bewoners meldden zich voor een "
        "werkgroep.",
        "Stevige discussie over parkeren; uiteindelijk brede steun voor het groene plein, mits "
        "bewoners het beheer mee regelen.",
    ),
)
TEST_IDEAS = Pattern(
    A.STREET_CONVERSATION, "Ideeën toetsen bij {winkelcentrum}", at="winkelcentrum",
    reached=(10, 30), contacts=(1, 5), minutes=120, weight=2,
    themes=(COHESION, ECONOMY), by=("ben", "jorben"), phases=(DESIGN,),
    notes=(
        "Schetsen van de ontwerpsessie laten zien aan voorbijgangers. De meeste reacties gaan "
        "over een buurtmarkt; twee ondernemers willen meedoen.",
        "Gevraagd wie wil helpen bij de uitvoering. Het briefje met namen is voller dan we "
        "dachten.",
    ),
)
COACHING = Pattern(
    A.COACHING, "Coaching van de bewonersgroep", at="buurthuis",
    reached=(4, 9), contacts=(0, 1), minutes=90, weight=4,
    themes=(OWNERSHIP,), by=("ben", "jorben"), phases=(DO, ANCHOR),
    notes=(
        "Rolverdeling in de groep besproken: wie trekt wat? Eén bewoner neemt de contacten met "
        "de gemeente op zich.",
        "Het ging over tegenslag: de vergunning duurt langer. Samen gekeken wat de groep nu al "
        "wel kan doen.",
        "De groep bereidt zelf de volgende bewonersavond voor; wij kijken alleen mee.",
        "De aanvraag voor het wijkbudget samen doorgelopen. De groep dient hem zelf in.",
        "Spanning in de groep over wie er beslist. Afgesproken: besluiten op de "
        "groepsbijeenkomst, niet in de app.",
    ),
)
FACADE_GARDENS = Pattern(
    A.INTERVENTION, "Geveltuintjes planten aan de {flats}", at="flats",
    reached=(10, 25), contacts=(2, 6), minutes=180,
    themes=(LIVEABILITY, COHESION), by=("antonie", "jorben"), phases=(DO,),
    notes=(
        "Met bewoners tegels eruit en plantjes erin. Buren die elkaar niet kenden, stonden samen "
        "te scheppen.",
        "Tweede plantdag; de bewoners van nummer 12 tot 40 verdelen nu zelf het water geven.",
    ),
)
SWAP_SHOP = Pattern(
    A.INTERVENTION, "Pop-up ruilwinkel bij {winkelcentrum}", at="winkelcentrum",
    reached=(25, 60), contacts=(4, 12), minutes=240,
    themes=(ECONOMY, COHESION), by=("jorben", "ben"), phases=(DO,),
    notes=(
        "Kleding, speelgoed en boeken geruild. Twee bewoners willen de ruilwinkel maandelijks "
        "zelf draaien.",
        "De ruilwinkel draaide voor het eerst zonder ons; wij kwamen alleen koffie brengen.",
    ),
)
WORKING_GROUP = Pattern(
    A.MEETING, "Werkgroep ontmoetingsplek", at="buurthuis",
    reached=(5, 10), contacts=(0, 2), minutes=90, weight=2, with_partners=True,
    themes=(OWNERSHIP,), by=("ben", "antonie"), phases=(DO,),
    notes=(
        "Planning voor de bouw doorgenomen. De woningcorporatie levert materiaal; bewoners "
        "regelen de handen.",
        "Afspraken gemaakt over de sleutel, de planten en wie de buren informeert.",
    ),
)
ORGANISE_TRAINING = Pattern(
    A.TRAINING, "Training: zelf een buurtactiviteit organiseren", at="buurthuis",
    reached=(6, 14), contacts=(1, 3), minutes=150,
    themes=(OWNERSHIP,), by=("jorben", "ben"), phases=(DO,),
    notes=(
        "Over vergunningen, budget en hoe je buren vraagt mee te doen. Deelnemers maakten meteen "
        "een draaiboek voor hun eigen activiteit.",
    ),
)
BUILD_DAY = Pattern(
    A.INTERVENTION, "Bouwdag ontmoetingsplek op het {plein}", at="plein",
    reached=(15, 35), contacts=(2, 6), minutes=300, with_partners=True,
    themes=(LIVEABILITY, OWNERSHIP), by=("antonie", "jorben", "ben"), phases=(DO,),
    notes=(
        "Bankjes en plantenbakken gebouwd met bewoners en jongeren uit de buurt. De jongeren "
        "beheren zelf de sleutel van de materiaalkist.",
    ),
)
STEWARDSHIP = Pattern(
    A.MEETING, "Overleg over beheer met {partner}", at="buurthuis",
    reached=(1, 4), contacts=(0, 1), minutes=60, weight=2, with_partners=True,
    themes=(OWNERSHIP, LIVEABILITY), by=("ben",), phases=(ANCHOR,),
    notes=(
        "Afspraken over wie wat onderhoudt als wij er niet meer zijn. Het groenonderhoud komt in "
        "het beheerplan.",
        "De bewonersgroep voerde zelf het woord; wij vulden alleen aan.",
    ),
)
HANDOVER_TRAINING = Pattern(
    A.TRAINING, "Training: vergaderen en verslag leggen", at="buurthuis",
    reached=(4, 8), contacts=(0, 1), minutes=120,
    themes=(OWNERSHIP,), by=("jorben",), phases=(ANCHOR,),
    notes=(
        "De bewonersgroep zit zelf voor; wij oefenen na afloop met feedback geven.",
    ),
)
LOOKING_BACK = Pattern(
    A.MEETING, "Terugblik met bewoners", at="buurthuis",
    reached=(10, 25), contacts=(1, 3), minutes=120,
    themes=(COHESION, OWNERSHIP), by=("ben", "antonie"), phases=(ANCHOR,),
    notes=(
        "Verhalen opgehaald over wat er veranderd is. Een bewoner: 'Ik ken nu de mensen van drie "
        "portieken verder.'",
        "Samen de tijdlijn van het project op de muur gezet; de groep vult hem zelf verder aan.",
    ),
)
KICK_OFF = Pattern(
    A.MEETING, "Aftrap in {buurthuis}", at="buurthuis",
    reached=(20, 45), contacts=(5, 15), minutes=120, with_partners=True,
    themes=(COHESION,), by=("ben", "jorben", "antonie"),
    notes=(
        "Kennismaking met bewoners en partners. Uitgelegd hoe we werken: eerst luisteren, dan "
        "samen ontwerpen, en niemand is in zijn eentje verantwoordelijk voor het resultaat.",
    ),
)
NLDOET = Pattern(
    A.INTERVENTION, "NLdoet: klusdag bij {speeltuin}", at="speeltuin",
    reached=(15, 30), contacts=(3, 8), minutes=300, with_partners=True,
    themes=(LIVEABILITY, OWNERSHIP), by=("jorben", "antonie"),
    notes=(
        "Hekken geschilderd en zandbak opgeknapt met vrijwilligers uit de buurt.",
    ),
)
BARBECUE = Pattern(
    A.INTERVENTION, "Buurtbarbecue bij {speeltuin}", at="speeltuin",
    reached=(70, 140), contacts=(10, 25), minutes=240, with_partners=True,
    themes=(COHESION,), by=("ben", "jorben", "antonie"),
    notes=(
        "Samen met de bewonersgroep georganiseerd; bewoners brachten zelf salades mee. Veel "
        "nieuwe gezichten uit de flats.",
    ),
)
BURENDAG = Pattern(
    A.INTERVENTION, "Burendag op het {plein}", at="plein",
    reached=(50, 120), contacts=(8, 20), minutes=300, with_partners=True,
    themes=(COHESION, OWNERSHIP), by=("ben", "jorben", "antonie"),
    notes=(
        "De bewonersgroep draaide de kraam zelf. Kinderen schminken, buren die elkaar voor het "
        "eerst spraken, en een lijst met mensen die willen helpen.",
    ),
)
WINTER_SOUP = Pattern(
    A.MEETING, "Wintersoep in {buurthuis}", at="buurthuis",
    reached=(30, 60), contacts=(5, 12), minutes=180,
    themes=(COHESION,), by=("ben", "antonie"),
    notes=(
        "Soep gekookt door bewoners uit vijf landen. Teruggekeken op het jaar en wensen voor het "
        "nieuwe jaar opgehaald.",
    ),
)
# fmt: on
WEEKLY = [
    STREET_TALKS,
    DOOR_TO_DOOR,
    COFFEE_CART,
    PARTNER_INTRO,
    NEIGHBOURHOOD_WALK,
    DESIGN_SESSION,
    KIDS_DESIGN,
    TRIAL_SETUP,
    RESIDENTS_EVENING,
    TEST_IDEAS,
    COACHING,
    FACADE_GARDENS,
    SWAP_SHOP,
    WORKING_GROUP,
    ORGANISE_TRAINING,
    BUILD_DAY,
    STEWARDSHIP,
    HANDOVER_TRAINING,
    LOOKING_BACK,
]
PER_WEEK = {DISCOVER: (2, 4), DESIGN: (1, 3), DO: (1, 3), ANCHOR: (1, 2)}  # by phase

# Neighbourhood events of the Dutch year, each on a Saturday: (month, nth Saturday, pattern).
CALENDAR = [(3, 2, NLDOET), (6, 4, BARBECUE), (9, 4, BURENDAG), (12, 2, WINTER_SOUP)]


def _nth_saturday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(5 - first.weekday()) % 7 + 7 * (n - 1))


def _is_holiday(day: date) -> bool:
    """Summer holiday and the Christmas weeks: little happens in the neighbourhood."""
    week = day.isocalendar().week
    return (
        29 <= week <= 33 or (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3)
    )


# --- The demo world ---------------------------------------------------------------------------

NEIGHBOURHOODS = {
    # Rivierenland-Oost is made up; 9901 is no real CBS municipality code.
    "Vlinderbuurt": {
        "municipality": "Rivierenland-Oost",
        "cbs_code": "BU99010301",
        "places": {
            "winkelcentrum": "winkelcentrum De Vlinder",
            "buurthuis": "buurthuis De Rups",
            "plein": "Vlinderplein",
            "school": "basisschool De Cocon",
            "speeltuin": "speeltuin Koolwitje",
            "flats": "Atalantastraat",
        },
        "partners": [
            "de opbouwwerker van Welzijn Rivierenland",
            "de wijkagent",
            "de wijkregisseur van de gemeente",
            "basisschool De Cocon",
        ],
    },
    "Parkkwartier": {
        "municipality": "Rivierenland-Oost",
        "cbs_code": "BU99010502",
        "places": {
            "winkelcentrum": "winkelstrip Parklaan",
            "buurthuis": "wijkcentrum De Linde",
            "plein": "Beukenplein",
            "school": "brede school Het Park",
            "speeltuin": "trapveld Beukenhof",
            "flats": "Eikenlaan",
        },
        "partners": [
            "de wijkbeheerder van Woonstichting Thuisbasis",
            "de huismeester",
            "de opbouwwerker van Welzijn Rivierenland",
            "de bibliotheek",
        ],
    },
    "Oude Haven": {
        "municipality": "Rivierenland-Oost",
        "cbs_code": "BU99010104",
        "places": {},
        "partners": [],
    },
}


@dataclass(frozen=True)
class DemoProject:
    slug: str
    title: str
    client: str  # key into the organisations of seed_demo
    status: str
    neighbourhood: str
    variant: str
    themes: tuple[str, ...]
    question: str
    start_in_days: int  # relative to today; negative is in the past
    phase_days: tuple[int, int, int, int]
    externals: tuple[tuple[str, str], ...]
    seed: int


DEMO_PROJECTS = [
    DemoProject(
        "vlinderbuurt-samen-aan-zet",
        "De Vlinderbuurt samen aan zet",
        "municipality",
        Project.Status.ACTIVE,
        "Vlinderbuurt",
        "Buurtexpeditie Plus",
        (COHESION, OWNERSHIP, LIVEABILITY),
        "Bewoners van de Vlinderbuurt wonen langs elkaar heen: sinds de bibliotheek dicht is, "
        "is er geen plek meer om elkaar te ontmoeten. Hoe maken we samen met bewoners weer een "
        "buurt waarin mensen elkaar kennen en naar elkaar omkijken?",
        -358,
        (91, 105, 210, 140),
        (("client", "client"), ("partner", "partner")),
        seed=1,
    ),
    DemoProject(
        "pleinen-van-de-oude-haven",
        "Pleinen van de Oude Haven",
        "municipality",
        Project.Status.PROSPECT,
        "Oude Haven",
        "Buurtverkenning",
        (LIVEABILITY,),
        "De pleinen rond de Oude Haven zijn versteend en worden weinig gebruikt. Hoe worden het "
        "plekken die bewoners zelf willen gebruiken en onderhouden?",
        38,
        (28, 14, 14, 7),
        (("client", "client"),),
        seed=2,
    ),
    DemoProject(
        "thuis-in-het-parkkwartier",
        "Thuis in het Parkkwartier",
        "housing",
        Project.Status.ACTIVE,
        "Parkkwartier",
        "Buurtexpeditie",
        (COHESION, LIVEABILITY, ECONOMY),
        "Na de renovatie van de galerijflats aan de Eikenlaan wonen er veel nieuwe huurders die "
        "nog niemand kennen. Hoe voelen oude en nieuwe bewoners zich samen thuis in het "
        "Parkkwartier?",
        -340,
        (70, 84, 140, 112),
        (("client2", "client"),),
        seed=3,
    ),
    # Small and young: its first phase ended two weeks ago and nobody decided on what comes
    # next, so the health shows it red (issue 13; see tests/test_seed_demo.py).
    DemoProject(
        "samen-rond-de-singelhof",
        "Samen rond de Singelhof",
        "housing",
        Project.Status.ACTIVE,
        "Parkkwartier",
        "Buurtverkenning",
        (COHESION,),
        "De binnentuin van de Singelhof ligt er verlaten bij. Wat willen de huurders er samen "
        "van maken?",
        -100,
        (86, 84, 84, 56),
        (("client2", "client"),),
        seed=4,
    ),
]


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
    # The catalogue comes from data migration 0002; a flushed database (as after a
    # transactional test) has lost it, so put back what is missing, the same way.
    import_module("projects.migrations.0002_seed_catalogue").seed(django_apps, None)
    orgs = {
        "own": Organisation.objects.get_or_create(
            name="De Buurtontdekkers", defaults={"kind": Organisation.Kind.OWN}
        )[0],
        "municipality": Organisation.objects.get_or_create(
            name="Gemeente Rivierenland-Oost",
            defaults={
                "kind": Organisation.Kind.MUNICIPALITY,
                "email": "wijken@example.org",
                "address": "Postbus 100, 4000 AC Rivierenland",
            },
        )[0],
        "housing": Organisation.objects.get_or_create(
            name="Woonstichting Thuisbasis",
            defaults={"kind": Organisation.Kind.HOUSING, "email": "leefbaarheid@example.org"},
        )[0],
        "residents": Organisation.objects.get_or_create(
            name="Bewonersgroep De Vlinderbuurt",
            defaults={"kind": Organisation.Kind.RESIDENTS},
        )[0],
    }
    own = orgs["own"]
    admin = _user(
        "admin@example.org",
        "Antonie (beheer)",
        User.Role.ADMIN,
        own,
        is_staff=True,
        is_superuser=True,
    )
    designers = {
        "ben": _user("designer@example.org", "Ben Verbeek", User.Role.DESIGNER, own),
        "jorben": _user("jorben@example.org", "Jorben Smit", User.Role.DESIGNER, own),
        "antonie": _user("antonie@example.org", "Antonie de Graaf", User.Role.DESIGNER, own),
    }
    externals = {
        "client": _user(
            "client@example.org", "Sanne Jansen", User.Role.EXTERNAL, orgs["municipality"]
        ),
        "client2": _user(
            "client2@example.org", "Mehmet Yilmaz", User.Role.EXTERNAL, orgs["housing"]
        ),
        "partner": _user(
            "partner@example.org", "Ria Bakker", User.Role.EXTERNAL, orgs["residents"]
        ),
    }
    neighbourhoods = {
        name: Neighbourhood.objects.get_or_create(
            name=name,
            municipality=spec["municipality"],
            defaults={"cbs_code": spec["cbs_code"]},
        )[0]
        for name, spec in NEIGHBOURHOODS.items()
    }

    today = timezone.localdate()
    for spec in DEMO_PROJECTS:
        project = _demo_project(spec, orgs, neighbourhoods, designers["ben"], today)
        for person in designers.values():
            Membership.objects.get_or_create(
                user=person, project=project, defaults={"role": Membership.Role.DESIGNER}
            )
        for key, role in spec.externals:
            Membership.objects.get_or_create(
                user=externals[key], project=project, defaults={"role": role}
            )
        if spec.start_in_days < 0:
            _year_of_activities(project, spec, designers, today)
            fill_ladder(project, today)

    return [
        (admin.email, "beheerder"),
        (designers["ben"].email, "buurtdesigner"),
        (externals["client"].email, f"opdrachtgever, {orgs['municipality'].name}"),
        (externals["client2"].email, f"opdrachtgever, {orgs['housing'].name}"),
        (externals["partner"].email, f"partner, {orgs['residents'].name}"),
    ]


def _demo_project(spec, orgs, neighbourhoods, actor, today) -> Project:
    """The project of `spec`: created with its default phases, or, when it exists, with the
    fields it still lacks filled in (a database seeded by an older version)."""
    start = today + timedelta(days=spec.start_in_days)
    fields = {
        "neighbourhood": neighbourhoods[spec.neighbourhood],
        "variant": ServiceVariant.objects.filter(name=spec.variant).first(),
        "question": spec.question,
        "start_date": start,
        "expected_end_date": start + timedelta(days=sum(spec.phase_days) - 1),
    }
    themes = Theme.objects.filter(name__in=spec.themes)
    project = Project.objects.filter(slug=spec.slug).first()
    created = project is None
    if created:
        project = project_create(
            actor=actor,
            themes=themes,
            slug=spec.slug,
            title=spec.title,
            client=orgs[spec.client],
            status=spec.status,
            **fields,
        )
    else:
        blanks = [name for name, value in fields.items() if not getattr(project, name)]
        for name in blanks:
            setattr(project, name, fields[name])
        if blanks:
            project.save(update_fields=blanks)
        if not project.themes.exists():
            project.themes.set(themes)
        if not project.phases.exists():
            Phase.objects.bulk_create(
                Phase(project=project, name=str(name), description=str(text), order=i)
                for i, (name, text) in enumerate(DEFAULT_PHASES)
            )
    _plan_phases(project, project.start_date or start, spec.phase_days, today, fresh=created)
    return project


def _plan_phases(project, start: date, lengths, today: date, *, fresh=False) -> list[Phase]:
    """Give the phases consecutive dates from `start` and make the one holding `today`
    current; phases that already have dates are left as they are, unless `fresh` (just
    created: project_create spread them evenly, the demo's own lengths replace that)."""
    phases = list(project.phases.order_by("order", "id"))
    if not phases or (not fresh and any(p.start_date for p in phases)):
        return phases
    day = start
    for phase, length in zip(phases, lengths, strict=False):
        phase.start_date, phase.end_date = day, day + timedelta(days=length - 1)
        day = phase.end_date + timedelta(days=1)
    Phase.objects.bulk_update(phases, ["start_date", "end_date"])
    _make_current(phases, today)
    return phases


def _make_current(phases: list[Phase], today: date) -> None:
    dated = [p for p in phases if p.start_date and p.start_date <= today]
    current = dated[-1] if dated else phases[0]
    # Unset first: the one-current-phase constraint is checked row by row.
    Phase.objects.filter(project_id=current.project_id).exclude(pk=current.pk).update(
        is_current=False
    )
    Phase.objects.filter(pk=current.pk).update(is_current=True)


def _phase_on(phases: list[Phase], day: date) -> Phase | None:
    for phase in reversed(phases):
        if phase.start_date and phase.start_date <= day:
            return phase
    return phases[0] if phases else None


def _pattern_for(phase: Phase, rng: random.Random) -> Pattern:
    patterns = [p for p in WEEKLY if phase.order in p.phases] or WEEKLY
    return rng.choices(patterns, weights=[p.weight for p in patterns])[0]


def _year_of_activities(project, spec, designers, today: date) -> int:
    """A year (or the project's life so far) of activities; only for a project without any."""
    phases = list(project.phases.order_by("order", "id"))
    if not phases or project.activities.exists():
        return 0
    rng = random.Random(spec.seed)  # noqa: S311 - demo data, not security
    place = NEIGHBOURHOODS[spec.neighbourhood]
    first = max(project.start_date or today, today - timedelta(days=364))
    drawn: list[tuple[date, Pattern]] = []

    if project.start_date and project.start_date >= first:
        drawn.append((project.start_date, KICK_OFF))
    for year in (today.year - 1, today.year):
        for month, nth, pattern in CALENDAR:
            day = _nth_saturday(year, month, nth)
            if first <= day <= today:
                drawn.append((day, pattern))

    monday = first - timedelta(days=first.weekday())
    while monday <= today:
        low, high = PER_WEEK.get(_phase_on(phases, monday).order, (1, 2))
        for _ in range(rng.randint(0, 1) if _is_holiday(monday) else rng.randint(low, high)):
            day = monday + timedelta(days=rng.choices(range(6), weights=[2, 3, 3, 3, 2, 1])[0])
            if first <= day <= today:
                drawn.append((day, _pattern_for(_phase_on(phases, day), rng)))
        monday += timedelta(days=7)

    drawn.sort(key=lambda pair: pair[0])
    activities = [
        _activity(project, _phase_on(phases, day), day, pattern, place, designers, rng)
        for day, pattern in drawn
    ]
    _bulk_create_with_themes(activities, [pattern.themes for _, pattern in drawn])
    return len(activities)


def _activity(project, phase, day, pattern: Pattern, place, designers, rng) -> Activity:
    partners = place["partners"] or ["de opbouwwerker"]
    partner = rng.choice(partners)
    names = {**place["places"], "partner": partner}
    location = names.get(pattern.at, "")
    reached = rng.randint(*pattern.reached)
    present = [partner] if "{partner}" in pattern.title else []
    if pattern.with_partners:
        present += rng.sample(partners, k=min(len(partners), rng.randint(1, 2)))
    return Activity(
        project=project,
        phase=phase,
        date=day,
        duration_minutes=max(30, pattern.minutes + rng.choice((-30, 0, 0, 30))),
        kind=pattern.kind,
        title=pattern.title.format(**names),
        notes=rng.choice(pattern.notes),
        location=_capitalised(location),
        residents_reached=reached,
        new_contacts=min(reached, rng.randint(*pattern.contacts)) if reached else 0,
        partners_present=", ".join(
            _capitalised(p.removeprefix("de ")) for p in dict.fromkeys(present)
        ),
        logged_by=designers[rng.choice(pattern.by)],
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bulk_create_with_themes(activities, theme_names, batch_size: int = 2000) -> None:
    """Insert `activities` and their themes (by name) in batches, two statements per batch.
    A theme missing from the catalogue (a database emptied after its migrations) is added."""
    names = {name for group in theme_names for name in group}
    Theme.objects.bulk_create([Theme(name=name) for name in names], ignore_conflicts=True)
    themes = {t.name: t.pk for t in Theme.objects.filter(name__in=names)}
    Through = Activity.themes.through
    for start in range(0, len(activities), batch_size):
        batch = Activity.objects.bulk_create(activities[start : start + batch_size])
        Through.objects.bulk_create(
            Through(activity_id=activity.pk, theme_id=themes[name])
            for activity, names in zip(batch, theme_names[start : start + batch_size], strict=True)
            for name in names
            if name in themes
        )


# --- Volume data for benchmarks ---------------------------------------------------------------

VOLUME_PLACES = {
    "places": {
        "winkelcentrum": "winkelcentrum Centrum",
        "buurthuis": "buurthuis De Brug",
        "plein": "Marktplein",
        "school": "basisschool De Regenboog",
        "speeltuin": "speeltuin De Wip",
        "flats": "Lindelaan",
    },
    "partners": ["de opbouwwerker", "de wijkagent", "de wijkbeheerder", "de bibliotheek"],
}


def seed_volume(*, projects: int = 50, activities: int = 20_000, seed: int = 2026) -> dict:
    """Replace the volume projects (slug `volume-…`) by `projects` new ones sharing
    `activities` activities, unevenly like real work (a few projects hold most)."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    today = timezone.localdate()
    removed = Project.objects.filter(slug__startswith=VOLUME_PREFIX).count()
    Activity.themes.through.objects.filter(
        activity__project__slug__startswith=VOLUME_PREFIX
    ).delete()
    Project.objects.filter(slug__startswith=VOLUME_PREFIX).delete()

    unusable = make_password(None)
    designers = {
        key: User.objects.get_or_create(
            email=f"volume-{key}@example.org",
            defaults={
                "name": f"Volume {key.capitalize()}",
                "role": User.Role.DESIGNER,
                "password": unusable,
            },
        )[0]
        for key in ("ben", "jorben", "antonie")
    }
    clients = [
        Organisation.objects.get_or_create(
            name=f"Volumetest opdrachtgever {i}",
            defaults={"kind": Organisation.Kind.MUNICIPALITY},
        )[0]
        for i in range(1, 6)
    ]
    neighbourhoods = [
        Neighbourhood.objects.get_or_create(name=f"Volumebuurt {i}", municipality="Volumestad")[0]
        for i in range(1, 11)
    ]
    # Its activities are street conversations, meetings and interventions: Buurtexpeditie
    # work, so its projects are of that service's variants (four phases each, as planned).
    variants = list(ServiceVariant.objects.filter(service__name="Buurtexpeditie")) or list(
        ServiceVariant.objects.all()
    )
    themes = list(Theme.objects.all())

    made = []
    for i in range(projects):
        start = today - timedelta(days=rng.randint(60, 730))
        made.append(
            project_create(
                actor=designers[("ben", "jorben", "antonie")[i % 3]],
                themes=rng.sample(themes, k=min(len(themes), rng.randint(1, 3))),
                slug=f"{VOLUME_PREFIX}{i + 1:04d}",
                title=f"Volumeproject {i + 1}",
                client=clients[i % len(clients)],
                neighbourhood=neighbourhoods[i % len(neighbourhoods)],
                variant=rng.choice(variants) if variants else None,
                status=Project.Status.ACTIVE,
                start_date=start,
                expected_end_date=start + timedelta(days=rng.randint(365, 900)),
            )
        )
    phases = _volume_phases(made, today)

    # A few projects hold most of the work, as in real life: weight 1/rank.
    weights = [1 / (rank + 1) for rank in range(len(made))]
    per_project = Counter(rng.choices(range(len(made)), weights, k=activities) if made else [])
    rows, theme_names = [], []
    for index, count in per_project.items():
        project = made[index]
        span = max(1, (today - project.start_date).days)
        for _ in range(count):
            day = project.start_date + timedelta(days=rng.randint(0, span))
            phase = _phase_on(phases[project.pk], day)
            pattern = _pattern_for(phase, rng)
            rows.append(_activity(project, phase, day, pattern, VOLUME_PLACES, designers, rng))
            theme_names.append(pattern.themes)
    _bulk_create_with_themes(rows, theme_names)
    return {
        "removed": removed,
        "projects": len(made),
        "phases": sum(len(p) for p in phases.values()),
        "activities": len(rows),
    }


def _volume_phases(projects, today: date) -> dict[int, list[Phase]]:
    """Date the default phases of each project evenly over its term; current by today."""
    by_project: dict[int, list[Phase]] = {p.pk: [] for p in projects}
    for phase in Phase.objects.filter(project__in=projects).order_by("order", "id"):
        by_project[phase.project_id].append(phase)
    changed = []
    for project in projects:
        phases = by_project[project.pk]
        length = ((project.expected_end_date - project.start_date).days + 1) // len(phases)
        for i, phase in enumerate(phases):
            phase.start_date = project.start_date + timedelta(days=i * length)
            phase.end_date = phase.start_date + timedelta(days=length - 1)
            phase.is_current = False
        current = [p for p in phases if p.start_date <= today][-1]
        current.is_current = True
        changed.extend(phases)
    # project_create made the first phase current: unset all, then set the current ones.
    Phase.objects.filter(project__in=projects).update(is_current=False)
    Phase.objects.bulk_update(changed, ["start_date", "end_date"], batch_size=1000)
    Phase.objects.filter(pk__in=[p.pk for p in changed if p.is_current]).update(is_current=True)
    return by_project
