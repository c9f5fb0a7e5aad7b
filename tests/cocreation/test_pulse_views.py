"""The pulse pages: the signed link from the e-mail (used, tampered or expired: says so and
changes nothing), answering in the app, who reads which remark, the interval, the opt-out."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cocreation import services
from cocreation.models import PulseInvitation, PulseOptOut
from cocreation.services.pulse import opt_out_token, pulse_invite, pulse_token
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2028, 12, 31, 9, tzinfo=datetime.UTC)  # a Sunday, 31 December
PERIOD = datetime.date(2028, 12, 25)
CLIENT_REMARK = "De gemeente voelt zich niet gehoord"
PARTNER_REMARK = "De bewonersgroep mist de koffie"


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def invitation(world, frozen):
    factories.build_agreed_agreement(world)
    return pulse_invite(project=world.project_a, user=world.client_a, period=PERIOD)


def _link(invitation, score=None) -> str:
    url = reverse("cocreation:pulse_link", kwargs={"token": pulse_token(invitation)})
    return f"{url}?score={score}" if score else url


ANSWER = {"ambition": "4", "collaboration": "2", "remark": CLIENT_REMARK}


def _unchanged(invitation) -> bool:
    return not PulseInvitation.objects.get(pk=invitation.pk).is_answered


# ---- the signed link ----


def test_the_link_shows_both_questions_with_the_mails_score_chosen(client, invitation):
    response = client.get(_link(invitation, score=4))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Herkent u zich nog in de gedeelde ambitie?" in html
    assert "Hoe loopt de samenwerking?" in html
    assert 'name="collaboration" value="4"' in html
    checked = html.split('name="collaboration" value="4"')[1].split(">")[0]
    assert "checked" in checked
    assert _unchanged(invitation)  # a mail scanner following the link changes nothing


def test_posting_the_link_records_the_answer_for_that_user(client, invitation):
    response = client.post(_link(invitation), ANSWER)
    assert response.status_code == 200
    assert "Dank u wel" in response.content.decode()
    stored = PulseInvitation.objects.get(pk=invitation.pk)
    assert (stored.user_id, stored.ambition, stored.collaboration) == (invitation.user_id, 4, 2)
    assert stored.remark == CLIENT_REMARK and stored.answered_at == NOW


def test_a_used_link_says_so_and_changes_nothing(client, invitation):
    client.post(_link(invitation), ANSWER)
    for method in (client.get, client.post):
        response = method(_link(invitation), {"ambition": "1", "collaboration": "1"})
        assert response.status_code == 410
        assert "al gebruikt" in response.content.decode()
    stored = PulseInvitation.objects.get(pk=invitation.pk)
    assert (stored.ambition, stored.collaboration) == (4, 2)


def test_a_tampered_link_says_so_and_changes_nothing(client, invitation):
    token = pulse_token(invitation)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    url = reverse("cocreation:pulse_link", kwargs={"token": forged})
    response = client.post(url, ANSWER)
    assert response.status_code == 404
    assert "Deze link klopt niet" in response.content.decode()
    assert _unchanged(invitation)


def test_a_link_for_another_purpose_opens_no_pulse(client, invitation):
    url = reverse("cocreation:pulse_link", kwargs={"token": opt_out_token(invitation.user)})
    assert client.post(url, ANSWER).status_code == 404
    assert _unchanged(invitation)


def test_an_expired_link_says_so_and_changes_nothing(client, invitation, frozen):
    url = _link(invitation)
    frozen.shift(datetime.timedelta(days=15))
    response = client.post(url, ANSWER)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert _unchanged(invitation)


def test_an_incomplete_answer_shows_the_form_again(client, invitation):
    response = client.post(_link(invitation), {"ambition": "4"})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert _unchanged(invitation)


# ---- in the app ----


def _logged_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_a_client_answers_the_open_pulse_from_the_dashboard(world, invitation):
    browser = _logged_in(world.client_a)
    dashboard = reverse("dashboard:dashboard", kwargs={"slug": world.project_a.slug})
    answer_url = reverse(
        "cocreation:pulse_answer", kwargs={"slug": world.project_a.slug, "pk": invitation.pk}
    )
    assert answer_url in browser.get(dashboard).content.decode()
    response = browser.post(answer_url, ANSWER)
    assert response.status_code == 302
    assert not _unchanged(invitation)
    assert answer_url not in browser.get(dashboard).content.decode()
    assert browser.get(answer_url).status_code == 410  # answered: says so


def test_a_partner_cannot_answer_the_clients_pulse(world, invitation):
    answer_url = reverse(
        "cocreation:pulse_answer", kwargs={"slug": world.project_a.slug, "pk": invitation.pk}
    )
    assert _logged_in(world.partner).post(answer_url, ANSWER).status_code == 404
    assert _logged_in(world.designer).post(answer_url, ANSWER).status_code == 404
    assert _unchanged(invitation)


def test_anonymous_is_sent_to_log_in_for_the_pulse_page(client, world, invitation):
    response = client.get(reverse("cocreation:pulse", kwargs={"slug": world.project_a.slug}))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_pulse_page_answers_405_to_a_post(world, invitation):
    url = reverse("cocreation:pulse", kwargs={"slug": world.project_a.slug})
    assert _logged_in(world.client_a).post(url).status_code == 405


@pytest.fixture
def answered(world, invitation):
    services.pulse_answer(
        actor=world.client_a,
        invitation=invitation,
        ambition=2,
        collaboration=2,
        remark=CLIENT_REMARK,
    )
    partner = pulse_invite(project=world.project_a, user=world.partner, period=PERIOD)
    services.pulse_answer(
        actor=world.partner,
        invitation=partner,
        ambition=5,
        collaboration=4,
        remark=PARTNER_REMARK,
    )


def _pages(world, user) -> str:
    browser = _logged_in(user)
    slug = world.project_a.slug
    pulse = browser.get(reverse("cocreation:pulse", kwargs={"slug": slug}))
    dashboard = browser.get(reverse("dashboard:dashboard", kwargs={"slug": slug}))
    assert pulse.status_code == dashboard.status_code == 200
    return pulse.content.decode() + dashboard.content.decode()


def test_a_partner_never_sees_the_clients_remarks(world, answered):
    html = _pages(world, world.partner)
    assert CLIENT_REMARK not in html
    assert PARTNER_REMARK in html  # their own
    # Two answers: the averages would give the client's scores away to the partner.
    assert "2 antwoorden" in html and "te weinig antwoorden" in html
    assert "3,5" not in html
    assert "3,5" in _pages(world, world.designer)  # the team reads every answer anyway


def test_a_client_sees_only_their_own_remark(world, answered):
    html = _pages(world, world.client_a)
    assert CLIENT_REMARK in html and PARTNER_REMARK not in html


def test_designers_see_every_answer_with_its_author(world, answered):
    html = _pages(world, world.designer)
    assert CLIENT_REMARK in html and PARTNER_REMARK in html
    assert world.client_a.name in html and world.partner.name in html


def test_a_lone_answer_shows_as_a_count_to_the_parties(world, invitation):
    services.pulse_answer(actor=world.client_a, invitation=invitation, ambition=2, collaboration=3)
    partner_view = _pages(world, world.partner)
    assert "1 antwoord" in partner_view and "te weinig antwoorden" in partner_view
    assert "te weinig antwoorden" not in _pages(world, world.designer)


def test_another_clients_pulse_page_is_404(world, invitation):
    url = reverse("cocreation:pulse", kwargs={"slug": world.project_a.slug})
    assert _logged_in(world.client_b).get(url).status_code == 404


# ---- the interval ----


def test_a_designer_sets_the_interval(world, invitation):
    url = reverse("cocreation:pulse_interval", kwargs={"slug": world.project_a.slug})
    response = _logged_in(world.designer).post(url, {"pulse_weeks": "6"})
    assert response.status_code == 302
    world.project_a.agreement.refresh_from_db()
    assert world.project_a.agreement.pulse_weeks == 6


def test_an_interval_out_of_range_is_refused(world, invitation):
    url = reverse("cocreation:pulse_interval", kwargs={"slug": world.project_a.slug})
    _logged_in(world.designer).post(url, {"pulse_weeks": "0"})
    world.project_a.agreement.refresh_from_db()
    assert world.project_a.agreement.pulse_weeks == 4


def test_a_client_cannot_set_the_interval(world, invitation):
    url = reverse("cocreation:pulse_interval", kwargs={"slug": world.project_a.slug})
    assert _logged_in(world.client_a).post(url, {"pulse_weeks": "1"}).status_code == 404
    world.project_a.agreement.refresh_from_db()
    assert world.project_a.agreement.pulse_weeks == 4


# ---- opting out ----


def test_the_opt_out_link_asks_then_opts_out(client, world, frozen):
    url = reverse("cocreation:pulse_opt_out", kwargs={"token": opt_out_token(world.client_a)})
    assert client.get(url).status_code == 200
    assert not PulseOptOut.objects.exists()  # GET changes nothing
    response = client.post(url)
    assert "U bent afgemeld" in response.content.decode()
    assert PulseOptOut.objects.filter(user=world.client_a).exists()


def test_a_forged_opt_out_link_is_404(client, world, frozen):
    url = reverse("cocreation:pulse_opt_out", kwargs={"token": "1:abc:def"})
    assert client.post(url).status_code == 404
    assert not PulseOptOut.objects.exists()


# ---- the query budget, at two sizes ----


def _many_answers(world, periods: int):
    """Answers of the client and the partner over `periods` four-week periods."""
    for back in range(periods):
        period = PERIOD - datetime.timedelta(weeks=4 * (back + 1))
        for user in (world.client_a, world.partner):
            invitation = pulse_invite(project=world.project_a, user=user, period=period)
            PulseInvitation.objects.filter(pk=invitation.pk).update(
                answered_at=NOW, ambition=4, collaboration=3, remark=f"{user.name} {back}"
            )


@pytest.mark.parametrize("periods", [1, 20])
def test_the_dashboard_with_a_pulse_trend_keeps_its_query_budget(
    world, invitation, periods, django_assert_max_num_queries
):
    _many_answers(world, periods)
    warm_up = _logged_in(world.client_b)
    warm_up.get(reverse("dashboard:dashboard", kwargs={"slug": world.project_b.slug}))
    browser = _logged_in(world.client_a)
    url = reverse("dashboard:dashboard", kwargs={"slug": world.project_a.slug})
    with django_assert_max_num_queries(15):
        assert "Puls van de samenwerking" in browser.get(url).content.decode()  # cold
    with django_assert_max_num_queries(4):
        assert browser.get(url).status_code == 200  # warm


@pytest.mark.parametrize("periods", [1, 20])
def test_the_pulse_page_asks_a_fixed_number_of_queries(
    world, invitation, periods, django_assert_max_num_queries
):
    _many_answers(world, periods)
    browser = _logged_in(world.designer)
    with django_assert_max_num_queries(8):
        response = browser.get(reverse("cocreation:pulse", kwargs={"slug": world.project_a.slug}))
    assert response.status_code == 200


def test_one_click_from_the_mail_and_versturen_answers_the_pulse(
    client, world, frozen, django_capture_on_commit_callbacks
):
    from urllib.parse import urlsplit

    from cocreation.tasks import send_pulses_task

    factories.build_agreed_agreement(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_pulses_task.apply()
    message = next(m for m in mail.outbox if m.to == [world.partner.email])
    link = next(
        line.split(": ", 1)[1]
        for line in message.body.splitlines()
        if line.startswith("Cijfer 5: ")
    )
    parts = urlsplit(link)
    assert parts.scheme in {"http", "https"} and parts.query == "score=5"
    page = client.get(f"{parts.path}?{parts.query}").content.decode()
    assert "checked" in page.split('name="collaboration" value="5"')[1].split(">")[0]
    client.post(parts.path, {"ambition": "3", "collaboration": "5"})
    answer = PulseInvitation.objects.get(user=world.partner)
    assert (answer.ambition, answer.collaboration) == (3, 5)
