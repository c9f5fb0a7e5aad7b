"""The dashboard cache is never stale and never leaks (issue 12).

Every write that changes what the shared dashboard shows must show on the next render, even when
the dashboard was rendered (and so cached) just before it; a client or partner rendering after a
designer must never get the team's internal entries; a warm dashboard asks at most 4 queries; and
each language has its own entry.

No freezer is installed (time-machine is not in the requirements), so every date below is
explicit and in the past, and the one test about "today" replaces `timezone.localdate`: the tests
hold on any day, a Sunday or 31 December included. The cache is emptied before and after each
test by the autouse `empty_cache` of tests/conftest.py.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import pytest
import redis
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from cocreation import services as cocreation_services
from cocreation import tasks as cocreation_tasks
from core.links import link_token
from dashboard import services as dashboard_services
from dashboard import tasks as dashboard_tasks
from impact import services as impact_services
from impact import substantiation as impact_substantiation
from impact.models.substantiation import LINK_PURPOSE
from projects.models import Theme, User
from projects.services import activities as activity_services
from projects.services import projects as project_services
from tests import factories
from tests.dashboard.test_queries import _add_activities

pytestmark = pytest.mark.django_db

INTERNAL = "Intern signaal over spanningen"  # build_dashboard's internal entry
QUOTE = "Woorden van mevrouw Jansen"  # a resident's words, shared with consent


@pytest.fixture
def built(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return factories.build_dashboard(world)


def _url(project) -> str:
    return reverse("dashboard:dashboard", kwargs={"slug": project.slug})


def _render(user, project) -> str:
    """The dashboard of `project` as `user` sees it, in a browser of their own."""
    browser = Client()
    browser.force_login(user)
    response = browser.get(_url(project))
    assert response.status_code == 200
    return response.content.decode()


# ---- what a render shows, read from its HTML ----


def _shows(text: str) -> Callable[[str], bool]:
    def probe(html: str) -> bool:
        return text in html

    return probe


def _current_phase(html: str) -> str | None:
    """The name of the phase the trajectory marks as current."""
    found = re.search(
        r'class="trajectory-step is-current".*?class="trajectory-name">([^<]*)<', html, re.S
    )
    return found.group(1) if found else None


def _phase_names(html: str) -> list[str]:
    """The phases of the trajectory, in their order."""
    return re.findall(r'class="trajectory-name">([^<]*)<', html)


def _current_ownership_levels(html: str) -> set[str]:
    """The level each initiative's ladder marks as current."""
    return set(re.findall(r'is-current" aria-current="step">([^<]+)</li>', html))


def _shown_as_shared(title: str) -> Callable[[str], bool]:
    """Whether the entry titled `title` is on the dashboard without the "Intern" mark."""

    def probe(html: str) -> bool:
        items = html.split('<li class="dashboard-highlight')
        return any(title in item and "impact-visibility-internal" not in item for item in items)

    return probe


def _chart(html: str, chart_id: str) -> dict:
    found = re.search(
        rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert found, f"no chart {chart_id} on the page"
    return json.loads(found.group(1))


# ---- every write that changes the dashboard ----

FEB_10, FEB_25 = datetime.date(2026, 2, 10), datetime.date(2026, 2, 25)
Q1 = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 3, 31)}


@dataclass(frozen=True)
class Change:
    """A write that changes what the dashboard shows, and how to see that it did."""

    run: Callable[[SimpleNamespace, SimpleNamespace], object]  # (world, built): the write
    probe: Callable[[str], object]  # what the dashboard shows of it, read from a render
    after: object  # the probe's value after the write; before it, the value differs
    viewers: tuple[str, ...] = ("designer", "client_a")
    prepare: Callable[[SimpleNamespace, SimpleNamespace], None] | None = None  # before rendering


def _activity_create(world, built):
    activity_services.activity_create(
        actor=world.designer,
        project=built.project,
        kind="meeting",
        title="Soep op het Vlinderplein",
        date=FEB_10,
        residents_reached=7,
    )


def _activity_update(world, built):
    activity_services.activity_update(
        actor=world.designer, activity=built.activity, title="Thee op het Vlinderplein"
    )


def _activity_delete(world, built):
    activity_services.activity_delete(actor=world.designer, activity=built.activity)


def _phase_add(world, built):
    project_services.phase_add(actor=world.designer, project=built.project, name="Nazorg")


def _phase_set_current(world, built):
    phase = built.project.phases.get(name="Ontdekken")
    project_services.phase_set_current(actor=world.designer, phase=phase)


def _phase_rename(world, built):
    phase = built.project.phases.get(name="Ontwerpen")
    project_services.phase_update(actor=world.designer, phase=phase, name="Schetsen met bewoners")


def _phase_move(world, built):
    phase = built.project.phases.get(name="Ontwerpen")
    project_services.phase_move(actor=world.designer, phase=phase, step=-1)


def _phase_delete(world, built):
    phase = built.project.phases.get(name="Ontdekken")  # no activities, not current
    project_services.phase_delete(actor=world.designer, phase=phase)


def _project_update(world, built):
    project_services.project_update(
        actor=world.designer, project=built.project, title="Vlinderbuurt vernieuwd"
    )


def _entry_create(world, built):
    impact_services.entry_create(
        actor=world.designer,
        project=built.project,
        kind="outcome",
        title="Buren ruilen nu gereedschap",
        description="Via de app van de straat.",
        occurred_on=FEB_25,
        visibility="shared",
    )


def _entry_update(world, built):
    impact_services.entry_update(
        actor=world.designer, entry=built.shared, title="Buren groeten elkaar, ook op zondag"
    )


def _add_consented_quote(world, built):
    built.quote = factories.ImpactEntryFactory(
        project=built.project,
        resident_consented=True,
        title=QUOTE,
        occurred_on=datetime.date(2026, 3, 1),
    )


def _consent_withdraw(world, built):
    impact_services.consent_withdraw(actor=world.designer, entry=built.quote, note="Belde op")


def _significance_mark(world, built):
    impact_services.significance_mark(
        actor=world.designer,
        entry=built.shared,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30),
        reason="Buren zoeken elkaar nu uit zichzelf op.",
    )


def _initiative_create(world, built):
    impact_services.initiative_create(
        actor=world.designer,
        project=built.project,
        level=1,
        title="Fietsenwerkplaats",
        started_on=datetime.date(2026, 2, 1),
        visibility="shared",
    )


def _ownership_record(world, built):
    impact_services.ownership_record(
        actor=world.designer, initiative=built.initiative, level=4, date=datetime.date(2026, 3, 20)
    )


def _propose_new_version(world, built):
    agreement = built.agreement.version.agreement
    draft = cocreation_services.agreement_version_new_draft(
        actor=world.designer, agreement=agreement
    )
    cocreation_services.agreement_version_update(
        actor=world.designer, version=draft, ambition="Samen beheren we het plein."
    )
    built.proposed = cocreation_services.agreement_version_propose(
        actor=world.designer, version=draft
    )


def _agree_by_every_party(world, built):
    version = built.proposed
    actors = {0: world.client_a, 1: world.partner, 2: world.designer}  # build_agreement's order
    for party in version.parties.order_by("order"):
        cocreation_services.consent_to(
            actor=actors[party.order],
            version=version,
            party=party,
            content_hash=version.content_hash,
        )


def _check_in_record(world, built):
    commitment = built.agreement.residents.commitments.get()
    cocreation_services.check_in_record(
        actor=world.designer,
        agreement=built.agreement.version.agreement,
        date=datetime.date(2026, 3, 16),
        attendees="Iedereen",
        reviews={commitment.pk: ("attention", "De bewonersgroep mist handen.")},
    )


def _continuation_decision_record(world, built):
    cocreation_services.continuation_decision_record(
        actor=world.designer,
        phase=built.project.phases.get(name="Ontdekken"),
        outcome="continue",
        reason="De buurt wil samen verder ontwerpen.",
        decided_on=datetime.date(2026, 3, 27),
        parties=[{"organisation": built.project.client, "agreed": True, "decided_by": "Anna"}],
    )


def _concern_raise(world, built):
    cocreation_services.concern_raise(
        actor=world.client_a,
        project=built.project,
        subject="Waar blijven de bankjes?",
        body="Ze waren voor maart beloofd.",
    )


def _concern_reply(world, built):
    cocreation_services.concern_reply(
        actor=world.designer, concern=built.concern, body="De schop gaat op 1 mei de grond in."
    )


def _concern_mark_read(world, built):
    cocreation_services.concern_mark_read(actor=world.client_a, concern=built.concern)


def _concern_close(world, built):
    cocreation_services.concern_close(actor=world.designer, concern=built.concern)


def _confirmation_generate(world, built):
    # The term covers the trajectory: its phases need dates first.
    world.project_a.phases.update(
        start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2027, 6, 4)
    )
    built.confirmation = cocreation_services.order_confirmation_generate(
        actor=world.admin,
        version=built.agreement.version,
        fee=Decimal("12500.00"),
        hours=120,
        enqueue=False,
    )


def _confirmation_render(world, built):
    result = cocreation_tasks.order_confirmation_render_task.apply(args=[built.confirmation.pk])
    assert result.get() == "ready"


def _activity_hours(world, built):
    activity_services.activity_create(
        actor=world.designer,
        project=built.project,
        kind="meeting",
        title="Uren op het Vlinderplein",
        date=FEB_10,
        hours=Decimal("12.5"),
    )


def _progress_report_request(world, built):
    built.report = dashboard_services.progress_report_request(
        actor=world.client_a, project=built.project, enqueue=False, **Q1
    )


def _progress_report_render(world, built):
    assert (
        dashboard_tasks.progress_report_render_task.apply(args=[built.report.pk]).get() == "ready"
    )


def _pulse_invite(world, built):
    from cocreation.services.pulse import pulse_invite

    built.pulse = pulse_invite(
        project=built.project, user=world.client_a, period=datetime.date(2026, 2, 23)
    )


def _pulse_answer(world, built):
    cocreation_services.pulse_answer(
        actor=world.client_a, invitation=built.pulse, ambition=4, collaboration=3
    )


def _substantiation_request(world, built):
    built.asked = impact_substantiation.request_substantiation(
        actor=world.designer,
        entry=built.shared,
        name="Fatima",
        email="f@example.org",
        role="resident",
    )


def _substantiation_answer(world, built):
    points = ("description", "significance", "contribution")
    impact_substantiation.answer_substantiation(
        token=link_token(LINK_PURPOSE, built.asked.pk),
        answers={point: ("agrees", "") for point in points},
        answer_name="Fatima",
        answer_role="bewoner",
    )


CHANGES = {
    "activity_create": Change(_activity_create, _shows("Soep op het Vlinderplein"), True),
    "activity_update": Change(_activity_update, _shows("Thee op het Vlinderplein"), True),
    "activity_delete": Change(_activity_delete, _shows("Koffie op het Vlinderplein"), False),
    "phase_add": Change(_phase_add, _shows("Nazorg"), True),
    "phase_set_current": Change(_phase_set_current, _current_phase, "Ontdekken"),
    "phase_rename": Change(_phase_rename, _shows("Schetsen met bewoners"), True),
    "phase_move": Change(_phase_move, _phase_names, ["Ontwerpen", "Ontdekken"]),
    "phase_delete": Change(_phase_delete, _phase_names, ["Ontwerpen"]),
    "project_update": Change(_project_update, _shows("Vlinderbuurt vernieuwd"), True),
    "entry_create": Change(_entry_create, _shows("Buren ruilen nu gereedschap"), True),
    "entry_update": Change(_entry_update, _shows("Buren groeten elkaar, ook op zondag"), True),
    "consent_withdraw": Change(
        _consent_withdraw, _shown_as_shared(QUOTE), False, prepare=_add_consented_quote
    ),
    "significance_mark": Change(
        _significance_mark, _shows("Buren zoeken elkaar nu uit zichzelf op."), True
    ),
    "initiative_create": Change(_initiative_create, _shows("Fietsenwerkplaats"), True),
    "ownership_record": Change(
        _ownership_record,
        lambda html: "Zelfstandig, zonder ons" in _current_ownership_levels(html),
        True,
    ),
    "agreement_version_agreed": Change(
        _agree_by_every_party,
        _shows("Samen beheren we het plein."),
        True,
        prepare=_propose_new_version,
    ),
    "check_in_record": Change(_check_in_record, _shows("De bewonersgroep mist handen."), True),
    "continuation_decision_record": Change(
        _continuation_decision_record, _shows("De buurt wil samen verder ontwerpen."), True
    ),
    "concern_raise": Change(_concern_raise, _shows("Waar blijven de bankjes?"), True),
    "concern_reply": Change(_concern_reply, _shows("De schop gaat op 1 mei de grond in."), True),
    "concern_mark_read": Change(
        _concern_mark_read, _shows("Er is gereageerd op uw vraag"), False, viewers=("client_a",)
    ),
    "concern_close": Change(_concern_close, _shows('text-bg-secondary">Gesloten<'), True),
    "order_confirmation_generate": Change(_confirmation_generate, _shows("In de wachtrij"), True),
    "order_confirmation_ready": Change(
        _confirmation_render, _shows("downloaden (pdf)"), True, prepare=_confirmation_generate
    ),
    "pulse_answer": Change(_pulse_answer, _shows("1 antwoord"), True, prepare=_pulse_invite),
    "substantiation_request": Change(
        _substantiation_request, _shows("gevraagd, nog geen antwoord"), True
    ),
    "substantiation_answer": Change(
        _substantiation_answer,
        _shows("bevestigd door een bewoner"),
        True,
        prepare=_substantiation_request,
    ),
    "activity_hours": Change(_activity_hours, _shows("12,5 uur"), True),
    "order_confirmation_ready_hours": Change(
        _confirmation_render,
        _shows("afgesproken uren besteed"),
        True,
        prepare=_confirmation_generate,
    ),
    "progress_report_request": Change(_progress_report_request, _shows("In de wachtrij"), True),
    "progress_report_ready": Change(
        _progress_report_render,
        _shows("Downloaden (pdf)"),
        True,
        prepare=_progress_report_request,
    ),
}


def _assert_the_next_render_shows(world, built, change: Change) -> None:
    if change.prepare is not None:
        change.prepare(world, built)
    viewers = [getattr(world, name) for name in change.viewers]
    before = {user.pk: change.probe(_render(user, built.project)) for user in viewers}  # cached
    change.run(world, built)
    for user in viewers:
        assert before[user.pk] != change.after, f"{user.name}: shown before the change"
        assert change.probe(_render(user, built.project)) == change.after, (
            f"{user.name}: the dashboard does not show the change (a stale cache entry)"
        )


@pytest.mark.parametrize("change", list(CHANGES.values()), ids=list(CHANGES))
def test_the_next_render_shows_the_change(world, built, change):
    _assert_the_next_render_shows(world, built, change)


def test_a_new_activity_counts_in_the_totals_of_a_cached_dashboard(world, built):
    def activities_total(html):
        return int(re.search(r"<strong>(\d+)</strong> activiteit", html).group(1))

    assert activities_total(_render(world.client_a, built.project)) == 2
    _activity_create(world, built)
    assert activities_total(_render(world.client_a, built.project)) == 3


# ---- rows changed in the admin (no service) that the dashboard shows ----


def _rename_organisation(world, built):
    # A party of the agreement: the dashboard lists each party's commitments under its name.
    organisation = built.agreement.residents.organisation
    organisation.name = "Bewonersgroep Vlinderplein"
    organisation.save()  # what the admin's change form does


def _theme_the_shared_entry(world, built):
    built.theme = Theme.objects.create(name="Groen")
    impact_services.entry_update(actor=world.designer, entry=built.shared, themes=[built.theme])


def _rename_theme(world, built):
    built.theme.name = "Groen en spelen"
    built.theme.save()


def _rename_client(world, built):
    # The client raised the concern on the dashboard; the team sees who raised it.
    world.client_a.name = "Anna de Vries"
    world.client_a.save()


def _delete_theme(world, built):
    built.theme.delete()  # the theme's links go with it (a cascade, no m2m_changed)


def _log_an_activity_as_a_second_designer(world, built):
    built.eva = factories.UserFactory(role=User.Role.DESIGNER, name="Designer Eva")
    activity_services.activity_create(
        actor=built.eva, project=built.project, kind="meeting", title="Buurtsoep", date=FEB_10
    )


def _delete_the_second_designer(world, built):
    # Someone asks to be forgotten: "Gelogd door" falls back to "onbekend" (SET_NULL, an UPDATE
    # without signals on the activity).
    built.eva.delete()


ADMIN_WRITES = {
    "organisation_rename": Change(_rename_organisation, _shows("Bewonersgroep Vlinderplein"), True),
    "theme_rename": Change(
        _rename_theme, _shows("Groen en spelen"), True, prepare=_theme_the_shared_entry
    ),
    "user_rename": Change(_rename_client, _shows("Anna de Vries"), True, viewers=("designer",)),
    "theme_delete": Change(_delete_theme, _shows("Groen"), False, prepare=_theme_the_shared_entry),
    "user_delete": Change(
        _delete_the_second_designer,
        _shows("Designer Eva"),
        False,
        prepare=_log_an_activity_as_a_second_designer,
    ),
}


@pytest.mark.parametrize("change", list(ADMIN_WRITES.values()), ids=list(ADMIN_WRITES))
def test_the_next_render_shows_a_row_changed_in_the_admin(world, built, change):
    _assert_the_next_render_shows(world, built, change)


# ---- today: a figure that runs "until now" ----


def test_the_ownership_chart_reaches_the_new_month_on_its_first_day(world, built, monkeypatch):
    # The ladder chart runs from the first step to this month: on 1 April it has an April.
    def ownership_months(html):
        return _chart(html, "chart-ownership-data")["labels"]

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2026, 3, 31))
    march = ownership_months(_render(world.client_a, built.project))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: datetime.date(2026, 4, 1))
    april = ownership_months(_render(world.client_a, built.project))
    assert len(april) == len(march) + 1


# ---- audiences: the team's render never reaches a client or a partner ----


@pytest.fixture(params=["configured", "redis"])
def backend(request, settings):
    """The cache as configured (local memory, or Redis when CACHE_URL is set), or Redis forced
    on a key prefix of its own (skipped without Redis, a failure under CI). Gives the keys this
    test stored in the forced Redis, or None for the configured cache."""
    if request.param == "configured":
        yield lambda: None
        return
    location = os.environ.get("CACHE_URL") or request.getfixturevalue("redis_url")
    prefix = f"test-freshness-{uuid.uuid4().hex}"
    previous = django_settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    connection = redis.Redis.from_url(location)
    yield lambda: list(connection.scan_iter(f"{prefix}:*"))
    # Remove only this test's keys, and give the autouse clear() the cache it had: never flush
    # a Redis database that may be the broker's.
    keys = list(connection.scan_iter(f"{prefix}:*"))
    if keys:
        connection.delete(*keys)
    settings.CACHES = previous


def _outsider_after_a_designer(world, built, outsider, stored_keys) -> str:
    assert INTERNAL in _render(world.designer, built.project)
    keys = stored_keys()
    assert keys is None or keys, "the designer's dashboard is not in the forced Redis"
    return _render(outsider, built.project)


def test_a_client_after_a_designer_gets_no_internal_entries(world, built, backend):
    html = _outsider_after_a_designer(world, built, world.client_a, backend)
    assert INTERNAL not in html
    assert "Citaat zonder toestemming" not in html and "Verborgen initiatief" not in html
    assert "Buren groeten elkaar weer" in html  # the shared entry does show


def test_a_partner_after_a_designer_gets_no_internal_entries(world, built, backend):
    html = _outsider_after_a_designer(world, built, world.partner, backend)
    assert INTERNAL not in html
    assert "Citaat zonder toestemming" not in html and "Verborgen initiatief" not in html
    assert "Buren groeten elkaar weer" in html


def test_a_designer_after_a_client_gets_the_internal_entries(world, built, backend):
    # The other way round: a client's cached render does not hide the team's entries.
    assert INTERNAL not in _render(world.client_a, built.project)
    assert INTERNAL in _render(world.designer, built.project)


# ---- the query budget: ≤ 15 cold, ≤ 4 warm, at two sizes ----


@pytest.mark.parametrize("size", [5, 5000])
@pytest.mark.parametrize("who", ["client_a", "designer"])
def test_a_warm_dashboard_runs_at_most_4_queries(
    client, world, built, who, size, django_assert_max_num_queries
):
    _add_activities(built.project, size - 2)  # build_dashboard has two
    url = _url(built.project)
    # Warm what every process warms once (content types, permissions) on another project, so
    # that "cold" below means this project's dashboard, not a fresh process.
    _render(world.client_b, world.project_b)
    client.force_login(getattr(world, who))
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200  # cold
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200  # warm


def test_substantiation_beside_every_outcome_stays_within_the_budget(
    client, world, built, django_assert_max_num_queries
):
    # An answered and an open request on each shown entry: read along, not one query each.
    _render(world.client_b, world.project_b)
    for entry in (built.shared, built.significant):
        for role in ("resident", "partner"):
            _substantiation_request(world, built)
            built.asked.entry = entry
            built.asked.role = role
            built.asked.save()
        _substantiation_answer(world, built)
    client.force_login(world.client_a)
    with django_assert_max_num_queries(15):
        html = client.get(_url(built.project)).content.decode()  # cold
    assert "bevestigd door een bewoner" not in html  # the last asked, a partner, answered
    assert html.count("bevestigd door een partner") == 2
    assert html.count("gevraagd, nog geen antwoord") == 2
    with django_assert_max_num_queries(4):
        assert client.get(_url(built.project)).status_code == 200  # warm


# ---- languages: each has its own entry ----


def test_english_after_dutch_gets_english_figures(client, world, built):
    client.force_login(world.client_a)
    dutch = client.get(_url(built.project)).content.decode()
    assert _chart(dutch, "chart-activities-data")["datasets"][0]["label"] == "Activiteiten"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})  # the footer switcher
    english = client.get(_url(built.project)).content.decode()
    assert "Activities and residents reached per month" in english
    chart = _chart(english, "chart-activities-data")
    assert chart["datasets"][0]["label"] == "Activities"


def test_dutch_after_english_gets_dutch_figures(client, world, built):
    client.force_login(world.client_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(_url(built.project)).content.decode()
    assert _chart(english, "chart-activities-data")["datasets"][0]["label"] == "Activities"
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    dutch = client.get(_url(built.project)).content.decode()
    assert _chart(dutch, "chart-activities-data")["datasets"][0]["label"] == "Activiteiten"


def test_saving_a_project_read_earlier_never_sets_its_generation_back(world):
    from projects.models import Project

    stale = Project.objects.get(pk=world.project_a.pk)
    factories.ActivityFactory(project=world.project_a)  # bumps the generation in the database
    bumped = Project.objects.get(pk=world.project_a.pk).generation
    assert bumped > stale.generation
    stale.title = "Nieuwe titel"
    stale.save()
    assert Project.objects.get(pk=world.project_a.pk).generation > bumped
