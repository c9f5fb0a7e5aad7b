"""Seed the template of each of the six service variants (issue 16 §5): default phases with
indicative weeks, default activity kinds, and the default approach and principles of a first
agreement draft. Only what is still empty is filled: a template the admin edited stays.

The texts describe a process and shared responsibility, never a promised output."""

from django.db import migrations

SHARED_RESPONSIBILITY = (
    "We werken in co-creatie: alle partijen zijn gelijkwaardig betrokken en samen "
    "verantwoordelijk voor het proces. Geen enkele partij, ook De Buurtontdekkers niet, is "
    "alleen verantwoordelijk voor het eindresultaat."
)
NO_FIXED_RESULTS = (
    "We leggen vooraf geen resultaten vast. Wat er ontstaat, ontdekken we onderweg en leggen we "
    "samen vast zodra het zich voordoet."
)
DECIDE_TOGETHER = (
    "Aan het eind van elke fase besluiten alle partijen samen of we doorgaan zoals afgesproken, "
    "bijsturen of stoppen. Bij elk reflectiemoment kijken we terug op wat iedere partij heeft "
    "ingebracht."
)
RESIDENTS_LEAD = (
    "Bewoners houden zoveel mogelijk zelf de regie; wij ondersteunen, zij bepalen de richting."
)
LEARNING_HARVESTED = (
    "Wat deelnemers leren, leggen we vooraf niet vast: we oogsten het samen met hen, tijdens de "
    "bijeenkomsten en aan het eind."
)

DISCOVER = "De buurt leren kennen: in gesprek met bewoners, luisteren, verkennen."
DESIGN = "Samen met bewoners ideeën uitwerken tot plannen."
DO = "Plannen uitvoeren, met bewoners aan het roer en ons als coach."
ANCHOR = "Zorgen dat het blijft: eigenaarschap bij bewoners en partners."

EXPEDITION_KINDS = ["street_conversation", "meeting", "workshop", "intervention", "coaching"]

TEMPLATES = {
    ("Buurtexpeditie", "Buurtverkenning"): {
        "kinds": ["street_conversation", "meeting", "workshop"],
        "phases": [
            (
                "Ontdekken",
                "Op straat, bij de voordeur en op plekken waar mensen elkaar treffen in gesprek "
                "met bewoners, ondernemers en partners; luisteren naar wat er leeft.",
                4,
            ),
            ("Ontwerpen", "Samen met bewoners duiden wat we hoorden en kansen kiezen.", 2),
            ("Doen", "Een kleine eerste proef in de buurt, door bewoners mee bedacht.", 1),
            (
                "Verankeren",
                "Samen terugkijken en bespreken wie wat oppakt en wat er daarna nodig is.",
                1,
            ),
        ],
        "approach": (
            "In de Buurtverkenning leren we de buurt en haar vragen kennen, samen met bewoners, "
            "de opdrachtgever en partners. We gaan de straat op, luisteren en brengen in beeld "
            "wat er leeft. Wat we horen, duiden we samen; welke kant het op gaat, weten we pas "
            "onderweg. Ook het gesprek over wat er na de verkenning nodig is, hoort bij het traject."
        ),
        "principles": "\n\n".join([SHARED_RESPONSIBILITY, NO_FIXED_RESULTS, DECIDE_TOGETHER]),
    },
    ("Buurtexpeditie", "Buurtexpeditie"): {
        "kinds": EXPEDITION_KINDS,
        "phases": [
            ("Ontdekken", DISCOVER, 6),
            ("Ontwerpen", DESIGN, 6),
            ("Doen", DO, 10),
            ("Verankeren", ANCHOR, 4),
        ],
        "approach": (
            "De Buurtexpeditie is één doorlopend traject: ontdekken, ontwerpen, doen en "
            "verankeren. Als buurtdesigners werken we samen met bewoners aan de vraag van de "
            "buurt: we gaan in gesprek, ontwerpen samen oplossingen en coachen bewoners bij het "
            "uitvoeren ervan. Het traject wordt niet in tweeën geknipt; de uitvoering en het "
            "verankeren horen er vanaf het begin bij."
        ),
        "principles": "\n\n".join(
            [SHARED_RESPONSIBILITY, NO_FIXED_RESULTS, RESIDENTS_LEAD, DECIDE_TOGETHER]
        ),
    },
    ("Buurtexpeditie", "Buurtexpeditie Plus"): {
        "kinds": EXPEDITION_KINDS,
        "phases": [
            ("Ontdekken", DISCOVER, 8),
            ("Ontwerpen", DESIGN, 8),
            ("Doen", DO, 24),
            (
                "Verankeren",
                "Bewoners en partners nemen het stap voor stap over; wij coachen op afstand tot "
                "het zonder ons verder kan.",
                12,
            ),
        ],
        "approach": (
            "De Buurtexpeditie Plus is één doorlopend traject: ontdekken, ontwerpen, doen en "
            "verankeren, met langere coaching van bewoners bij de uitvoering. We gaan in gesprek "
            "met bewoners, ontwerpen samen oplossingen en blijven naast bewoners staan terwijl "
            "zij hun plannen uitvoeren, tot zij en de partners in de buurt het zelf dragen. Het "
            "traject wordt niet in tweeën geknipt; de uitvoering en het verankeren horen er vanaf "
            "het begin bij."
        ),
        "principles": "\n\n".join(
            [SHARED_RESPONSIBILITY, NO_FIXED_RESULTS, RESIDENTS_LEAD, DECIDE_TOGETHER]
        ),
    },
    ("Buurtwerk", "Buurtwerk Basis"): {
        "kinds": ["training"],
        "phases": [
            (
                "Afstemmen",
                "Met de opdrachtgever en de deelnemers afstemmen wat zij in hun werk tegenkomen "
                "en waar de training over moet gaan.",
                1,
            ),
            (
                "Trainen",
                "Twee dagdelen buurtgericht werken: ervaren, oefenen en uitwisselen.",
                1,
            ),
            (
                "Oogsten",
                "Samen terugkijken: wat nemen de deelnemers mee naar hun eigen praktijk?",
                1,
            ),
        ],
        "approach": (
            "Buurtwerk Basis is een training van twee dagdelen in buurtgericht werken. We stemmen "
            "het programma vooraf af op de praktijk van de deelnemers, werken in de bijeenkomsten "
            "met hun eigen voorbeelden en kijken na afloop samen terug."
        ),
        "principles": "\n\n".join([SHARED_RESPONSIBILITY, LEARNING_HARVESTED]),
    },
    ("Buurtwerk", "Buurtwerk Verdieping"): {
        "kinds": ["training", "coaching"],
        "phases": [
            (
                "Afstemmen",
                "Een intake met de opdrachtgever en de deelnemers over hun werk en hun vragen.",
                1,
            ),
            (
                "Leren en oefenen",
                "De bijeenkomsten van het leertraject, met tussendoor een praktijkopdracht in het "
                "eigen werk en de reflectie daarop.",
                6,
            ),
            (
                "Oogsten",
                "Samen ophalen wat de deelnemers hebben geleerd en hoe zij het toepassen.",
                1,
            ),
        ],
        "approach": (
            "Buurtwerk Verdieping is een leertraject van een reeks bijeenkomsten met een "
            "praktijkopdracht. Deelnemers oefenen buurtgericht werken in hun eigen werk en "
            "reflecteren daar samen op. De bijeenkomsten bouwen voort op wat de deelnemers "
            "meebrengen; het programma stemmen we onderweg af."
        ),
        "principles": "\n\n".join([SHARED_RESPONSIBILITY, LEARNING_HARVESTED]),
    },
    ("Buurtwerk", "Buurtwerk op maat"): {
        "kinds": ["training", "coaching", "workshop"],
        "phases": [
            ("Verkennen", "Met het team verkennen wat er speelt en wat het wil leren.", 2),
            ("Ontwerpen", "Samen het leertraject op maat ontwerpen.", 2),
            (
                "Leren in de praktijk",
                "Bijeenkomsten, coaching op de werkvloer en praktijkopdrachten, in een ritme dat "
                "bij het team past.",
                7,
            ),
            (
                "Oogsten en verankeren",
                "Ophalen wat het team heeft geleerd en afspreken hoe het dit vasthoudt.",
                1,
            ),
        ],
        "approach": (
            "Buurtwerk op maat is een leertraject dat we samen met een team of organisatie "
            "ontwerpen. We beginnen bij de praktijk van het team: wat speelt er in de buurten "
            "waar het werkt, en wat wil het leren? Daarop stemmen we bijeenkomsten, coaching en "
            "praktijkopdrachten af, en we sturen onderweg samen bij."
        ),
        "principles": "\n\n".join([SHARED_RESPONSIBILITY, LEARNING_HARVESTED, DECIDE_TOGETHER]),
    },
}


def seed(apps, schema_editor):
    """Fill the template of each seeded variant where it is still empty."""
    ServiceVariant = apps.get_model("projects", "ServiceVariant")
    VariantPhase = apps.get_model("projects", "VariantPhase")
    for (service, name), template in TEMPLATES.items():
        variant = ServiceVariant.objects.filter(service__name=service, name=name).first()
        if variant is None:
            continue
        changed = []
        for field, key in [
            ("default_activity_kinds", "kinds"),
            ("default_approach", "approach"),
            ("default_principles", "principles"),
        ]:
            if not getattr(variant, field):
                setattr(variant, field, template[key])
                changed.append(field)
        if changed:
            variant.save(update_fields=changed)
        if not VariantPhase.objects.filter(variant=variant).exists():
            VariantPhase.objects.bulk_create(
                VariantPhase(
                    variant=variant,
                    order=order,
                    name=phase,
                    description=description,
                    indicative_weeks=weeks,
                )
                for order, (phase, description, weeks) in enumerate(template["phases"])
            )


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_variant_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
