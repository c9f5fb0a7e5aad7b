"""Designer hours on an activity: optional, in half hours from 0 to 24, with Dutch messages,
audited like every other field, and without a query more for the quick-log."""

from decimal import Decimal

import pytest

from projects.models import Activity, AuditEntry
from projects.services.activities import activity_update
from tests.projects.test_activity_views import create_url, designer, form_data, phases

pytestmark = pytest.mark.django_db
__all__ = ["designer", "phases"]  # the activity views' fixtures, used here too


def _post(client, world, phases, hours):
    data = form_data(phases["a"], title="Gesprek met uren", hours=hours)
    return client.post(create_url(world.project_a), data)


@pytest.mark.parametrize(("sent", "stored"), [("1.5", Decimal("1.5")), ("24", 24), ("", None)])
def test_hours_are_stored_in_half_hours_or_left_empty(
    client, designer, world, phases, sent, stored
):
    assert _post(client, world, phases, sent).status_code == 302
    assert Activity.objects.get(title="Gesprek met uren").hours == stored


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ("1.25", "Vul de uren in stappen van een half uur in, bijvoorbeeld 1,5."),
        ("0.3", "Vul de uren in stappen van een half uur in, bijvoorbeeld 1,5."),
        ("-1", "Het aantal uren kan niet negatief zijn."),
        ("24.5", "Vul hoogstens 24 uur in; verdeel langer werk over meer activiteiten."),
        ("300", "Vul hoogstens 24 uur in; verdeel langer werk over meer activiteiten."),
        ("veel", "Vul een aantal uren in, bijvoorbeeld 1,5."),
    ],
)
def test_other_hours_are_refused_in_dutch(client, designer, world, phases, sent, message):
    response = _post(client, world, phases, sent)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.filter(title="Gesprek met uren").exists()


def test_the_form_offers_half_hour_steps(client, designer, world, phases):
    html = client.get(create_url(world.project_a)).content.decode()
    assert 'name="hours"' in html and 'step="0.5"' in html and 'max="24"' in html


def test_a_change_of_hours_is_audited(world, phases):
    activity = Activity.objects.create(
        project=world.project_a, kind="meeting", title="Overleg", hours=Decimal(2)
    )
    activity_update(actor=world.designer, activity=activity, hours=Decimal("3.5"))
    entry = AuditEntry.objects.get(target_id=activity.pk, action="updated")
    assert entry.changes["hours"] == ["2.0", "3.5"]


def test_quick_log_with_hours_stays_within_its_query_budget(
    client, designer, world, phases, django_assert_max_num_queries
):
    # The budget of test_quick_log_post_stays_within_its_query_budget: noting hours costs none.
    _post(client, world, phases, "1")
    with django_assert_max_num_queries(9):
        assert _post(client, world, phases, "2.5").status_code == 302
