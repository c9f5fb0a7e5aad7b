"""The Buurtwerk service is a training: its variants say how many sessions a new trajectory
starts with, their rhythm, whether participants do a practice assignment and the attendance a
certificate of participation asks (75 %). Seeded again after a flush (projects/apps.py)."""

from django.db import migrations

TRAININGS = {
    # variant: (sessions, days between them, practice assignment)
    "Buurtwerk Basis": (2, 7, False),
    "Buurtwerk Verdieping": (4, 14, True),
    "Buurtwerk op maat": (3, 14, True),
}


def seed(apps, schema_editor):
    Service = apps.get_model("projects", "Service")
    ServiceVariant = apps.get_model("projects", "ServiceVariant")
    Service.objects.filter(name="Buurtwerk").update(is_training=True)
    for name, (sessions, interval, practice) in TRAININGS.items():
        ServiceVariant.objects.filter(service__name="Buurtwerk", name=name).update(
            session_count=sessions,
            session_interval_days=interval,
            has_practice_assignment=practice,
            certificate_min_percent=75,
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0010_training_variant_fields")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
