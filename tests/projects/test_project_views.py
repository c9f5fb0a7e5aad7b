import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, world):
    url = reverse("projects:detail", args=[world.project_a.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_client_sees_only_own_projects_in_list(client, world):
    client.force_login(world.client_a)
    body = client.get(reverse("projects:list")).content.decode()
    assert world.project_a.title in body
    assert world.project_b.title not in body


def test_client_gets_404_for_other_clients_project(client, world):
    client.force_login(world.client_a)
    response = client.get(reverse("projects:detail", args=[world.project_b.slug]))
    assert response.status_code == 404


def test_designer_sees_every_project(client, world):
    client.force_login(world.designer)
    body = client.get(reverse("projects:list")).content.decode()
    assert world.project_a.title in body and world.project_b.title in body


def test_post_to_a_read_page_is_405(client, world):
    client.force_login(world.designer)
    response = client.post(reverse("projects:detail", args=[world.project_a.slug]))
    assert response.status_code == 405


def test_client_page_has_no_edit_controls(client, world):
    client.force_login(world.client_a)
    body = client.get(reverse("projects:detail", args=[world.project_a.slug])).content.decode()
    assert "U kunt dit project bewerken" not in body


def test_project_list_queries_do_not_grow_with_projects(client, world, django_assert_num_queries):
    from tests.factories import ProjectFactory

    client.force_login(world.designer)
    url = reverse("projects:list")
    client.get(url)  # warm the session
    with django_assert_num_queries(4) as ctx:
        client.get(url)
    ProjectFactory.create_batch(15)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def test_login_with_email_address(client, world, password):
    response = client.post(
        reverse("login"), {"username": world.client_a.email.upper(), "password": password}
    )
    assert response.status_code == 302
    assert response.url == reverse("projects:home")


def test_login_page_is_dutch(client):
    body = client.get(reverse("login")).content.decode()
    assert "Inloggen" in body and 'lang="nl"' in body


def test_password_reset_sends_a_dutch_mail(client, world, mailoutbox):
    client.post(reverse("password_reset"), {"email": world.client_a.email})
    assert len(mailoutbox) == 1
    assert "Nieuw wachtwoord" in mailoutbox[0].subject
    assert "/account/reset/" in mailoutbox[0].body
