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


def _templates() -> dict:
    """Every variant's template as plain data: phases, kinds, texts, suggested commitments."""
    from cocreation.models import SuggestedCommitment

    return {
        str(v): {
            "phases": list(
                v.template_phases.order_by("order").values_list(
                    "name", "description", "indicative_weeks"
                )
            ),
            "kinds": v.default_activity_kinds,
            "texts": (v.default_approach, v.default_principles),
            "suggested": list(
                SuggestedCommitment.objects.filter(variant=v)
                .order_by("party_role", "order")
                .values_list("party_role", "kind", "description")
            ),
        }
        for v in ServiceVariant.objects.select_related("service")
    }


@pytest.mark.django_db(transaction=True)
def test_flush_restores_the_variant_templates_the_data_migrations_seed():
    seeded = _templates()
    assert all(t["phases"] and t["kinds"] and all(t["texts"]) for t in seeded.values())
    assert all(t["suggested"] for t in seeded.values())

    call_command("flush", interactive=False, verbosity=0)

    assert _templates() == seeded


@pytest.mark.django_db(transaction=True)
def test_an_edited_template_is_left_as_the_admin_made_it():
    from cocreation.models import SuggestedCommitment

    variant = ServiceVariant.objects.get(name="Buurtwerk Basis")
    variant.template_phases.all().delete()
    variant.default_approach = ""
    variant.save()
    SuggestedCommitment.objects.filter(variant=variant).delete()

    call_command("migrate", verbosity=0)

    assert not variant.template_phases.exists()
    assert not SuggestedCommitment.objects.filter(variant=variant).exists()
    variant.refresh_from_db()
    assert variant.default_approach == ""
