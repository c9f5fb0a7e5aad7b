"""The project list, creating and editing a project, and logging in."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from projects.models import Activity, ActivityPhoto, AuditEntry, Neighbourhood, Project, Theme
from tests.edits import edit_base
from tests.factories import (
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def body_of(response) -> str:
    return response.content.decode()


def bulk_activities(project, n, *, phase=None, theme=None, by=None, photos=False):
    """`n` activities in `project`, with a theme and a photo each when asked; fast."""
    start = datetime.date(2024, 1, 1)
    activities = Activity.objects.bulk_create(
        Activity(
            project=project,
            phase=phase,
            kind=Activity.Kind.STREET_CONVERSATION,
            title=f"Gesprek {i:04d}",
            date=start + datetime.timedelta(days=i),
            location="Marktplein",
            residents_reached=i % 7,
            new_contacts=i % 3,
            logged_by=by,
        )
        for i in range(n)
    )
    if theme is not None:
        Activity.themes.through.objects.bulk_create(
            Activity.themes.through(activity=a, theme=theme) for a in activities
        )
    if photos:
        ActivityPhoto.objects.bulk_create(
            ActivityPhoto(activity=a, image=f"photos/{a.pk}.jpg", width=800, height=600)
            for a in activities
        )
    return activities


def project_form_data(client_org, **extra):
    data = {
        "title": "Samen in de Bloemenbuurt",
        "client": client_org.pk,
        "question": "Hoe leren buren elkaar kennen?",
        "start_date": "2025-03-01",
        "expected_end_date": "2025-12-31",
        "status": Project.Status.ACTIVE,
    }
    return data | extra


# --- list -----------------------------------------------------------------------------------


def test_client_sees_only_own_projects_in_list(client, world):
    client.force_login(world.client_a)
    body = body_of(client.get(reverse("dashboard:project_list")))
    assert world.project_a.title in body
    assert world.project_b.title not in body


def test_designer_sees_every_project(client, world):
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:project_list")))
    assert world.project_a.title in body and world.project_b.title in body


@pytest.mark.parametrize(
    ("search", "found"),
    [("vlinder", "project_a"), ("eenzaamheid", "project_b"), ("Rivierwijk", "project_a")],
)
def test_search_looks_in_title_question_and_neighbourhood(client, world, search, found):
    world.project_a.neighbourhood = Neighbourhood.objects.create(
        name="Rivierwijk", municipality="X"
    )
    world.project_a.save()
    world.project_b.question = "Minder eenzaamheid onder ouderen"
    world.project_b.save()
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:project_list"), {"q": search}))
    other = "project_b" if found == "project_a" else "project_a"
    assert getattr(world, found).title in body
    assert getattr(world, other).title not in body


def test_filters_narrow_the_list(client, world):
    theme = Theme.objects.first()
    world.project_a.themes.add(theme)
    world.project_b.status = Project.Status.PAUSED
    world.project_b.save()
    client.force_login(world.designer)
    url = reverse("dashboard:project_list")
    by_status = body_of(client.get(url, {"status": "paused"}))
    assert world.project_b.title in by_status and world.project_a.title not in by_status
    by_client = body_of(client.get(url, {"client": world.project_a.client_id}))
    assert world.project_a.title in by_client and world.project_b.title not in by_client
    by_theme = body_of(client.get(url, {"theme": theme.pk}))
    assert world.project_a.title in by_theme and world.project_b.title not in by_theme


def test_neighbourhood_filter_narrows_the_list(client, world):
    buurt = Neighbourhood.objects.create(name="Vogelwijk", municipality="Den Haag")
    world.project_b.neighbourhood = buurt
    world.project_b.save()
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:project_list"), {"neighbourhood": buurt.pk}))
    assert world.project_b.title in body and world.project_a.title not in body


def test_filter_choices_do_not_name_other_clients(client, world):
    buurt_b = Neighbourhood.objects.create(name="Geheimewijk", municipality="Elders")
    world.project_b.neighbourhood = buurt_b
    world.project_b.save()
    client.force_login(world.client_a)
    body = body_of(client.get(reverse("dashboard:project_list")))
    assert world.project_a.client.name in body
    assert world.project_b.client.name not in body
    assert "Geheimewijk" not in body


def test_client_filtering_on_another_clients_organisation_sees_nothing_of_it(client, world):
    client.force_login(world.client_a)
    body = body_of(
        client.get(reverse("dashboard:project_list"), {"client": world.project_b.client_id})
    )
    assert world.project_b.title not in body
    assert world.project_b.client.name not in body


def test_pagination_keeps_the_filters(client, world):
    ProjectFactory.create_batch(25, status=Project.Status.PAUSED)
    client.force_login(world.designer)
    body = body_of(
        client.get(reverse("dashboard:project_list"), {"status": "paused", "q": "buurtproject"})
    )
    next_link = re.search(r'href="\?([^"]*)">Volgende', body).group(1)
    assert parse_qs(unescape(next_link)) == {
        "status": ["paused"],
        "q": ["buurtproject"],
        "page": ["2"],
    }
    page_2 = body_of(
        client.get(
            reverse("dashboard:project_list"), {"status": "paused", "q": "buurtproject", "page": 2}
        )
    )
    assert len(re.findall(r'class="stretched-link"', page_2)) == 5


def test_list_explains_when_nothing_matches(client, world):
    client.force_login(world.designer)
    body = body_of(client.get(reverse("dashboard:project_list"), {"q": "bestaatniet"}))
    assert "Geen projecten gevonden" in body


def test_project_list_queries_do_not_grow_with_projects(client, world, django_assert_num_queries):
    client.force_login(world.designer)
    url = reverse("dashboard:project_list")
    client.get(url)  # warm the session
    with django_assert_num_queries(7) as ctx:
        client.get(url, {"status": "active"})
    queries = len(ctx.captured_queries)  # read now: the next request empties the log
    ProjectFactory.create_batch(
        15, neighbourhood=Neighbourhood.objects.create(name="A", municipality="B")
    )
    # The team's list shows each project's health, cached per project and day: warm it for
    # the new projects too (tests/dashboard/test_health_views.py counts the cold list).
    client.get(url, {"status": "active"})
    with django_assert_num_queries(queries):
        client.get(url, {"status": "active"})


# --- create and edit ------------------------------------------------------------------------


def test_designer_creates_a_project_with_the_default_trajectory(client, world):
    client.force_login(world.designer)
    theme = Theme.objects.first()
    data = project_form_data(world.project_a.client, themes=[theme.pk])
    response = client.post(reverse("projects:create"), data)
    project = Project.objects.get(title="Samen in de Bloemenbuurt")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert [p.name for p in project.phases.all()] == [
        "Ontdekken",
        "Ontwerpen",
        "Doen",
        "Verankeren",
    ]
    assert project.phases.get(is_current=True).name == "Ontdekken"
    assert list(project.themes.all()) == [theme]
    assert project.memberships.get().user == world.designer


def test_create_form_page_renders_for_designer(client, world):
    client.force_login(world.designer)
    response = client.get(reverse("projects:create"))
    assert response.status_code == 200
    assert "Nieuw project" in body_of(response)


def test_end_before_start_is_refused_in_dutch(client, world):
    client.force_login(world.designer)
    data = project_form_data(world.project_a.client, expected_end_date="2025-01-01")
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 200
    assert "De verwachte einddatum ligt vóór de startdatum" in body_of(response)
    assert not Project.objects.filter(title="Samen in de Bloemenbuurt").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_client_gets_404_on_create(client, world, method):
    client.force_login(world.client_a)
    data = project_form_data(world.project_a.client) if method == "post" else None
    response = getattr(client, method)(reverse("projects:create"), data)
    assert response.status_code == 404
    assert not Project.objects.filter(title="Samen in de Bloemenbuurt").exists()


def test_anonymous_create_is_sent_to_login(client):
    response = client.get(reverse("projects:create"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_create_with_put_is_405(client, world):
    client.force_login(world.designer)
    assert client.put(reverse("projects:create")).status_code == 405


def test_designer_edits_a_project_and_the_change_is_audited(client, world):
    client.force_login(world.designer)
    url = reverse("projects:edit", args=[world.project_a.slug])
    assert client.get(url).status_code == 200
    data = project_form_data(world.project_a.client, title="Vlinderbuurt verbonden")
    response = client.post(url, data | edit_base(client, url))
    assert response.status_code == 302
    world.project_a.refresh_from_db()
    assert world.project_a.title == "Vlinderbuurt verbonden"
    assert world.project_a.slug == "vlinderbuurt-samen"  # links keep working
    entry = AuditEntry.objects.get(action="updated")
    assert entry.actor == world.designer
    assert entry.changes["title"] == ["Vlinderbuurt samen", "Vlinderbuurt verbonden"]


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_external_member_posting_to_edit_gets_404(client, world, who):
    client.force_login(getattr(world, who))
    url = reverse("projects:edit", args=[world.project_a.slug])
    data = project_form_data(world.project_a.client, title="Gekaapt")
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    world.project_a.refresh_from_db()
    assert world.project_a.title == "Vlinderbuurt samen"


def test_anonymous_edit_is_sent_to_login(client, world):
    response = client.post(reverse("projects:edit", args=[world.project_a.slug]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_edit_with_delete_is_405(client, world):
    client.force_login(world.designer)
    assert client.delete(reverse("projects:edit", args=[world.project_a.slug])).status_code == 405


def test_client_options_leave_out_the_firm_itself(client, world):
    own = OrganisationFactory(name="De Buurtontdekkers BV", kind="buurtontdekkers")
    client.force_login(world.designer)
    body = body_of(client.get(reverse("projects:create")))
    assert own.name not in body and world.project_a.client.name in body


# --- login (foundation) ---------------------------------------------------------------------


def test_login_with_email_address(client, world, password):
    response = client.post(
        reverse("login"), {"username": world.client_a.email.upper(), "password": password}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard:home")


def test_login_page_is_dutch(client):
    body = body_of(client.get(reverse("login")))
    assert "Inloggen" in body and 'lang="nl"' in body


def test_password_reset_sends_a_dutch_mail(client, world, mailoutbox):
    client.post(reverse("password_reset"), {"email": world.client_a.email})
    assert len(mailoutbox) == 1
    assert "Nieuw wachtwoord" in mailoutbox[0].subject
    assert "/account/reset/" in mailoutbox[0].body


def test_the_client_choice_lists_client_organisations_only(client, world):
    from projects.models import Organisation

    residents = OrganisationFactory(kind=Organisation.Kind.RESIDENTS, name="Bewonersgroep Oost")
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, name="Bibliotheek Oost")
    own = OrganisationFactory(kind=Organisation.Kind.OWN, name="De Buurtontdekkers")
    housing = OrganisationFactory(kind=Organisation.Kind.HOUSING, name="Woonstichting Oost")
    client.force_login(world.designer)
    choices = client.get(reverse("projects:create")).context["form"].fields["client"].queryset
    assert housing in choices and world.project_a.client in choices
    assert not {residents, partner, own} & set(choices)
    # A project whose client is not (or no longer) a client kind keeps it as a choice.
    Project.objects.filter(pk=world.project_a.pk).update(client=residents)
    edit = reverse("projects:edit", args=[world.project_a.slug])
    assert residents in client.get(edit).context["form"].fields["client"].queryset
    response = client.post(
        reverse("projects:create"), project_form_data(partner, title="Bij de partner")
    )
    assert response.status_code == 200 and not Project.objects.filter(title="Bij de partner")
