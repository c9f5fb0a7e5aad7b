"""What a client or partner can reach: every page, partial, export and photo of a project's impact.

An internal entry, and an entry whose resident withdrew consent, must appear in none of them.
"""

import pytest
from django.urls import reverse

from impact import services
from tests.factories import ImpactEntryFactory

from .conftest import RESIDENT_WORDS, jpeg_with_gps

pytestmark = pytest.mark.django_db

SECRET = "Intern: wethouder twijfelt over budget"


def _client_views(project, entry, photo=None) -> list[tuple[str, dict]]:
    slug = project.slug
    views = [
        (reverse("impact:timeline", args=[slug]), {}),
        (reverse("impact:timeline", args=[slug]), {"HTTP_HX_REQUEST": "true"}),
        (reverse("impact:highlights", args=[slug]), {"HTTP_HX_REQUEST": "true"}),
        (reverse("impact:export", args=[slug]), {}),
        (reverse("impact:detail", args=[slug, entry.pk]), {}),
        (reverse("impact:initiatives", args=[slug]), {}),
    ]
    if photo is not None:
        views.append((reverse("impact:photo", args=[slug, entry.pk, photo.pk]), {}))
    return views


def _reachable_text(client, views) -> str:
    """Everything the client gets back, pages and files together."""
    parts = []
    for url, headers in views:
        response = client.get(url, **headers)
        assert response.status_code in {200, 404}, url
        if response.status_code == 200:
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            parts.append(f"{url} {len(content)}:" + content.decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_internal_entry_never_reaches_a_clients_page_csv_or_partial(client, world, who):
    entry = ImpactEntryFactory(
        project=world.project_a, visibility="internal", title=SECRET, description=SECRET
    )
    services.significance_mark(
        actor=world.designer,
        entry=entry,
        period_start=entry.occurred_on,
        period_end=entry.occurred_on,
        reason=SECRET,
    )
    client.force_login(getattr(world, who))
    text = _reachable_text(client, _client_views(world.project_a, entry))
    assert SECRET not in text
    assert (
        client.get(reverse("impact:detail", args=[world.project_a.slug, entry.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_withdrawn_consent_leaves_no_resident_words_or_photo_where_a_client_looks(
    client, world, who
):
    entry = services.entry_create(
        actor=world.designer,
        project=world.project_a,
        kind="quote",
        title="Citaat van een bewoner",
        description=RESIDENT_WORDS,
        involves_resident=True,
        consent_method="written",
        consent_date=world.project_a.created_at.date(),
        consent_scope="client",
        visibility="shared",
        photos=[jpeg_with_gps()],
    )
    photo = entry.photos.get()
    services.significance_mark(
        actor=world.designer,
        entry=entry,
        period_start=entry.occurred_on,
        period_end=entry.occurred_on,
        reason=f"Omdat zij zei: {RESIDENT_WORDS}",
    )
    views = _client_views(world.project_a, entry, photo)
    client.force_login(getattr(world, who))
    assert RESIDENT_WORDS in _reachable_text(client, views)  # shared while consent holds
    photo_url = views[-1][0]
    assert client.get(photo_url).status_code == 200

    services.consent_withdraw(actor=world.designer, entry=entry, note="Belde op")

    text = _reachable_text(client, views)
    assert RESIDENT_WORDS not in text
    assert "Citaat van een bewoner" not in text
    assert client.get(photo_url).status_code == 404


def test_photo_of_an_internal_entry_is_404_for_a_client(client, world):
    entry = services.entry_create(
        actor=world.designer, project=world.project_a, title="Plein", photos=[jpeg_with_gps()]
    )
    url = reverse("impact:photo", args=[world.project_a.slug, entry.pk, entry.photos.get().pk])
    client.force_login(world.client_a)
    assert client.get(url).status_code == 404
    client.force_login(world.designer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-cache" in response["Cache-Control"]


def test_photo_is_not_found_through_another_entry(client, world):
    entry = services.entry_create(
        actor=world.designer, project=world.project_a, title="Plein", photos=[jpeg_with_gps()]
    )
    other = ImpactEntryFactory(project=world.project_a)
    url = reverse("impact:photo", args=[world.project_a.slug, other.pk, entry.photos.get().pk])
    client.force_login(world.designer)
    assert client.get(url).status_code == 404


def test_photo_anonymous_is_sent_to_login_and_post_is_405(client, world):
    entry = services.entry_create(
        actor=world.designer, project=world.project_a, title="Plein", photos=[jpeg_with_gps()]
    )
    url = reverse("impact:photo", args=[world.project_a.slug, entry.pk, entry.photos.get().pk])
    assert client.get(url).status_code == 302
    client.force_login(world.designer)
    assert client.post(url).status_code == 405


def test_highlights_show_the_shared_significant_change(client, world):
    entry = ImpactEntryFactory(project=world.project_a, title="Buren organiseren zelf")
    services.significance_mark(
        actor=world.designer,
        entry=entry,
        period_start=entry.occurred_on,
        period_end=entry.occurred_on,
        reason="Eerste eigen initiatief",
    )
    client.force_login(world.client_a)
    body = client.get(reverse("impact:highlights", args=[world.project_a.slug])).content.decode()
    assert "Buren organiseren zelf" in body and "Eerste eigen initiatief" in body


def test_highlights_404_for_another_client_and_405_for_post(client, world):
    url = reverse("impact:highlights", args=[world.project_a.slug])
    assert client.get(url).status_code == 302
    client.force_login(world.client_b)
    assert client.get(url).status_code == 404
    client.force_login(world.client_a)
    assert client.post(url).status_code == 405


def test_highlights_run_the_same_number_of_queries_for_few_or_many_entries(
    client, world, django_assert_num_queries
):
    from tests.factories import OwnershipStepFactory

    url = reverse("impact:highlights", args=[world.project_a.slug])
    client.force_login(world.client_a)
    ImpactEntryFactory(project=world.project_a)
    OwnershipStepFactory(initiative__project=world.project_a)
    client.get(url)
    # session, user, project (with the user's role), selections, entries, initiatives (with
    # their steps)
    with django_assert_num_queries(6):
        client.get(url)
    for entry in ImpactEntryFactory.create_batch(8, project=world.project_a):
        services.significance_mark(
            actor=world.designer,
            entry=entry,
            period_start=entry.occurred_on,
            period_end=entry.occurred_on,
            reason="Omdat",
        )
    OwnershipStepFactory.create_batch(6, initiative__project=world.project_a)
    with django_assert_num_queries(6):
        client.get(url)
