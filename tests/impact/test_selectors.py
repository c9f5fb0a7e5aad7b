import datetime

import pytest

from impact import services
from impact.selectors import entries_visible_to, initiatives_visible_to
from tests.factories import ImpactEntryFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(world):
    project = world.project_a
    consent = {
        "involves_resident": True,
        "consent_method": "written",
        "consent_date": datetime.date(2026, 1, 5),
    }
    return {
        "shared": ImpactEntryFactory(project=project, visibility="shared"),
        "internal": ImpactEntryFactory(project=project, visibility="internal"),
        "resident_shared": ImpactEntryFactory(
            project=project, visibility="shared", consent_scope="client", **consent
        ),
        "resident_published": ImpactEntryFactory(
            project=project, visibility="shared", consent_scope="publication", **consent
        ),
        "resident_internal_only": ImpactEntryFactory(
            project=project, visibility="internal", consent_scope="internal", **consent
        ),
        "resident_without_consent": ImpactEntryFactory(
            project=project, visibility="internal", involves_resident=True
        ),
        "other_project": ImpactEntryFactory(project=world.project_b, visibility="shared"),
    }


def _names(entries, queryset):
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, entry in entries.items() if entry.pk in ids}


@pytest.mark.parametrize("who", ["designer", "admin"])
def test_designers_see_every_entry_of_the_project(world, entries, who):
    visible = _names(entries, entries_visible_to(getattr(world, who), world.project_a))
    assert visible == set(entries) - {"other_project"}


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_clients_and_partners_see_only_shared_entries_with_consent(world, entries, who):
    visible = _names(entries, entries_visible_to(getattr(world, who), world.project_a))
    assert visible == {"shared", "resident_shared", "resident_published"}


def test_withdrawn_consent_hides_the_entry_from_clients_at_once(world, entries):
    services.consent_withdraw(
        actor=world.designer, entry=entries["resident_shared"], note="Belde op"
    )
    visible = _names(entries, entries_visible_to(world.client_a, world.project_a))
    assert visible == {"shared", "resident_published"}


def test_clients_see_only_shared_initiatives(world):
    shared = InitiativeFactory(project=world.project_a, visibility="shared")
    InitiativeFactory(project=world.project_a, visibility="internal")
    assert list(initiatives_visible_to(world.client_a, world.project_a)) == [shared]
    assert initiatives_visible_to(world.designer, world.project_a).count() == 2
