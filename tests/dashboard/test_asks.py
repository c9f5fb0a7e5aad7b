"""'Wat er van u gevraagd wordt' (issue 13 §1): each kind of ask appears for the right user
only, and goes away once it is done. Time is frozen wherever "today" matters."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from cocreation import services
from cocreation.models import AgreementVersion
from dashboard.selectors import home_for
from projects.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

# A Monday, so that a check-in six weeks on falls on a working day.
AGREED = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


def _home(user) -> list[tuple[str, str]]:
    """The asks on `user`'s home page, as (kind, text)."""
    return [(ask.kind, ask.text) for ask in home_for(user).asks]


def _kinds(user) -> list[str]:
    return [kind for kind, _text in _home(user)]


def _dashboard(user, project) -> list[tuple[str, str, str]]:
    """The asks on the dashboard of `project` as `user` sees it: (kind, url, text)."""
    browser = Client()
    browser.force_login(user)
    response = browser.get(reverse("dashboard:dashboard", args=[project.slug]))
    assert response.status_code == 200
    return re.findall(
        r'data-ask-kind="(\w+)">\s*<a href="([^"]*)">([^<]*)<', response.content.decode()
    )


def _member(user, project, role=Membership.Role.DESIGNER):
    factories.MembershipFactory(user=user, project=project, role=role)


# ---- consent ----


@pytest.fixture
def proposed(world, time_machine):
    time_machine.move_to(AGREED, tick=False)
    _member(world.designer, world.project_a)
    return factories.build_agreement(world, status="proposed")


def _consent(version, party, actor):
    services.consent_to(
        actor=actor, version=version, party=party, content_hash=version.content_hash
    )


def test_client_is_asked_to_consent_with_the_parties_still_missing_named(world, proposed):
    [(kind, text)] = _home(world.client_a)
    assert kind == "consent"
    assert "Versie 1" in text and "wacht op uw instemming" in text
    for party in (proposed.client, proposed.residents, proposed.designers):
        assert party.organisation.name in text


def test_consent_ask_links_to_the_proposal(world, proposed):
    [(kind, url, _text)] = _dashboard(world.client_a, world.project_a)
    assert kind == "consent"
    assert url == reverse("cocreation:version", args=[world.project_a.slug, 1])


def test_consent_ask_is_for_members_of_the_project_only(world, proposed):
    assert _home(world.client_b) == []


def test_consent_ask_goes_once_the_party_consented(world, proposed):
    _consent(proposed.version, proposed.client, world.client_a)
    assert _home(world.client_a) == []
    [(kind, text)] = _home(world.partner)  # the residents' group still has to
    assert kind == "consent"
    assert proposed.residents.organisation.name in text
    assert proposed.client.organisation.name not in text


def test_designer_sees_what_waits_on_other_parties(world, proposed):
    assert _kinds(world.designer) == ["consent"]  # De Buurtontdekkers has not agreed either
    _consent(proposed.version, proposed.designers, world.designer)
    [(kind, text)] = _home(world.designer)
    assert kind == "consent_others"
    assert proposed.client.organisation.name in text
    assert proposed.residents.organisation.name in text
    assert proposed.designers.organisation.name not in text


def test_consent_asks_go_when_every_party_agreed(world, proposed):
    _consent(proposed.version, proposed.client, world.client_a)
    _consent(proposed.version, proposed.residents, world.partner)
    _consent(proposed.version, proposed.designers, world.designer)
    proposed.version.refresh_from_db()
    assert proposed.version.status == AgreementVersion.Status.AGREED
    for user in (world.client_a, world.partner, world.designer):
        assert "consent" not in _kinds(user) and "consent_others" not in _kinds(user)


# ---- check-ins ----


@pytest.fixture
def agreed(world, time_machine):
    """Project A's agreement, agreed on Monday 2 March 2026: the first check-in is due six
    weeks on, on Monday 13 April."""
    time_machine.move_to(AGREED, tick=False)
    _member(world.designer, world.project_a)
    agreed = factories.build_agreed_agreement(world)
    # About check-ins: no phase ends here, so no continuation decision is asked in between
    # (those asks have their own tests below).
    world.project_a.phases.update(end_date=None)
    return agreed


def _on(time_machine, day: datetime.date):
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC))


def test_no_check_in_ask_while_it_is_far_off(world, agreed, time_machine):
    _on(time_machine, datetime.date(2026, 3, 20))
    assert "check_in" not in _kinds(world.client_a)


def test_check_in_coming_up_is_asked_of_everyone_in_the_project(world, agreed, time_machine):
    _on(time_machine, datetime.date(2026, 4, 8))
    for user in (world.client_a, world.partner, world.designer):
        [(kind, text)] = [item for item in _home(user) if item[0] == "check_in"]
        assert "13 april 2026" in text
    assert _home(world.client_b) == []


def test_designer_is_sent_to_record_an_overdue_check_in(world, agreed, time_machine):
    _on(time_machine, datetime.date(2026, 4, 20))
    [(kind, url, text)] = _dashboard(world.designer, world.project_a)
    assert kind == "check_in" and "nog niet vastgelegd" in text
    assert url == reverse("cocreation:check_in_create", args=[world.project_a.slug])
    [(kind, url, _text)] = _dashboard(world.client_a, world.project_a)
    assert url == reverse("cocreation:agreement", args=[world.project_a.slug])


def test_check_in_ask_goes_once_the_check_in_is_recorded(world, agreed, time_machine):
    _on(time_machine, datetime.date(2026, 4, 14))
    assert _kinds(world.designer) == ["check_in"]
    services.check_in_record(
        actor=world.designer,
        agreement=agreed.version.agreement,
        date=datetime.date(2026, 4, 14),
        attendees="Iedereen",
    )
    assert _kinds(world.designer) == []
    assert _dashboard(world.designer, world.project_a) == []


# ---- commitments that asked for attention ----


def _review(world, agreed, day, status):
    commitment = agreed.client.commitments.get()
    services.check_in_record(
        actor=world.designer,
        agreement=agreed.version.agreement,
        date=day,
        attendees="Iedereen",
        reviews={commitment.pk: (status, "Minder uren dan gepland.")},
    )
    return commitment


def test_a_partys_commitment_needing_attention_is_asked_of_that_party(world, agreed, time_machine):
    _on(time_machine, datetime.date(2026, 4, 14))
    commitment = _review(world, agreed, datetime.date(2026, 4, 14), "attention")
    [(kind, text)] = _home(world.client_a)
    assert kind == "attention" and "uw inzet" in text and commitment.description in text
    assert _home(world.partner) == []  # another party's commitment
    [(kind, text)] = _home(world.designer)
    assert kind == "attention" and agreed.client.organisation.name in text


def test_attention_ask_goes_when_the_next_check_in_finds_it_on_track(world, agreed, time_machine):
    _on(time_machine, datetime.date(2026, 4, 14))
    _review(world, agreed, datetime.date(2026, 4, 14), "attention")
    [(kind, url, _text)] = _dashboard(world.client_a, world.project_a)  # cached now
    assert kind == "attention"
    _on(time_machine, datetime.date(2026, 5, 26))
    _review(world, agreed, datetime.date(2026, 5, 26), "on_track")
    assert _home(world.client_a) == []
    assert _dashboard(world.client_a, world.project_a) == []


# ---- replies to one's concerns ----


@pytest.fixture
def answered(world):
    concern = services.concern_raise(
        actor=world.client_a, project=world.project_a, subject="Waar blijven de bankjes?", body="?"
    )
    services.concern_reply(actor=world.designer, concern=concern, body="Op 1 mei.")
    return concern


def _open_concern(user, concern):
    browser = Client()
    browser.force_login(user)
    url = reverse("cocreation:concern", args=[concern.project.slug, concern.pk])
    assert browser.get(url).status_code == 200


def test_a_reply_is_asked_of_the_one_who_raised_the_concern_only(world, answered):
    [(kind, text)] = _home(world.client_a)
    assert kind == "concern_reply" and "Waar blijven de bankjes?" in text
    colleague = factories.UserFactory(organisation=world.client_a.organisation)
    _member(colleague, world.project_a, Membership.Role.CLIENT)
    assert _home(colleague) == []  # may read the concern, but did not raise it
    assert _home(world.partner) == [] and _home(world.designer) == []


def test_reply_ask_links_to_the_concern_and_goes_once_read(world, answered):
    [(kind, url, _text)] = _dashboard(world.client_a, world.project_a)
    assert url == reverse("cocreation:concern", args=[world.project_a.slug, answered.pk])
    _open_concern(world.designer, answered)  # someone else reading it changes nothing
    assert _kinds(world.client_a) == ["concern_reply"]
    _open_concern(world.client_a, answered)
    assert _home(world.client_a) == []
    assert _dashboard(world.client_a, world.project_a) == []


def test_a_new_reply_after_reading_is_asked_again(world, answered, time_machine):
    _open_concern(world.client_a, answered)
    time_machine.move_to(datetime.datetime(2030, 1, 7, 9, tzinfo=datetime.UTC))
    services.concern_reply(actor=world.designer, concern=answered, body="Toch 8 mei.")
    assert _kinds(world.client_a) == ["concern_reply"]


def test_reply_ask_goes_when_the_concern_is_closed(world, answered):
    services.concern_close(actor=world.designer, concern=answered)
    assert _home(world.client_a) == []
    assert _dashboard(world.client_a, world.project_a) == []


def test_own_reply_is_not_asked_of_oneself(world):
    concern = services.concern_raise(
        actor=world.client_a, project=world.project_a, subject="Nog iets", body="?"
    )
    services.concern_reply(actor=world.client_a, concern=concern, body="Aanvulling.")
    assert _home(world.client_a) == []


# ---- the pages ----


def _body(user, url) -> str:
    browser = Client()
    browser.force_login(user)
    response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_state_says_nothing_waits(world):
    for url in (
        reverse("dashboard:home"),
        reverse("dashboard:dashboard", args=["vlinderbuurt-samen"]),
    ):
        body = _body(world.client_a, url)
        assert "Wat er van u gevraagd wordt" in body and "Er wacht nu niets op u." in body


def test_home_lists_the_asks_per_project_at_the_top(world, proposed):
    body = _body(world.client_a, reverse("dashboard:home"))
    asks = body.index('id="asks-title"')
    assert asks < body.index('id="my-projects"')
    assert world.project_a.title in body[asks : body.index('id="my-projects"')]
    assert "wacht op uw instemming" in body


def test_raise_concern_button_is_in_the_dashboard_header_for_clients_only(world):
    url = reverse("dashboard:dashboard", args=[world.project_a.slug])
    create = reverse("cocreation:concern_create", args=[world.project_a.slug])
    body = _body(world.client_a, url)
    start = body.index('class="project-header')
    header = body[start : body.index("</header>", start)]
    assert create in header and "Vraag of zorg melden" in header
    body = _body(world.designer, url)
    start = body.index('class="project-header')
    assert create not in body[start : body.index("</header>", start)]


def test_agreement_page_names_who_consented_and_who_is_missing(world, proposed):
    _consent(proposed.version, proposed.client, world.client_a)
    for url in (
        reverse("cocreation:agreement", args=[world.project_a.slug]),
        reverse("cocreation:version", args=[world.project_a.slug, 1]),
    ):
        body = _body(world.partner, url)
        missing = body[body.index("Nog niet ingestemd:") : body.index("Al ingestemd:")]
        assert proposed.residents.organisation.name in missing
        assert proposed.designers.organisation.name in missing
        assert proposed.client.organisation.name not in missing
        consented = body[body.index("Al ingestemd:") :]
        assert f"{proposed.client.organisation.name}: {world.client_a.name}, op 2 maart 2026" in (
            consented
        )


# ---- the query budget of the home page (tests/dashboard/test_home_views.py: ≤ 7) ----


@pytest.mark.parametrize("who", ["designer", "client_a"])
def test_home_with_asks_keeps_its_queries_as_projects_grow(
    client, world, proposed, who, django_assert_max_num_queries, django_assert_num_queries
):
    services.concern_reply(
        actor=world.designer,
        concern=services.concern_raise(
            actor=world.client_a, project=world.project_a, subject="Bankjes?", body="?"
        ),
        body="Mei.",
    )
    user = getattr(world, who)
    client.force_login(user)
    url = reverse("dashboard:home")
    client.get(url)
    budget = 7 if who == "designer" else 8  # a client's home asks two more (permissions)
    with django_assert_max_num_queries(budget) as ctx:
        body = client.get(url).content.decode()
    warm = len(ctx.captured_queries)
    assert 'data-ask-kind="consent"' in body
    for _ in range(4):
        project = factories.ProjectFactory(client=world.project_a.client)
        _member(user, project, Membership.Role.CLIENT if who != "designer" else "designer")
        agreement = factories.agreed_version_for(project).agreement
        services.check_in_record(
            actor=world.designer,
            agreement=agreement,
            date=datetime.date(2026, 1, 19),  # the next one is due today
            attendees="Iedereen",
        )
    client.get(url)  # the new projects' facts, read once
    with django_assert_num_queries(warm):
        body = client.get(url).content.decode()
    assert body.count('data-ask-kind="check_in"') == 4


# ---- the pulse ----


@pytest.fixture
def pulsed(world, agreed):
    """A pulse sent to the client of project A on the day the agreement was made."""
    from cocreation.services.pulse import pulse_invite

    return pulse_invite(project=world.project_a, user=world.client_a, period=AGREED.date())


def test_an_open_pulse_is_asked_of_the_one_it_was_sent_to(world, pulsed):
    answer = reverse("cocreation:pulse_answer", args=[world.project_a.slug, pulsed.pk])

    assert "pulse" in _kinds(world.client_a)
    assert ("pulse", answer) in [
        (kind, url) for kind, url, _ in _dashboard(world.client_a, world.project_a)
    ]
    assert "pulse" not in _kinds(world.partner)
    assert "pulse" not in [kind for kind, _, _ in _dashboard(world.partner, world.project_a)]


def test_the_pulse_ask_goes_once_answered(world, pulsed):
    services.pulse_answer(actor=world.client_a, invitation=pulsed, ambition=4, collaboration=3)

    assert "pulse" not in _kinds(world.client_a)
    assert "pulse" not in [kind for kind, _, _ in _dashboard(world.client_a, world.project_a)]


# ---- a continuation decision due ----

GUARD_NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=datetime.UTC)
GUARD_TODAY = GUARD_NOW.date()


@pytest.fixture
def phase_due(world, time_machine):
    """Project A's phase 'Verkennen' ends in three weeks, without a decision."""
    time_machine.move_to(GUARD_NOW, tick=False)
    _member(world.designer, world.project_a)
    return factories.PhaseFactory(
        project=world.project_a,
        name="Verkennen",
        start_date=GUARD_TODAY - datetime.timedelta(days=60),
        end_date=GUARD_TODAY + datetime.timedelta(days=21),
    )


def _decide(world, phase):
    from cocreation.continuation import deciding_parties
    from cocreation.models import ContinuationDecision

    services.continuation_decision_record(
        actor=world.designer,
        phase=phase,
        outcome=ContinuationDecision.Outcome.CONTINUE,
        reason="Iedereen wil door.",
        decided_on=GUARD_TODAY,
        parties=[
            {"organisation": organisation, "agreed": True, "decided_by": speaker or "Ontwerper"}
            for organisation, _role, speaker in deciding_parties(phase.project)
        ],
    )


def test_a_decision_due_is_asked_of_every_member_with_the_date(world, phase_due):
    text = "Fase Verkennen eindigt op 1 juli 2026: besluit samen over het vervolg."
    for user in (world.client_a, world.partner, world.designer):
        assert ("decision", text) in _home(user)
    assert "decision" not in _kinds(world.client_b)


def test_the_team_records_it_and_the_others_see_the_trajectory(world, phase_due):
    record = reverse("cocreation:decision_create", args=[world.project_a.slug, phase_due.pk])
    trajectory = (
        reverse("dashboard:dashboard", args=[world.project_a.slug]) + "#dashboard-trajectory-title"
    )
    assert [(k, u) for k, u, _ in _dashboard(world.designer, world.project_a)] == [
        ("decision", record)
    ]
    for user in (world.client_a, world.partner):
        assert [(k, u) for k, u, _ in _dashboard(user, world.project_a)] == [
            ("decision", trajectory)
        ]


def test_a_phase_ending_in_twenty_two_days_asks_nothing_yet(world, phase_due, time_machine):
    time_machine.move_to(GUARD_NOW - datetime.timedelta(days=1), tick=False)
    assert "decision" not in _kinds(world.client_a)
    assert _dashboard(world.client_a, world.project_a) == []


def test_a_phase_ended_without_a_decision_is_asked_now(world, phase_due, time_machine):
    time_machine.move_to(GUARD_NOW + datetime.timedelta(days=30), tick=False)
    [ask] = home_for(world.client_a).asks
    assert ask.kind == "decision" and ask.urgency == "now"
    assert ask.text == "Fase Verkennen eindigde op 1 juli 2026: besluit samen over het vervolg."


def test_the_decision_ask_goes_once_the_decision_is_recorded(world, phase_due):
    assert _dashboard(world.client_a, world.project_a)  # cached before the decision
    _decide(world, phase_due)
    for user in (world.client_a, world.designer):
        assert "decision" not in _kinds(user)
        assert _dashboard(user, world.project_a) == []


def test_a_project_that_is_not_running_asks_no_decision(world, phase_due):
    world.project_a.status = "paused"
    world.project_a.save()
    assert "decision" not in _kinds(world.client_a)
