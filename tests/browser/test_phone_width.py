"""The phone fits (issue 14 §5): at 375 px no main page is wider than the screen, for every
role and every page that role can open, with photos, long Dutch words and URLs in what people
typed, and tables.

The data is built once for the module, inside a transaction rolled back at its end, and the
browser's requests are answered by Django's test client (one per role, logged in) through
Playwright's request routing: the real pages, CSS, fonts and scripts in the real browser,
without a live server and a database flush per page.
"""

import contextvars
import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from cocreation import services as cocreation_services
from impact import services as impact_services
from projects.services import activities as activity_services
from tests import factories
from tests.access_urls import build_objects, build_url, url_patterns
from tests.core.test_photos import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 375, "height": 740}
BASE = "http://testserver"
# What people really type: one long compound word and a long address, neither with a space.
LONG_WORD = "Buurtbewonersparticipatietrajectvoorbereidingsbijeenkomst"
LONG_URL = (
    "https://www.gemeente-vlinderstad.nl/bestuur-en-organisatie/wijkaanpak/vlinderbuurt/"
    "verslagen/buurtbewonersparticipatietrajectvoorbereidingsbijeenkomst-2026.pdf"
)

ADMIN, DESIGNER, CLIENT, PARTNER = "admin", "designer", "client", "partner"
EVERYONE = frozenset({ADMIN, DESIGNER, CLIENT, PARTNER})
STAFF = frozenset({ADMIN, DESIGNER})
EXTERNAL = frozenset({CLIENT, PARTNER})

# page name -> (URL pattern, who can open it); the objects come from tests/access_urls.py.
# Left out: htmx fragments, unstyled on their own (the confirmations panel, the highlights);
# the dashboard and project page that hold them are measured whole.
PAGES = {
    "home": ("dashboard:home", EVERYONE),
    "project list": ("dashboard:project_list", EVERYONE),
    "project page": ("dashboard:project", EVERYONE),
    "dashboard": ("dashboard:dashboard", EVERYONE),
    "project form": ("projects:edit", STAFF),
    "phases": ("projects:phases", STAFF),
    "members": ("projects:members", STAFF),
    "choose project to log": ("projects:activity_quick", STAFF),
    "activity form": ("projects:activity_create", STAFF),
    "activity detail": ("projects:activity_detail", EVERYONE),
    "activity edit": ("projects:activity_edit", STAFF),
    "impact timeline": ("impact:timeline", EVERYONE),
    "impact form": ("impact:create", STAFF),
    "impact detail": ("impact:detail", EVERYONE),
    "impact edit": ("impact:edit", STAFF),
    "substantiation request": ("impact:substantiation_request", STAFF),
    "substantiation answer": ("impact:substantiation_answer", EVERYONE),
    "initiatives": ("impact:initiatives", EVERYONE),
    "initiative form": ("impact:initiative_create", STAFF),
    "initiative detail": ("impact:initiative_detail", EVERYONE),
    "ownership form": ("impact:ownership_add", STAFF),
    "agreement": ("cocreation:agreement", EVERYONE),
    "version": ("cocreation:version", EVERYONE),
    "version diff": ("cocreation:version_diff", EVERYONE),
    "check-in form": ("cocreation:check_in_create", STAFF),
    "check-in": ("cocreation:check_in", EVERYONE),
    "concerns": ("cocreation:concerns", EVERYONE),
    "concern form": ("cocreation:concern_create", EXTERNAL),
    "concern": ("cocreation:concern", STAFF | {CLIENT}),
    "progress reports": ("dashboard:reports", EVERYONE),
    "pulse": ("cocreation:pulse", EVERYONE),
    "pulse answer": ("cocreation:pulse_answer", {CLIENT}),
    "pulse link": ("cocreation:pulse_link", EVERYONE),
    "participants": ("trainings:participants", STAFF | {CLIENT}),
    "participant add": ("trainings:participant_add", STAFF),
    "participant remove": ("trainings:participant_remove", STAFF),
    "registration link": ("trainings:registration", STAFF),
    "register": ("trainings:register", EVERYONE),
}
CASES = [
    pytest.param(role, name, id=f"{role}-{name.replace(' ', '_')}")
    for name, (_, roles) in PAGES.items()
    for role in (ADMIN, DESIGNER, CLIENT, PARTNER)
    if role in roles
]

# The elements sticking out to the right, to name in a failure.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(-5)
  .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
             + ` (${Math.round(el.getBoundingClientRect().right)}px)`)"""


def _photo(number: int) -> SimpleUploadedFile:
    data = image_bytes(size=(1200, 900) if number % 2 else (900, 1200))
    return SimpleUploadedFile(f"IMG_00{number}.jpg", data, content_type="image/jpeg")


def _build() -> SimpleNamespace:
    world = factories.build_world()
    project = world.project_a
    designer = world.designer
    factories.PhaseFactory(project=project, name="Ontdekken", order=0)
    current = factories.PhaseFactory(
        project=project, name=f"Ontwerpen en {LONG_WORD}", order=1, is_current=True
    )
    objects = build_objects(
        project=project,
        client=world.client_a,
        partner=world.partner,
        designer=designer,
        prefix=LONG_WORD,
        sequence=1,
    )
    # More activities than the impact form shows at once, so that it offers its search.
    for day in range(14):
        factories.ActivityFactory(
            project=project,
            title=f"{LONG_WORD} {day}",
            date=datetime.date(2026, 2, 1) + datetime.timedelta(days=day),
        )
    # The newest activity, with five phone photos (the project page shows four of them).
    activity = activity_services.activity_create(
        actor=designer,
        project=project,
        date=datetime.date(2026, 3, 2),
        kind="street_conversation",
        title=f"{LONG_WORD} op het Vlinderplein",
        notes=f"Verslag: {LONG_URL}",
        location=LONG_WORD,
        partners_present=f"{LONG_WORD}, {LONG_URL}",
        residents_reached=14,
        phase=current,
        photos=[_photo(n) for n in range(5)],
    )
    entry = impact_services.entry_create(
        actor=designer,
        project=project,
        activities=[activity],
        photos=[_photo(7)],
        kind="outcome",
        title=f"{LONG_WORD} leidde tot een moestuin",
        occurred_on=datetime.date(2026, 3, 5),
        description=f"Zie {LONG_URL}",
        for_whom=LONG_WORD,
        location=LONG_WORD,
        visibility="shared",
    )
    cocreation_services.concern_reply(
        actor=designer, concern=objects.concern, body=f"Het verslag staat op {LONG_URL}"
    )
    # Open for weeks, with a long subject: the team's health reasons must fit the phone too.
    factories.ConcernFactory(
        project=project,
        subject=LONG_WORD[:190],
        created_at=timezone.now() - datetime.timedelta(days=30),
    )
    factories.MembershipFactory(user=designer, project=project, role="designer")
    objects.activity, objects.entry = activity, entry
    users = {ADMIN: world.admin, DESIGNER: designer, CLIENT: world.client_a, PARTNER: world.partner}
    routes = {route.key: route for route in url_patterns()}
    urls = {name: build_url(routes[key], objects) for name, (key, _) in PAGES.items()}
    return SimpleNamespace(users=users, urls=urls)


@pytest.fixture(scope="module")
def phone_world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield _build()
        transaction.set_rollback(True)


def _serve(route, client: Client) -> None:
    """Answer the browser's request with Django's: static files from the finders, the rest
    from the logged-in test client."""
    request = route.request
    url = urlsplit(request.url)
    if url.path.startswith(settings.STATIC_URL):
        found = finders.find(url.path.removeprefix(settings.STATIC_URL))
        route.fulfill(path=found) if found else route.fulfill(status=404)
        return
    headers = {
        name: value
        for name, value in request.headers.items()
        if name.lower() not in {"cookie", "host", "content-length", "content-type"}
    }
    response = client.generic(
        request.method,
        f"{url.path}?{url.query}" if url.query else url.path,
        data=request.post_data_buffer or b"",
        content_type=request.headers.get("content-type", ""),
        headers=headers,
    )
    body = b"".join(response.streaming_content) if response.streaming else response.content
    route.fulfill(status=response.status_code, headers=dict(response.headers), body=body)


@pytest.fixture(scope="module")
def phone_browser(playwright, browser_type_launch_args):
    # A browser and page of their own: pytest-playwright parametrises every test that asks
    # for a `page` by browser name, and pytest then runs the transactional browser journeys
    # (whose flush empties the seeded tables) right after these database tests, before the
    # other database tests.
    browser = playwright.chromium.launch(**browser_type_launch_args)
    yield browser
    browser.close()


@pytest.fixture
def phone_page(phone_browser):
    context = phone_browser.new_context(locale="nl-NL", viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("role", "name"), CASES)
def test_page_fits_a_375_px_phone(phone_page, phone_world, role, name):
    page = phone_page
    client = Client()
    client.force_login(phone_world.users[role])
    # Playwright calls the handler in its own greenlet, whose context would open a second
    # database connection that cannot see this test's transaction: run it in the test's.
    context = contextvars.copy_context()
    page.route("**/*", lambda route: context.copy().run(_serve, route, client))
    response = page.goto(BASE + phone_world.urls[name])
    assert response.status == 200, f"{name} answered {response.status} for {role}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide: {page.evaluate(WIDEST)}"
