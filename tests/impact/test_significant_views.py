import pytest
from django.urls import reverse

from impact.models import SignificantChange
from tests.factories import ImpactEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(world):
    return ImpactEntryFactory(project=world.project_a, title="Buren organiseren zelf")


def _url(entry):
    return reverse("impact:significant", args=[entry.project.slug, entry.pk])


def _form(**extra):
    return {
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "reason": "Voor het eerst namen bewoners zelf het initiatief.",
        **extra,
    }


def test_designer_marks_an_entry_most_significant_with_a_reason(client, world, entry):
    client.force_login(world.designer)
    response = client.post(_url(entry), _form())
    assert response.status_code == 302
    selection = SignificantChange.objects.get()
    assert selection.entry == entry and selection.selected_by == world.designer


def test_client_sees_the_teams_choice_and_reason(client, world, entry):
    client.force_login(world.designer)
    client.post(_url(entry), _form())
    client.force_login(world.client_a)
    detail = reverse("impact:detail", args=[entry.project.slug, entry.pk])
    assert "Voor het eerst namen bewoners" in client.get(detail).content.decode()


def test_same_period_twice_is_a_form_error(client, world, entry):
    client.force_login(world.designer)
    client.post(_url(entry), _form())
    response = client.post(_url(entry), _form())
    assert response.status_code == 200
    assert "al gekozen" in response.content.decode()
    assert SignificantChange.objects.count() == 1


def test_period_ending_before_it_starts_is_a_form_error(client, world, entry):
    client.force_login(world.designer)
    response = client.post(_url(entry), _form(period_end="2025-12-01"))
    assert response.context["form"].has_error("period_end")


def test_client_gets_404_for_marking(client, world, entry):
    client.force_login(world.client_a)
    assert client.get(_url(entry)).status_code == 404
    assert client.post(_url(entry), _form()).status_code == 404
    assert not SignificantChange.objects.exists()


def test_anonymous_is_sent_to_login_from_marking(client, world, entry):
    response = client.post(_url(entry), _form())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_put_to_marking_is_405(client, world, entry):
    client.force_login(world.designer)
    assert client.put(_url(entry)).status_code == 405
