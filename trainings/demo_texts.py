"""The words of the demo training (trainings.demo): who takes part, which sessions they came
to, their practice assignments and what they answered in the evaluations. Laid out by hand, so
the demo reads like a real trajectory."""

from dataclasses import dataclass

from .models import Participant

MUNICIPALITY = "Gemeente Rivierenland-Oost"
WELFARE = "Welzijn Rivierenland"
RESIDENTS = "Bewonersgroep De Vlinderbuurt"

PRO = Participant.Role.PROFESSIONAL
RESIDENT = Participant.Role.RESIDENT
VOLUNTEER = Participant.Role.VOLUNTEER


@dataclass(frozen=True)
class DemoParticipant:
    name: str
    organisation: str
    role: str
    present: tuple[int, ...]  # the held sessions (0, 1, 2) they came to
    assignment: str = ""  # handed out at the second session; empty: none (yet)
    by_invitation: bool = False

    @property
    def email(self) -> str:
        first, rest = self.name.split(" ", 1)
        return f"{first}.{rest.replace(' ', '')}@example.org".lower()


# Most came to every session; two missed one (2 of 3, below the 75 %), and two came once: a
# wijkbeheerder the storm damage kept away, and a resident who signed up late by the link.
# fmt: off
PARTICIPANTS = [
    DemoParticipant(
        "Fatima el Amrani", MUNICIPALITY, PRO, (0, 1, 2),
        "Voer met een collega drie straatgesprekken bij winkelcentrum De Vlinder over wat "
        "bewoners bezighoudt, zonder formulier, en haal één vraag op waar de gemeente iets mee "
        "kan.",
    ),
    DemoParticipant(
        "Joost van der Meer", MUNICIPALITY, PRO, (0, 1, 2),
        "Nodig bij het volgende overleg over de Atalantastraat twee bewoners uit en laat hen "
        "het eerste woord.",
    ),
    DemoParticipant(
        "Linda Hoekstra", MUNICIPALITY, PRO, (0, 1, 2),
        "Herschrijf samen met een bewoner de brief over de herinrichting van het Vlinderplein, "
        "in de woorden van de buurt.",
    ),
    DemoParticipant(
        "Esther Mulder", MUNICIPALITY, PRO, (0, 1, 2),
        "Loop een ochtend mee met een opbouwwerker en noteer welke signalen uit de buurt nooit "
        "op jouw bureau komen.",
    ),
    DemoParticipant(
        "Annemiek Visser", MUNICIPALITY, PRO, (0, 1, 2),
        "Zoek voor Groen in de wijk drie bewoners op die nog nooit meededen en vraag wat zij "
        "nodig hebben om mee te doen.",
    ),
    DemoParticipant(
        "Kevin Bos", MUNICIPALITY, PRO, (0, 2),
        "Vraag bij vijf huisbezoeken niet alleen naar de melding, maar ook wat de bewoner zelf "
        "in de straat zou willen doen.",
    ),
    DemoParticipant("Peter de Wit", MUNICIPALITY, PRO, (0,)),
    DemoParticipant(
        "Samira Bouzid", WELFARE, PRO, (0, 1, 2),
        "Organiseer met bewoners van de Atalantastraat een portiekgesprek waarin zij zelf de "
        "onderwerpen kiezen.",
    ),
    DemoParticipant(
        "Thijs Kuipers", WELFARE, PRO, (0, 1),
        "Laat de jongeren bij het trapveld zelf een plan maken voor de zomer en kijk wat je "
        "los kunt laten.",
    ),
    DemoParticipant(
        "Henk Brouwer", RESIDENTS, RESIDENT, (0, 1, 2),
        "Vraag vijf buren wat zij missen in de buurt en neem hun antwoorden mee naar de "
        "bewonersgroep.",
    ),
    DemoParticipant(
        "Gerda Smits", RESIDENTS, VOLUNTEER, (0, 1, 2),
        "Zet bij de koffieochtend in buurthuis De Rups een ideeënmuur neer en bespreek de "
        "reacties met de wijkregisseur.",
    ),
    DemoParticipant("Yusuf Demir", RESIDENTS, RESIDENT, (2,), by_invitation=True),
]
# fmt: on

# (title, location, programme, trainers: keys of the designers)
SESSIONS = [
    (
        "Kijken met de ogen van de buurt",
        "Stadskantoor Rivierenland-Oost, zaal De Linge",
        "Kennismaking en de eigen praktijk in kaart: waar kom je bewoners tegen, en waar juist "
        "niet? Een buurtwandeling door de Vlinderbuurt met één vraag: wat zie je als je niets "
        "hoeft op te lossen?",
        ("ben", "jorben"),
    ),
    (
        "In gesprek op straat",
        "Buurthuis De Rups, Vlinderbuurt",
        "Oefenen met straatgesprekken bij winkelcentrum De Vlinder: luisteren zonder meteen te "
        "willen helpen. Uitleg van de praktijkopdracht in het eigen werk.",
        ("jorben",),
    ),
    (
        "Samen ontwerpen met bewoners",
        "Buurthuis De Rups, Vlinderbuurt",
        "Ervaringen met de praktijkopdracht uitwisselen. Een ontwerpsessie oefenen: hoe wordt "
        "een klacht een plan dat bewoners zelf dragen?",
        ("ben", "jorben"),
    ),
    (
        "Oogsten en verankeren",
        "Stadskantoor Rivierenland-Oost, zaal De Linge",
        "Terugkijken op de praktijkopdrachten en samen ophalen wat de deelnemers meenemen. Met "
        "de opdrachtgever afspreken hoe de teams buurtgericht werken vasthouden.",
        ("ben", "jorben"),
    ),
]

# Two reflections so far, by name: (tried, happened, differently, shared with the client).
REFLECTIONS = {
    "Fatima el Amrani": (
        "Drie straatgesprekken bij winkelcentrum De Vlinder, samen met Joost. Ik nam geen "
        "formulier mee, alleen koffie.",
        "Mensen vertelden veel meer dan op een inspraakavond. Twee bewoners wilden weten wat "
        "er met hun verhaal gebeurt; dat vond ik spannend, want ik kon niets beloven.",
        "Ik zeg voortaan eerlijk wat ik wel en niet kan doen, en ik ga terug om te laten horen "
        "wat er met een verhaal is gebeurd.",
        True,
    ),
    "Samira Bouzid": (
        "Een portiekgesprek aan de Atalantastraat, waarin de bewoners zelf de onderwerpen kozen.",
        "Het ging eerst een halfuur over de containers en daarna ineens over eenzaamheid op de "
        "bovenste verdiepingen. Een bewoner bood aan wekelijks bij de buurvrouw langs te gaan.",
        "Minder voorbereiden en meer ruimte laten. Ik wilde het gesprek sturen, en dat was "
        "niet nodig.",
        False,
    ),
}

# What participants will apply, per held session.
WILL_APPLY = [
    [
        "Eerst kijken en luisteren voordat ik met een oplossing kom.",
        "Vaker door de buurt lopen in plaats van alleen naar overleggen te gaan.",
        "Bewoners vragen wat hen trots maakt op de buurt, niet alleen wat er mis is.",
        "Met mijn team een buurtwandeling plannen.",
        "In kaart brengen waar ik bewoners tegenkom en waar niet.",
    ],
    [
        "Open vragen stellen en niet meteen beloven dat ik iets regel.",
        "Straatgesprekken bij de markt op zaterdag, zonder formulier.",
        "Stiltes laten vallen; mensen vertellen dan meer.",
        "Terugkomen bij mensen om te vertellen wat er met hun verhaal is gebeurd.",
        "Met een collega de straat op in plaats van alleen.",
    ],
    [
        "Bewoners laten kiezen welke richting we uitwerken.",
        "Een klacht omzetten in een vraag: wat zou u zelf willen doen?",
        "Een ontwerpsessie met stickers bij het volgende bewonersoverleg.",
        "Klein beginnen: een proef van een dag in plaats van een plan voor een jaar.",
        "De bewonersgroep zelf de agenda laten maken.",
    ],
]

# (remark, may the client read it?); most leave no remark.
REMARKS = [
    ("Fijn dat we echt de buurt in gingen in plaats van in een zaal te blijven.", True),
    (
        "De middag was te kort voor alle vragen; graag meer tijd om ervaringen uit te wisselen.",
        True,
    ),
    ("Het voorbeeld van de ruilwinkel bleef hangen.", False),
    ("Lastig om hier tijd voor vrij te maken naast het gewone werk.", True),
    ("Mooi om met bewoners in één groep te leren; je hoort hoe het aan de andere kant is.", True),
    ("Ik had graag meer over de gemeentelijke regels gehoord.", False),
]
