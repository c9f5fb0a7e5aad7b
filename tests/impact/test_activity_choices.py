"""The entry form's activity chips: the recent ones, those chosen and those searched for are
shown; any activity of the project is accepted (issue 14 §5)."""

import datetime

import pytest
from django.urls import reverse

from impact.forms.activities import RECENT
from impact.models import ImpactEntry
from tests.factories import ActivityFactory, ContributionFactory, ImpactEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities(world):
    """Twenty activities of project A, one a day from 1 January 2026; the oldest at the
    playground."""
    made = [
        ActivityFactory(
            project=world.project_a,
            title=f"Gesprek {day}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        )
        for day in range(20)
    ]
    made[0].title, made[0].location = "Koffie met buren", "Speeltuin Vlinderplein"
    made[0].save()
    return made


def _create_url(project):
    return reverse("impact:create", args=[project.slug])


def _search_url(project):
    return reverse("impact:activity_choices", args=[project.slug])


def _offered(response) -> list[int]:
    return [
        int(value) for value, _label in response.context["form"]["activities"].field.widget.choices
    ]


def test_form_shows_the_most_recent_activities_and_says_how_many_more(client, world, activities):
    client.force_login(world.designer)
    response = client.get(_create_url(world.project_a))
    newest_first = [activity.pk for activity in reversed(activities)]
    assert _offered(response) == newest_first[:RECENT]
    body = response.content.decode()
    assert "Gesprek 19" in body and "Koffie met buren" not in body
    assert f"Nog {20 - RECENT} andere activiteiten" in body
    assert 'id="activity-search-box"' in body and _search_url(world.project_a) in body


def test_an_older_activity_from_the_query_string_is_shown_ticked(client, world, activities):
    oldest = activities[0]
    client.force_login(world.designer)
    response = client.get(_create_url(world.project_a), {"activity": oldest.pk})
    assert oldest.pk in _offered(response)
    assert len(_offered(response)) == RECENT + 1
    assert response.context["form"]["activities"].value() == [oldest.pk]


def test_form_links_an_activity_it_did_not_show(client, world, activities):
    oldest = activities[0]
    client.force_login(world.designer)
    data = {"kind": "outcome", "title": "Buren kennen elkaar", "occurred_on": "2026-02-01"}
    data |= {"visibility": "internal", "activities": [oldest.pk]}
    assert oldest.pk not in _offered(client.get(_create_url(world.project_a)))
    response = client.post(_create_url(world.project_a), data)
    assert response.status_code == 302
    assert [c.activity for c in ImpactEntry.objects.get().contributions.all()] == [oldest]


def test_form_refuses_an_activity_of_another_project_it_did_not_show(client, world, activities):
    other = ActivityFactory(project=world.project_b)
    client.force_login(world.designer)
    data = {"kind": "outcome", "title": "Buren kennen elkaar", "occurred_on": "2026-02-01"}
    response = client.post(
        _create_url(world.project_a), data | {"visibility": "internal", "activities": [other.pk]}
    )
    assert response.status_code == 200
    assert "Kies alleen activiteiten van dit project." in response.content.decode()
    assert not ImpactEntry.objects.exists()


def test_a_form_with_errors_keeps_an_older_ticked_activity_in_view(client, world, activities):
    oldest = activities[0]
    client.force_login(world.designer)
    response = client.post(_create_url(world.project_a), {"activities": [oldest.pk]})
    assert response.status_code == 200
    assert oldest.pk in _offered(response)
    assert response.context["form"]["activities"].value() == [str(oldest.pk)]


def test_edit_form_shows_the_linked_older_activity(client, world, activities):
    contribution = ContributionFactory(
        entry=ImpactEntryFactory(project=world.project_a), activity=activities[0]
    )
    client.force_login(world.designer)
    url = reverse("impact:edit", args=[world.project_a.slug, contribution.entry_id])
    assert activities[0].pk in _offered(client.get(url))


def test_search_without_javascript_reloads_the_form_with_the_matches_first(
    client, world, activities
):
    client.force_login(world.designer)
    response = client.get(_create_url(world.project_a), {"zoek": "speeltuin"})
    assert _offered(response)[0] == activities[0].pk
    assert 'value="speeltuin"' in response.content.decode()


def test_search_answers_the_chips_with_the_matches_first_and_the_ticked_kept(
    client, world, activities
):
    ticked = activities[3]
    client.force_login(world.designer)
    response = client.get(
        _search_url(world.project_a), {"zoek": "Vlinderplein", "activities": [ticked.pk]}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "Koffie met buren" in body
    assert _offered(response)[0] == activities[0].pk
    assert ticked.pk in _offered(response)
    assert response.context["form"]["activities"].value() == [ticked.pk]


def test_search_finds_nothing_of_another_project(client, world, activities):
    ActivityFactory(project=world.project_b, title="Zeepkistenrace")
    client.force_login(world.designer)
    response = client.get(_search_url(world.project_a), {"zoek": "Zeepkisten"})
    assert "Zeepkistenrace" not in response.content.decode()
    assert "Geen activiteit gevonden met ‘Zeepkisten’." in response.content.decode()


def test_search_escapes_what_was_typed(client, world, activities):
    client.force_login(world.designer)
    body = client.get(_search_url(world.project_a), {"zoek": "<script>x</script>"}).content
    assert b"<script>x" not in body and b"&lt;script&gt;x" in body


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_who_may_not_log_impact_gets_404_from_the_search(client, world, activities, who):
    client.force_login(getattr(world, who))
    assert client.get(_search_url(world.project_a), {"zoek": "Gesprek"}).status_code == 404


def test_anonymous_is_sent_to_login_from_the_search(client, world):
    response = client.get(_search_url(world.project_a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_post_to_the_search_is_405(client, world):
    client.force_login(world.designer)
    assert client.post(_search_url(world.project_a)).status_code == 405


# Session, user, project, then the chips (the ones shown, how many there are); the form also
# asks for its themes and the agreed commitments.
@pytest.mark.parametrize(("url", "budget"), [(_create_url, 7), (_search_url, 5)])
def test_queries_do_not_grow_with_the_activities(
    client, world, django_assert_max_num_queries, django_assert_num_queries, url, budget
):
    project = world.project_a
    ActivityFactory.create_batch(3, project=project)
    client.force_login(world.designer)
    client.get(url(project), {"zoek": "Straatgesprek"})
    with django_assert_max_num_queries(budget) as small:
        client.get(url(project), {"zoek": "Straatgesprek"})
    ActivityFactory.create_batch(60, project=project)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url(project), {"zoek": "Straatgesprek"})
    assert len(_offered(response)) < 40
