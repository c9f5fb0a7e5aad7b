# ProgressReport moves from cocreation to dashboard: only Django's idea of which app owns it
# changes; the table (cocreation_progressreport) and its rows stay where they are.

import core.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cocreation', '0003_progressreport'),
        ('projects', '0002_seed_catalogue'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ProgressReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period_start', models.DateField(verbose_name='periode van')),
                        ('period_end', models.DateField(verbose_name='periode tot en met')),
                        ('status', models.CharField(choices=[('queued', 'In de wachtrij'), ('rendering', 'Wordt opgemaakt'), ('ready', 'Klaar'), ('failed', 'Mislukt')], default='queued', max_length=20, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='pogingen')),
                        ('error', models.TextField(blank=True, verbose_name='foutmelding')),
                        ('pdf', models.FileField(blank=True, upload_to=core.models.document_path, verbose_name='pdf')),
                        ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 van de pdf')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangevraagd op')),
                        ('enqueued_at', models.DateTimeField(blank=True, null=True, verbose_name='in de wachtrij gezet op')),
                        ('rendering_started_at', models.DateTimeField(blank=True, null=True, verbose_name='opmaak begonnen op')),
                        ('ready_at', models.DateTimeField(blank=True, null=True, verbose_name='klaar op')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress_reports', to='projects.project', verbose_name='project')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangevraagd door')),
                    ],
                    options={
                        'db_table': 'cocreation_progressreport',
                        'verbose_name': 'voortgangsrapportage',
                        'verbose_name_plural': 'voortgangsrapportages',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['status', 'enqueued_at'], name='report_sweep')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='report_period_in_order', violation_error_message='De einddatum ligt vóór de begindatum.'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'ready'), _negated=True), models.Q(('sha256', ''), _negated=True), _connector='OR'), name='ready_report_has_hash')],
                    },
                ),
            ],
        ),
    ]
