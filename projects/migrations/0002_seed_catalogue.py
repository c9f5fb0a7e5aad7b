"""Seed the service catalogue and the four themes (DESIGN §1); the admin edits them later."""

from decimal import Decimal

from django.db import migrations

SERVICES = {
    "Buurtexpeditie": (
        "Uitvoerend werk in de buurt: straatgesprekken, bijeenkomsten, interventies en het "
        "coachen van bewoners.",
        [
            ("Buurtverkenning", "Een korte expeditie om de buurt en haar vragen te leren kennen.",
             8, 60, Decimal("6500.00")),
            ("Buurtexpeditie", "Het hele traject: ontdekken, ontwerpen, doen en verankeren.",
             26, 220, Decimal("21500.00")),
            ("Buurtexpeditie Plus", "Het hele traject met langere coaching van bewoners bij de "
             "uitvoering.", 52, 400, Decimal("38000.00")),
        ],
    ),
    "Buurtwerk": (
        "Trainingen voor professionals en bewoners in buurtgericht werken.",
        [
            ("Buurtwerk Basis", "Een training van twee dagdelen.", 2, 16, Decimal("2400.00")),
            ("Buurtwerk Verdieping", "Een leertraject van vier bijeenkomsten met praktijkopdracht.",
             8, 40, Decimal("5800.00")),
            ("Buurtwerk op maat", "Een traject op maat voor een team of organisatie.",
             12, 60, Decimal("8500.00")),
        ],
    ),
}
THEMES = [
    ("Sociale samenhang", "Bewoners kennen elkaar, helpen elkaar en voelen zich verbonden."),
    ("Leefbaarheid", "Een buurt waar het prettig, schoon, groen en veilig wonen is."),
    ("Buurteconomie", "Lokale bedrijvigheid, ruilen en werk dichtbij huis."),
    ("Eigenaarschap bewoners", "Bewoners nemen zelf het initiatief en de regie."),
]


def seed(apps, schema_editor):
    Service = apps.get_model("projects", "Service")
    ServiceVariant = apps.get_model("projects", "ServiceVariant")
    Theme = apps.get_model("projects", "Theme")
    for name, (description, variants) in SERVICES.items():
        service, _ = Service.objects.get_or_create(name=name, defaults={"description": description})
        for v_name, v_description, weeks, hours, fee in variants:
            ServiceVariant.objects.get_or_create(
                service=service,
                name=v_name,
                defaults={
                    "description": v_description,
                    "typical_weeks": weeks,
                    "typical_hours": hours,
                    "fee": fee,
                },
            )
    for name, description in THEMES:
        Theme.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
