"""The words a user meets (issue 14, §6): the header names their real role, the language
choice names English in English, and every remove action is called "Verwijderen"."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, UserFactory
from tests.projects.test_project_views import body_of

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def header_of(client, user) -> str:
    client.force_login(user)
    body = body_of(client.get(reverse("dashboard:home")))
    return re.search(r'<span class="navbar-text small">(.*?)</span>', body, re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "role"),
    [
        ("client_a", "Opdrachtgever"),
        ("partner", "Partner"),
        ("designer", "Buurtdesigner"),
        ("admin", "Beheerder"),
    ],
)
def test_the_header_names_the_users_real_role(client, world, who, role):
    assert header_of(client, getattr(world, who)).endswith(f" · {role}")


@pytest.mark.django_db
def test_the_header_names_both_roles_of_someone_who_is_client_and_partner(client, world):
    MembershipFactory(user=world.partner, project=ProjectFactory(), role="client")
    assert header_of(client, world.partner).endswith(" · Opdrachtgever / Partner")


@pytest.mark.django_db
def test_the_header_of_an_external_person_without_projects_says_external(client):
    user = UserFactory(organisation=OrganisationFactory(), name="Nog Niemand")
    header = header_of(client, user)
    assert header.endswith(" · Extern") and "opdrachtgever of partner" not in header


@pytest.mark.django_db
def test_the_language_choice_names_english_in_english(client, world):
    client.force_login(world.client_a)
    body = body_of(client.get(reverse("dashboard:home")))
    options = re.findall(r'<option value="(nl|en)"[^>]*>(.*?)</option>', body)
    assert options == [("nl", "Nederlands"), ("en", "English")]


def _remove_controls():
    """Each button or link that removes something, by template: a form posting to a `…remove`
    or `…delete` route, a button whose action is delete or that names what it removes
    (`remove_…`, the agreement editor), or a link to such a route; and the
    words it says."""
    form = re.compile(r"<form[^>]*action=\"\{% url '[\w:]*(?:remove|delete)[^']*'.*?</form>", re.S)
    link = re.compile(r"<a [^>]*href=\"\{% url '[\w:]*(?:remove|delete)[^']*'[^>]*>.*?</a>", re.S)
    button = re.compile(
        r'<button[^>]*(?:value="(?:delete|remove)"|name="remove_\w+")[^>]*>.*?</button>', re.S
    )
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for match in [*form.finditer(text), *link.finditer(text), *button.finditer(text)]:
            control = match.group(0)
            if match.re is form:
                control = re.search(r"<button.*?</button>", control, re.S).group(0)
            words = re.sub(r'<span class="visually-hidden">.*?</span>', "", control, flags=re.S)
            words = re.sub(r"<[^>]+>", "", words)
            words = re.findall(r'\{% translate "([^"]+)" %\}', words)
            yield path.relative_to(TEMPLATES).as_posix(), words


def test_every_remove_action_is_called_verwijderen():
    controls = list(_remove_controls())
    assert len(controls) >= 6  # the phases, members, activities, parties, commitments
    assert [c for c in controls if c[1] != ["Verwijderen"]] == []
