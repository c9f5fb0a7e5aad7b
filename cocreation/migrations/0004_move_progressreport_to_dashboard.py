# ProgressReport moved to the dashboard app (dashboard 0001 takes it over in the state); the
# table stays, so nothing happens in the database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cocreation', '0003_progressreport'),
        ('dashboard', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='ProgressReport')],
        ),
    ]
