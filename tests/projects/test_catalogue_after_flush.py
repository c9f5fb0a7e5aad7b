"""A flush (every transactional and browser test ends with one) leaves the seeded catalogue."""

import pytest
from django.core.management import call_command

from projects.models import Service, ServiceVariant, Theme


@pytest.mark.django_db(transaction=True)
def test_flush_restores_the_catalogue_migration_0002_seeds():
    call_command("flush", interactive=False, verbosity=0)

    assert Service.objects.count() == 2
    assert ServiceVariant.objects.count() == 6
    assert Theme.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_an_edited_catalogue_is_left_as_the_admin_made_it():
    Theme.objects.filter(name="Buurteconomie").delete()

    call_command("migrate", verbosity=0)

    assert not Theme.objects.filter(name="Buurteconomie").exists()
