import pytest
from django.urls import reverse

from impact.models import ImpactEntry
from projects.models import AuditEntry
from tests.edits import edit_base
from tests.factories import ActivityFactory, ContributionFactory, ImpactEntryFactory

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db


def _create_url(project):
    return reverse("impact:create", args=[project.slug])


def _form(**extra):
    data = {
        "kind": "outcome",
        "title": "Buren groeten elkaar nu",
        "occurred_on": "2026-01-20",
        "visibility": "internal",
        "consent_method": "",
    }
    data.update(extra)
    return data


# create


def test_activity_in_the_query_string_is_preselected(client, world, activity):
    client.force_login(world.designer)
    response = client.get(_create_url(world.project_a), {"activity": activity.pk})
    assert response.context["form"]["activities"].initial == [activity.pk]
    assert activity.title in response.content.decode()


def test_activity_of_another_project_in_the_query_string_is_ignored(client, world):
    other = ActivityFactory(project=world.project_b)
    client.force_login(world.designer)
    response = client.get(_create_url(world.project_a), {"activity": other.pk})
    assert response.context["from_activity"] is None
    assert not response.context["form"]["activities"].initial


def test_designer_records_an_entry_linked_to_an_activity(client, world, activity):
    client.force_login(world.designer)
    response = client.post(
        _create_url(world.project_a), _form(activities=[activity.pk], photos=[jpeg_with_gps()])
    )
    assert response.status_code == 302
    assert response.url == reverse("impact:timeline", args=[world.project_a.slug])
    entry = ImpactEntry.objects.get()
    assert [c.activity for c in entry.contributions.all()] == [activity]
    assert entry.photos.count() == 1
    assert entry.recorded_by == world.designer


def test_tampered_activity_of_another_project_is_a_form_error(client, world, activity):
    other = ActivityFactory(project=world.project_b)
    client.force_login(world.designer)
    response = client.post(_create_url(world.project_a), _form(activities=[activity.pk, other.pk]))
    assert response.status_code == 200
    assert "Kies alleen activiteiten van dit project." in response.content.decode()
    assert not ImpactEntry.objects.exists()


def test_sharing_a_residents_quote_without_consent_is_a_form_error(client, world):
    client.force_login(world.designer)
    response = client.post(
        _create_url(world.project_a),
        _form(kind="quote", involves_resident="on", visibility="shared"),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("visibility")
    assert not ImpactEntry.objects.exists()


def test_residents_quote_with_consent_for_the_client_is_shared(client, world):
    client.force_login(world.designer)
    response = client.post(
        _create_url(world.project_a),
        _form(
            kind="quote",
            involves_resident="on",
            consent_method="verbal",
            consent_date="2026-01-20",
            consent_scope="client",
            visibility="shared",
        ),
    )
    assert response.status_code == 302
    entry = ImpactEntry.objects.get()
    assert (entry.visibility, entry.consent_scope) == ("shared", "client")


def test_consent_is_not_kept_when_no_resident_is_involved(client, world):
    client.force_login(world.designer)
    client.post(
        _create_url(world.project_a),
        _form(consent_method="verbal", consent_date="2026-01-20", consent_scope="client"),
    )
    entry = ImpactEntry.objects.get()
    assert (entry.consent_method, entry.consent_date, entry.consent_scope) == ("", None, "")


@pytest.mark.parametrize("who", ["client_a", "partner"])
def test_client_gets_404_for_the_create_form(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(_create_url(world.project_a)).status_code == 404
    assert client.post(_create_url(world.project_a), _form()).status_code == 404
    assert not ImpactEntry.objects.exists()


def test_anonymous_is_sent_to_login_from_the_create_form(client, world):
    response = client.get(_create_url(world.project_a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_put_to_the_create_form_is_405(client, world):
    client.force_login(world.designer)
    assert client.put(_create_url(world.project_a)).status_code == 405


# detail


def _detail_url(entry):
    return reverse("impact:detail", args=[entry.project.slug, entry.pk])


def test_detail_shows_the_contributing_activities(client, world):
    contribution = ContributionFactory(
        entry__project=world.project_a, activity__title="Straatgesprek bij de school"
    )
    client.force_login(world.client_a)
    body = client.get(_detail_url(contribution.entry)).content.decode()
    assert "Straatgesprek bij de school" in body
    assert (
        reverse("projects:activity_detail", args=[world.project_a.slug, contribution.activity_id])
        in body
    )


def test_client_sees_no_edit_controls_or_consent_details_on_the_detail(client, world, quote):
    client.force_login(world.client_a)
    body = client.get(_detail_url(quote)).content.decode()
    assert reverse("impact:edit", args=[world.project_a.slug, quote.pk]) not in body
    assert "Toestemming intrekken" not in body
    assert "Mondeling" not in body


def test_designer_sees_edit_controls_and_consent_on_the_detail(client, world, quote):
    client.force_login(world.designer)
    body = client.get(_detail_url(quote)).content.decode()
    assert reverse("impact:edit", args=[world.project_a.slug, quote.pk]) in body
    assert reverse("impact:consent_withdraw", args=[world.project_a.slug, quote.pk]) in body
    assert "Mondeling" in body


def test_client_of_another_project_gets_404_for_the_detail(client, world, quote):
    client.force_login(world.client_b)
    assert client.get(_detail_url(quote)).status_code == 404


def test_entry_is_not_found_through_another_projects_url(client, world, quote):
    client.force_login(world.designer)
    url = reverse("impact:detail", args=[world.project_b.slug, quote.pk])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login_from_the_detail(client, world, quote):
    response = client.get(_detail_url(quote))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_post_to_the_detail_is_405(client, world, quote):
    client.force_login(world.designer)
    assert client.post(_detail_url(quote)).status_code == 405


# edit


def _edit_url(entry):
    return reverse("impact:edit", args=[entry.project.slug, entry.pk])


def test_designer_edits_an_entry_and_the_change_is_audited(client, world, activity):
    entry = ImpactEntryFactory(project=world.project_a, title="Oud", visibility="internal")
    client.force_login(world.designer)
    data = _form(title="Nieuw", activities=[activity.pk]) | edit_base(client, _edit_url(entry))
    response = client.post(_edit_url(entry), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Nieuw"
    assert [c.activity for c in entry.contributions.all()] == [activity]
    changes = AuditEntry.objects.get(target_id=entry.pk, action="updated").changes
    assert changes["title"] == ["Oud", "Nieuw"]


def test_edit_form_keeps_a_withdrawn_entry_internal(client, world, quote):
    from impact import services

    services.consent_withdraw(actor=world.designer, entry=quote, note="Belde op")
    client.force_login(world.designer)
    data = _form(visibility="shared", title="Nieuwe titel") | edit_base(client, _edit_url(quote))
    client.post(_edit_url(quote), data)
    quote.refresh_from_db()
    assert quote.visibility == "internal" and quote.involves_resident
    assert quote.title == "Nieuwe titel"


def test_client_gets_404_for_the_edit_form(client, world, quote):
    client.force_login(world.client_a)
    assert client.get(_edit_url(quote)).status_code == 404
    assert client.post(_edit_url(quote), _form(title="Gehackt")).status_code == 404
    quote.refresh_from_db()
    assert quote.title != "Gehackt"


def test_anonymous_is_sent_to_login_from_the_edit_form(client, world, quote):
    response = client.get(_edit_url(quote))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_put_to_the_edit_form_is_405(client, world, quote):
    client.force_login(world.designer)
    assert client.put(_edit_url(quote)).status_code == 405
