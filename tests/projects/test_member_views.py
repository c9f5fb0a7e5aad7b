"""The members page: the team, client contacts and partners; invitations by e-mail."""

import re

import pytest
from django.urls import reverse

from projects.models import AuditEntry, Membership, User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Buurtsoep-op-dinsdag-42"


def url(project) -> str:
    return reverse("projects:members", args=[project.slug])


def invite(client, project, **data):
    fields = {"form": "invite", "invite-role": "client", "invite-organisation": project.client_id}
    fields |= {f"invite-{k}": v for k, v in data.items()}
    return client.post(url(project), fields)


def test_designer_sees_team_and_external_members(client, world):
    MembershipFactory(user=world.designer, project=world.project_a, role="designer")
    client.force_login(world.designer)
    body = client.get(url(world.project_a)).content.decode()
    team, external = body.split('id="external-title"')
    assert "Designer Dirk" in team
    assert "Client Anna" in external and "Partner Piet" in external
    assert "Client Bram" not in body


def test_designer_adds_a_designer_to_the_team(client, world):
    colleague = UserFactory(role="designer", name="Designer Dewi")
    client.force_login(world.designer)
    response = client.post(
        url(world.project_a), {"form": "designer", "designer-user": colleague.pk}
    )
    assert response.status_code == 302
    assert world.project_a.memberships.get(user=colleague).role == "designer"


def test_an_external_person_cannot_be_added_to_the_team(client, world):
    client.force_login(world.designer)
    response = client.post(
        url(world.project_a), {"form": "designer", "designer-user": world.client_b.pk}
    )
    assert response.status_code == 200
    assert not world.project_a.memberships.filter(user=world.client_b).exists()


def test_invite_creates_the_account_and_sends_one_mail_with_a_working_link(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.designer)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world.project_a, email="nieuw@gemeente.example", name="Nina")
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@gemeente.example")
    assert (user.role, user.organisation) == ("external", world.project_a.client)
    assert world.project_a.memberships.get(user=user).role == "client"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nieuw@gemeente.example"]
    assert "Uitnodiging" in mail.subject and "Beste Nina" in mail.body
    link = re.search(r"http://testserver(/account/reset/\S+)", mail.body).group(1)

    client.logout()
    form_page = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    login = {"username": "nieuw@gemeente.example", "password": NEW_PASSWORD}
    assert client.post(reverse("login"), login).status_code == 302
    assert client.get(world.project_a.get_absolute_url()).status_code == 200
    assert client.get(world.project_b.get_absolute_url()).status_code == 404


def test_invite_of_an_existing_person_adds_the_membership_and_says_so(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.designer)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world.project_a, email=world.client_b.email.upper())
    assert response.status_code == 302
    assert world.project_a.memberships.get(user=world.client_b).role == "client"
    assert User.objects.filter(email__iexact=world.client_b.email).count() == 1
    assert len(mailoutbox) == 1
    assert "toegevoegd" in mailoutbox[0].subject
    assert "/account/reset/" not in mailoutbox[0].body


def test_invite_of_a_member_is_refused_in_dutch(client, world, mailoutbox):
    client.force_login(world.designer)
    response = invite(client, world.project_a, email=world.client_a.email)
    assert response.status_code == 200
    assert "Deze persoon is al lid van dit project." in response.content.decode()
    assert mailoutbox == []


def test_invalid_email_address_is_refused_in_dutch(client, world):
    client.force_login(world.designer)
    response = invite(client, world.project_a, email="anna@")
    assert "Dit is geen geldig e-mailadres." in response.content.decode()
    assert not User.objects.filter(email="anna@").exists()


def test_new_address_needs_an_organisation(client, world):
    client.force_login(world.designer)
    response = invite(client, world.project_a, email="x@example.net", organisation="")
    assert "Kies de organisatie van deze persoon." in response.content.decode()
    assert not User.objects.filter(email="x@example.net").exists()


def test_invite_as_partner_with_another_organisation(client, world):
    group = OrganisationFactory(name="Bewonersgroep De Linde", kind="bewonersgroep")
    client.force_login(world.designer)
    invite(
        client, world.project_a, email="linde@example.net", role="partner", organisation=group.pk
    )
    user = User.objects.get(email="linde@example.net")
    assert user.organisation == group
    assert world.project_a.memberships.get(user=user).role == "partner"


def test_designer_removes_a_member(client, world):
    membership = world.project_a.memberships.get(user=world.partner)
    client.force_login(world.designer)
    response = client.post(
        reverse("projects:member_remove", args=[world.project_a.slug, membership.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(target_type="projects.membership", action="deleted").exists()


def test_removing_with_get_is_405(client, world):
    membership = world.project_a.memberships.get(user=world.partner)
    client.force_login(world.designer)
    response = client.get(
        reverse("projects:member_remove", args=[world.project_a.slug, membership.pk])
    )
    assert response.status_code == 405


def test_membership_of_another_project_gives_404(client, world):
    membership = world.project_b.memberships.get()
    client.force_login(world.designer)
    response = client.post(
        reverse("projects:member_remove", args=[world.project_a.slug, membership.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("who", ["client_a", "partner", "client_b"])
def test_external_people_get_404_and_change_nothing(client, world, who, mailoutbox):
    client.force_login(getattr(world, who))
    membership = world.project_a.memberships.get(user=world.partner)
    assert client.get(url(world.project_a)).status_code == 404
    assert invite(client, world.project_a, email="indringer@example.net").status_code == 404
    remove = reverse("projects:member_remove", args=[world.project_a.slug, membership.pk])
    assert client.post(remove).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not User.objects.filter(email="indringer@example.net").exists()


def test_anonymous_is_sent_to_login(client, world):
    for response in [
        client.get(url(world.project_a)),
        client.post(reverse("projects:member_remove", args=[world.project_a.slug, 1])),
    ]:
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_members_page_with_put_is_405(client, world):
    client.force_login(world.designer)
    assert client.put(url(world.project_a)).status_code == 405


def test_a_failing_mail_server_does_not_undo_the_invitation(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("projects.services.members.send_mail", broken)
    client.force_login(world.designer)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world.project_a, email="later@example.net")
    assert response.status_code == 302
    assert world.project_a.memberships.filter(user__email="later@example.net").exists()
