"""Seed what each of the six service variants suggests every party commits to (issue 16 §5):
the first draft of a new project's agreement starts with these. A variant that already has
suggestions keeps them as the admin made them.

Commitments are what a party brings in (time, a contact person, a place, knowledge), never a
promised output."""

from django.db import migrations

CLIENT, OWN, PARTNER = "client", "own", "partner"

EXPEDITION = [
    (
        CLIENT,
        "contact",
        "Een vaste contactpersoon die meedenkt over keuzes onderweg en aansluit bij de "
        "reflectiemomenten.",
    ),
    (
        CLIENT,
        "knowledge",
        "Deelt wat de organisatie over de buurt weet en brengt ons in contact met het eigen "
        "netwerk: wijkteam, beheer en partners.",
    ),
    (
        CLIENT,
        "time",
        "Besluit aan het eind van elke fase samen met de andere partijen over het vervolg.",
    ),
    (
        OWN,
        "time",
        "Buurtdesigners zijn regelmatig in de buurt, in een ritme dat we samen afspreken.",
    ),
    (
        OWN,
        "knowledge",
        "Begeleiden het proces en leggen vast wat er ontstaat, zodat iedere partij het kan "
        "volgen.",
    ),
    (
        OWN,
        "other",
        "Coachen bewoners bij het uitvoeren van hun eigen ideeën, zonder het van hen over te "
        "nemen.",
    ),
    (
        PARTNER,
        "energy",
        "Denkt en doet mee vanuit de eigen ervaring in de buurt, naar eigen kunnen en tijd.",
    ),
    (
        PARTNER,
        "contact",
        "Een aanspreekpunt dat meepraat bij de reflectiemomenten en de buurt laat meekijken.",
    ),
]

EXPLORATION = [
    (
        CLIENT,
        "contact",
        "Een vaste contactpersoon die meedenkt en aansluit bij het gesprek over wat we "
        "hebben gehoord.",
    ),
    (
        CLIENT,
        "knowledge",
        "Deelt wat de organisatie al over de buurt weet en welke plannen er spelen.",
    ),
    (
        OWN,
        "time",
        "Buurtdesigners gaan de buurt in: gesprekken op straat, bij de voordeur en op "
        "ontmoetingsplekken.",
    ),
    (
        OWN,
        "knowledge",
        "Brengen in beeld wat er leeft en bespreken dat met alle partijen, zonder het vooraf "
        "in te vullen.",
    ),
    (
        PARTNER,
        "energy",
        "Vertelt wat er in de buurt speelt en brengt ons in contact met buren.",
    ),
]

TRAINING = [
    (
        CLIENT,
        "time",
        "Geeft deelnemers tijd en ruimte om de bijeenkomsten bij te wonen en de "
        "praktijkopdrachten in hun eigen werk te doen.",
    ),
    (
        CLIENT,
        "contact",
        "Een contactpersoon die het programma mee afstemt en bij de terugblik aansluit.",
    ),
    (CLIENT, "place", "Zorgt voor een geschikte ruimte voor de bijeenkomsten."),
    (
        OWN,
        "time",
        "Verzorgen de training: voorbereiding, bijeenkomsten en materiaal.",
    ),
    (
        OWN,
        "knowledge",
        "Stemmen het programma af op de praktijk van de deelnemers en halen samen met hen op "
        "wat zij leren.",
    ),
    (
        PARTNER,
        "knowledge",
        "Brengt voorbeelden en vragen uit de eigen praktijk in de buurt in.",
    ),
]

CUSTOM_TRAINING = [
    *TRAINING[:3],
    (
        CLIENT,
        "knowledge",
        "Vertelt wat het team in de buurten tegenkomt en wat het wil leren.",
    ),
    *TRAINING[3:5],
    (
        OWN,
        "other",
        "Coachen het team op de werkvloer, in een ritme dat bij het team past.",
    ),
    TRAINING[5],
]

SUGGESTIONS = {
    ("Buurtexpeditie", "Buurtverkenning"): EXPLORATION,
    ("Buurtexpeditie", "Buurtexpeditie"): EXPEDITION,
    ("Buurtexpeditie", "Buurtexpeditie Plus"): EXPEDITION,
    ("Buurtwerk", "Buurtwerk Basis"): TRAINING,
    ("Buurtwerk", "Buurtwerk Verdieping"): TRAINING,
    ("Buurtwerk", "Buurtwerk op maat"): CUSTOM_TRAINING,
}


def seed(apps, schema_editor):
    """Give each seeded variant without suggestions its default ones."""
    ServiceVariant = apps.get_model("projects", "ServiceVariant")
    SuggestedCommitment = apps.get_model("cocreation", "SuggestedCommitment")
    for (service, name), suggestions in SUGGESTIONS.items():
        variant = ServiceVariant.objects.filter(service__name=service, name=name).first()
        if variant is None or SuggestedCommitment.objects.filter(variant=variant).exists():
            continue
        SuggestedCommitment.objects.bulk_create(
            SuggestedCommitment(
                variant=variant, party_role=role, kind=kind, description=text, order=order
            )
            for order, (role, kind, text) in enumerate(suggestions)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cocreation", "0010_suggested_commitments"),
        ("projects", "0006_seed_variant_templates"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
