import datetime

import pytest
from django.urls import reverse

from impact.models import Contribution, ImpactEntry, SignificantChange
from projects.models import Theme
from tests.factories import ActivityFactory, ContributionFactory, ImpactEntryFactory

pytestmark = pytest.mark.django_db


def _url(project):
    return reverse("impact:timeline", args=[project.slug])


def test_designer_sees_shared_and_internal_entries_with_their_contribution(client, world):
    shared = ContributionFactory(
        entry__project=world.project_a, entry__title="Buren helpen elkaar", activity__title="Koffie"
    )
    ImpactEntryFactory(project=world.project_a, visibility="internal", title="Intern signaal")
    client.force_login(world.designer)
    body = client.get(_url(world.project_a)).content.decode()
    assert shared.entry.title in body and "Intern signaal" in body
    assert "Koffie" in body
    assert reverse("impact:create", args=[world.project_a.slug]) in body


def test_client_sees_shared_entries_without_edit_controls(client, world):
    ImpactEntryFactory(project=world.project_a, title="Buren helpen elkaar")
    ImpactEntryFactory(project=world.project_a, visibility="internal", title="Intern signaal")
    client.force_login(world.client_a)
    body = client.get(_url(world.project_a)).content.decode()
    assert "Buren helpen elkaar" in body
    assert "Intern signaal" not in body
    assert reverse("impact:create", args=[world.project_a.slug]) not in body


def test_client_of_another_project_gets_404(client, world):
    client.force_login(world.client_b)
    assert client.get(_url(world.project_a)).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(_url(world.project_a))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_to_the_timeline_is_405(client, world):
    client.force_login(world.designer)
    assert client.post(_url(world.project_a)).status_code == 405


def test_empty_timeline_explains_what_will_appear(client, world):
    client.force_login(world.designer)
    body = client.get(_url(world.project_a)).content.decode()
    assert "Nog geen impact vastgelegd" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "quote"}, {"Citaat"}),
        ({"theme": "THEME"}, {"Met thema"}),
        ({"date_from": "2026-02-01", "date_to": "2026-02-28"}, {"In februari"}),
        ({"visibility": "internal"}, {"Intern"}),
        ({"significant": "on"}, {"Gekozen"}),
    ],
)
def test_filters_narrow_the_timeline(client, world, query, expected):
    project = world.project_a
    theme = Theme.objects.create(name="Testthema")
    day = datetime.date(2026, 1, 10)
    ImpactEntryFactory(project=project, title="Citaat", kind="quote", occurred_on=day)
    ImpactEntryFactory(project=project, title="Met thema", occurred_on=day).themes.add(theme)
    ImpactEntryFactory(project=project, title="In februari", occurred_on=datetime.date(2026, 2, 3))
    ImpactEntryFactory(project=project, title="Intern", visibility="internal", occurred_on=day)
    chosen = ImpactEntryFactory(project=project, title="Gekozen", occurred_on=day)
    SignificantChange.objects.create(entry=chosen, period_start=day, period_end=day, reason="Omdat")
    if query.get("theme") == "THEME":
        query = {"theme": theme.pk}
    client.force_login(world.designer)
    page = client.get(_url(project), query).context["page"]
    assert {entry.title for entry in page.object_list} == expected


def test_client_cannot_filter_for_internal_entries(client, world):
    ImpactEntryFactory(project=world.project_a, visibility="internal", title="Intern signaal")
    client.force_login(world.client_a)
    body = client.get(_url(world.project_a), {"visibility": "internal"}).content.decode()
    assert "Intern signaal" not in body


def test_htmx_filter_request_gets_only_the_results(client, world):
    ImpactEntryFactory(project=world.project_a, title="Buren helpen elkaar")
    client.force_login(world.designer)
    response = client.get(_url(world.project_a), {"kind": "outcome"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Buren helpen elkaar" in body
    assert "<html" not in body


def test_timeline_is_paginated(client, world):
    ImpactEntryFactory.create_batch(25, project=world.project_a)
    client.force_login(world.designer)
    first = client.get(_url(world.project_a)).context["page"]
    second = client.get(_url(world.project_a), {"page": 2}).context["page"]
    assert (len(first.object_list), len(second.object_list)) == (20, 5)


def _fill(project, n):
    activity = ActivityFactory(project=project)
    theme = Theme.objects.first() or Theme.objects.create(name="Sociale samenhang")
    entries = ImpactEntry.objects.bulk_create(
        ImpactEntry(project=project, title=f"Uitkomst {i}", visibility="shared") for i in range(n)
    )
    Contribution.objects.bulk_create(Contribution(entry=e, activity=activity) for e in entries)
    ImpactEntry.themes.through.objects.bulk_create(
        ImpactEntry.themes.through(impactentry=e, theme=theme) for e in entries
    )
    day = datetime.date(2026, 1, 1)
    SignificantChange.objects.bulk_create(
        SignificantChange(entry=e, period_start=day, period_end=day, reason="Omdat")
        for e in entries[:3]
    )


# session, user, project (with the user's role), count, entries, themes, photos, selections,
# contributions with their activities, commitments with their parties, the theme filter's choices
@pytest.mark.parametrize(("who", "queries"), [("designer", 11), ("client_a", 11)])
def test_timeline_runs_the_same_number_of_queries_for_5_or_500_entries(
    client, world, django_assert_num_queries, who, queries
):
    url = _url(world.project_a)
    client.force_login(getattr(world, who))
    _fill(world.project_a, 5)
    client.get(url)  # warm the session
    with django_assert_num_queries(queries):
        client.get(url)
    _fill(world.project_a, 495)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.context["page"].paginator.count == 500
