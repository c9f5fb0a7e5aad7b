"""Every URL of the site against every role, for GET and for POST (DESIGN §5).

The patterns come from the URL resolver (tests/access_urls.py), the expectations from the table
below. A pattern missing from the table, or one whose URL cannot be built, fails the run: a new
view has to be declared here before it ships.

- a role that may use the URL: 200 or a redirect (an empty POST may answer with form errors);
- a logged-in role that may not: 404, never 403, so ids reveal nothing;
- anonymous: a redirect to the login page, except on the public pages;
- a method the view does not take: 405;
- never a 500; and no response to a client contains anything of another client's project.
"""

from collections import Counter
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from projects.models import Organisation

from . import factories
from .access_urls import CannotBuild, build_objects, build_url, url_patterns

ANON, CLIENT_A, CLIENT_B, PARTNER, DESIGNER, ADMIN = (
    "anonymous",
    "client_a",
    "client_b",
    "partner",
    "designer",
    "admin",
)
ROLES = (ANON, CLIENT_A, CLIENT_B, PARTNER, DESIGNER, ADMIN)
METHODS = ("GET", "POST")

EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {ANON}
STAFF = frozenset({DESIGNER, ADMIN})
VIEWERS = STAFF | {CLIENT_A, PARTNER}  # may see project A
EXTERNAL = frozenset({CLIENT_A, PARTNER})  # client and partner contacts of project A
CONCERN_CIRCLE = STAFF | {CLIENT_A}  # the concern is client A's own
# The client downloads it in full, the partner (a party to it) the copy without the money.
CONFIRMATION_READERS = VIEWERS
REPORT_READERS = STAFF | {CLIENT_A}  # the report's requester and the staff; not the partner


@dataclass(frozen=True)
class Access:
    """Who may GET and who may POST; None: the view does not take that method (405)."""

    get: frozenset | None = None
    post: frozenset | None = None
    public: bool = False  # anonymous is served, not sent to the login page
    ok: frozenset = frozenset({200, 302})
    login: str = "login"  # where anonymous is sent
    refused: str = "404"  # what a logged-in role that may not gets
    # The URL's signed token is the key: whoever holds the link reads what it names (the project
    # a pulse asks about), so the check that nobody reads another client's words skips it.
    bearer: bool = False

    def allowed(self, method):
        return self.get if method == "GET" else self.post


def read(who):
    return Access(get=who)


def form(who):
    return Access(get=who, post=who)


def action(who):
    return Access(post=who)


def _learning_access() -> dict[str, Access]:
    """Issue 17 §4: the learning harvest is the team's; the evaluation and reflection links
    are their participant's key (they name the trajectory, so the leak check skips them)."""
    return {
        "trainings:assignment": form(STAFF),
        "trainings:assignment_ask": action(STAFF),
        "trainings:evaluations": read(STAFF),
        "trainings:evaluations_send": action(STAFF),
        "trainings:evaluate": Access(get=EVERYONE, post=EVERYONE, public=True, bearer=True),
        "trainings:reflect": Access(get=EVERYONE, post=EVERYONE, public=True, bearer=True),
    }


ACCESS = {
    # public and account pages
    "healthz": Access(get=EVERYONE, public=True),
    "favicon.ico": Access(get=EVERYONE, post=EVERYONE, public=True),
    "login": Access(get=EVERYONE, post=EVERYONE, public=True),
    "logout": Access(post=EVERYONE, public=True),
    "password_change": form(LOGGED_IN),
    "password_change_done": read(LOGGED_IN),
    "password_reset": Access(get=EVERYONE, post=EVERYONE, public=True),
    "password_reset_done": Access(get=EVERYONE, public=True),
    "password_reset_confirm": Access(get=EVERYONE, post=EVERYONE, public=True),
    "password_reset_complete": Access(get=EVERYONE, public=True),
    "set_language": Access(get=EVERYONE, post=EVERYONE, public=True, ok=frozenset({204, 302})),
    # Django's own admin sends whoever is not staff to its own login page, not to a 404.
    "admin:index": Access(
        get=frozenset({ADMIN}), post=frozenset({ADMIN}), login="admin:login", refused="login"
    ),
    # projects
    "dashboard:home": read(LOGGED_IN),
    "dashboard:project_list": read(LOGGED_IN),
    "projects:create": form(STAFF),
    "dashboard:project": read(VIEWERS),
    "projects:edit": form(STAFF),
    "projects:phases": form(STAFF),
    "projects:members": form(STAFF),
    "projects:member_remove": action(STAFF),
    "projects:activity_quick": read(STAFF),
    "projects:activity_create": form(STAFF),
    "projects:activity_detail": read(VIEWERS),
    "projects:activity_edit": form(STAFF),
    "projects:activity_delete": form(STAFF),
    "projects:activity_photo": read(VIEWERS),
    "dashboard:dashboard": read(VIEWERS),
    "dashboard:activities_csv": read(VIEWERS),
    # impact
    "impact:timeline": read(VIEWERS),
    "impact:create": form(STAFF),
    "impact:activity_choices": read(STAFF),
    "impact:export": read(VIEWERS),
    "impact:highlights": read(VIEWERS),
    "impact:detail": read(VIEWERS),
    "impact:edit": form(STAFF),
    "impact:significant": form(STAFF),
    "impact:consent_withdraw": form(STAFF),
    "impact:photo": read(VIEWERS),
    "impact:substantiation_request": form(STAFF),
    "impact:initiatives": read(VIEWERS),
    "impact:initiative_create": form(STAFF),
    "impact:initiative_detail": read(VIEWERS),
    "impact:ownership_add": form(STAFF),
    # the signed link in the weekly digest names its reader: no login needed
    "impact:digest_unsubscribe": Access(get=EVERYONE, post=EVERYONE, public=True),
    # whoever holds a valid signed link answers it, logged in or not (DESIGN §5)
    "impact:substantiation_answer": Access(get=EVERYONE, post=EVERYONE, public=True),
    # co-creation
    "cocreation:agreement": read(VIEWERS),
    "cocreation:version_new": action(STAFF),
    "cocreation:version": read(VIEWERS),
    "cocreation:version_edit": form(STAFF),
    "cocreation:version_consent": action(VIEWERS),
    "cocreation:version_decline": action(VIEWERS),
    "cocreation:version_diff": read(VIEWERS),
    "cocreation:check_in_create": form(STAFF),
    "cocreation:check_in": read(VIEWERS),
    "cocreation:decision_create": form(STAFF),
    "cocreation:concerns": read(VIEWERS),
    "cocreation:concern_create": form(EXTERNAL),
    "cocreation:concern": form(CONCERN_CIRCLE),
    "cocreation:concern_close": action(STAFF),
    # the pulse: the trend for everyone of the project, the interval for the team; the
    # invitation (client A's) answered only by its own person, or by its signed link
    "cocreation:pulse": read(VIEWERS),
    "cocreation:pulse_interval": action(STAFF),
    "cocreation:pulse_answer": form(frozenset({CLIENT_A})),
    "cocreation:pulse_link": Access(get=EVERYONE, post=EVERYONE, public=True, bearer=True),
    "cocreation:pulse_opt_out": Access(get=EVERYONE, post=EVERYONE, public=True),
    "cocreation:confirmations": read(CONFIRMATION_READERS),
    "cocreation:confirmation_generate": action(frozenset({ADMIN})),
    "cocreation:confirmation_download": read(CONFIRMATION_READERS),
    "cocreation:confirmation_retry": action(frozenset({ADMIN})),
    # progress reports: anyone who sees the dashboard asks; the report is client A's own
    "dashboard:reports": read(VIEWERS),
    "dashboard:report_request": action(VIEWERS),
    "dashboard:report_download": read(REPORT_READERS),
    # trainings: the team plans sessions and takes attendance
    "trainings:session_create": form(STAFF),
    "trainings:session_edit": form(STAFF),
    "trainings:attendance": form(STAFF),
    **_learning_access(),
    # trainings: participants. The list for the team and client contacts (who see their own
    # organisation's); the rest for the team; registering for whoever holds the signed link.
    "trainings:participants": read(STAFF | {CLIENT_A}),
    "trainings:participant_add": form(STAFF),
    "trainings:participant_remove": form(STAFF),
    "trainings:registration": form(STAFF),
    "trainings:register": Access(get=EVERYONE, post=EVERYONE, public=True, bearer=True),
}


def certificate_access() -> dict:
    """Training certificates (issue 17 §5): the team's only, not the client's or partner's."""
    return {
        "trainings:certificates": form(STAFF),
        "trainings:certificate_download": read(STAFF),
        "trainings:certificate_send": action(STAFF),
    }


ACCESS |= certificate_access()

# Roles of the other world: who must never read a word of which project.
SEES_ONLY_A = (CLIENT_A, PARTNER)
SEES_ONLY_B = (CLIENT_B,)

ROUTES = {route.key: route for route in url_patterns()}
COUNTS: Counter = Counter()


def _world():
    world = factories.build_world()
    world.project_a.client.name = "Gemeente Vlinderstad"
    world.project_a.client.save()
    world.project_b.client.name = "Gemeente Parkstad"
    world.project_b.client.save()
    Organisation.objects.filter(pk=world.partner.organisation_id).update(
        name="Bewonersgroep Vlinderhof"
    )
    world.partner.refresh_from_db()
    world.a = build_objects(
        project=world.project_a,
        client=world.client_a,
        partner=world.partner,
        designer=world.designer,
        prefix="Aardbei",
        sequence=1,
    )
    world.b = build_objects(
        project=world.project_b,
        client=world.client_b,
        designer=world.designer,
        prefix="Bosbes",
        sequence=2,
    )
    world.words_a = [
        world.project_a.title,
        world.client_a.name,
        world.partner.name,
        "Gemeente Vlinderstad",
        "Bewonersgroep Vlinderhof",
        "Aardbei",
    ]
    world.words_b = [world.project_b.title, world.client_b.name, "Gemeente Parkstad", "Bosbes"]
    return world


def _clients(world) -> dict[str, Client]:
    clients = {ANON: Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(getattr(world, role))
    return clients


def _request(client: Client, method: str, url: str):
    """The response, with everything the request changed rolled back: every role meets the
    same objects, even after an admin's POST removed one."""
    with transaction.atomic():
        try:
            response = client.generic(method, url)
        except Exception as exc:  # the test client re-raises what the view raised: a 500
            transaction.set_rollback(True)
            return None, f"500 ({type(exc).__name__}: {exc})"
        transaction.set_rollback(True)
    # Reading a streamed body to its end closes it (and its file); response.close() would not
    # do: it would close the test's database connection along with it.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("image/"):
        body = b""
    return response, body.decode("utf-8", "replace")


def _expected(access: Access, role: str, method: str) -> str:
    allowed = access.allowed(method)
    if allowed is None:
        return "405" if role != ANON else "405 or login"
    if role == ANON and not access.public:
        return "login"
    return "ok" if role in allowed else access.refused


def _matches(expected: str, response, access: Access) -> bool:
    status = response.status_code
    to_login = status == 302 and response["Location"].startswith(reverse(access.login) + "?next=")
    if expected == "login":
        return to_login
    if expected == "405 or login":
        return status == 405 or to_login
    if expected == "ok":
        return status in access.ok and not to_login
    return status == int(expected)


def _leaks(role: str, body: str, world) -> list[str]:
    if role in SEES_ONLY_A:
        return [word for word in world.words_b if word in body]
    if role in SEES_ONLY_B:
        return [word for word in world.words_a if word in body]
    return []


def test_every_url_pattern_is_declared_in_the_matrix():
    assert set(ROUTES) == set(ACCESS), (
        f"undeclared: {sorted(set(ROUTES) - set(ACCESS))}; "
        f"declared but gone: {sorted(set(ACCESS) - set(ROUTES))}"
    )


@pytest.mark.parametrize("key", sorted(set(ROUTES) | set(ACCESS)))
def test_url_answers_every_role_as_declared(key, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert key in ROUTES, f"{key} is declared in the matrix but no longer in the URLs"
    assert key in ACCESS, f"{key} ({ROUTES[key].route}) is not declared in the matrix"
    route, access = ROUTES[key], ACCESS[key]
    world = _world()
    try:
        url_a, url_b = build_url(route, world.a), build_url(route, world.b)
    except CannotBuild as exc:
        pytest.fail(f"cannot build a URL: {exc}")
    clients = _clients(world)

    failures = []
    for role in ROLES:
        for method in METHODS:
            expected = _expected(access, role, method)
            response, body = _request(clients[role], method, url_a)
            COUNTS["requests"] += 1
            if response is None:
                failures.append(f"{role} {method} {url_a}: {body}, expected {expected}")
                continue
            if not _matches(expected, response, access):
                failures.append(
                    f"{role} {method} {url_a}: {response.status_code} "
                    f"{response.get('Location', '')}, expected {expected}"
                )
            if not access.bearer and (leaked := _leaks(role, body, world)):
                failures.append(f"{role} {method} {url_a}: shows {leaked}")

    # Project B's URL, as the people of project A: the same 404, and not a word of B.
    if "slug" in route.arguments:
        for role in SEES_ONLY_A:
            for method in METHODS:
                expected = _expected(access, role, method)
                expected = "404" if expected == "ok" else expected
                response, body = _request(clients[role], method, url_b)
                COUNTS["requests"] += 1
                if response is None:
                    failures.append(f"{role} {method} {url_b}: {body}, expected {expected}")
                    continue
                if not _matches(expected, response, access):
                    failures.append(
                        f"{role} {method} {url_b}: {response.status_code}, expected {expected}"
                    )
                if leaked := _leaks(role, body, world):
                    failures.append(f"{role} {method} {url_b}: shows {leaked}")

    assert not failures, "\n".join(failures)


def test_the_words_searched_for_do_show_on_their_own_project(db, settings, tmp_path):
    """The leak check above is only as good as its words: each shows on its own project page."""
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _world()
    clients = _clients(world)
    for role, objects, words in [
        (CLIENT_A, world.a, world.words_a),
        (CLIENT_B, world.b, world.words_b),
    ]:
        body = clients[role].get(build_url(ROUTES["dashboard:project"], objects)).content.decode()
        body += clients[role].get(build_url(ROUTES["cocreation:version"], objects)).content.decode()
        assert [word for word in words if word not in body] == [], role
