"""Independent substantiation (issue 16 §1): a designer asks someone outside the team to confirm
an entry by e-mail; they answer once, without an account, through the signed link."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse

from core.links import link_token
from impact import substantiation
from impact.models import SubstantiationRequest
from impact.models.substantiation import LINK_PURPOSE, overall_verdict
from tests.factories import ActivityFactory, ContributionFactory, ImpactEntryFactory

from .conftest import RESIDENT_WORDS

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 15, 10, tzinfo=datetime.UTC)
AGREE_ALL = {
    "description_verdict": "agrees",
    "description_remark": "Zo is het gegaan.",
    "significance_verdict": "agrees",
    "significance_remark": "",
    "contribution_verdict": "agrees",
    "contribution_remark": "",
    "answer_name": "Fatima el Amrani",
    "answer_role": "bewoner Vlinderstraat",
}


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def entry(world):
    activity = ActivityFactory(project=world.project_a, title="Koffie op het Vlinderplein")
    entry = ImpactEntryFactory(
        project=world.project_a,
        title="Buren groeten elkaar weer",
        description="Op het plein maken buren weer een praatje.",
        significance="Wie elkaar groet, helpt elkaar ook.",
        contribution_note="De koffiekar bracht ze samen.",
    )
    ContributionFactory(entry=entry, activity=activity)
    return entry


def _ask(world, entry, *, role="resident", email="fatima@example.org"):
    return substantiation.request_substantiation(
        actor=world.designer, entry=entry, name="Fatima", email=email, role=role
    )


def _link_in(mail) -> str:
    return re.search(r"https?://\S+/bevestigen/\S+/", mail.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _token(asked) -> str:
    return link_token(LINK_PURPOSE, asked.pk)


def _answer_url(token: str) -> str:
    return reverse("impact:substantiation_answer", args=[token])


# ---- the overall verdict ----


@pytest.mark.parametrize(
    ("verdicts", "overall"),
    [
        (["agrees", "agrees", "agrees"], "agrees"),
        (["agrees", "partly", "agrees"], "partly"),
        (["agrees", "partly", "disagrees"], "disagrees"),
        (["partly", "partly", "partly"], "partly"),
    ],
)
def test_overall_verdict_agrees_only_when_every_point_does(verdicts, overall):
    assert overall_verdict(verdicts) == overall


# ---- asking ----


def test_designer_asks_from_the_entry_page_and_a_mail_with_the_link_leaves(
    client, world, entry, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.designer)
    url = reverse("impact:substantiation_request", args=[entry.project.slug, entry.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"name": "Fatima", "email": "fatima@example.org", "role": "resident"}
        )
    assert response.status_code == 302
    asked = SubstantiationRequest.objects.get(entry=entry)
    assert (asked.role, asked.asked_by, asked.answered) == ("resident", world.designer, False)
    assert [mail.to for mail in mailoutbox] == [["fatima@example.org"]]
    assert "/bevestigen/" in mailoutbox[0].body
    assert world.designer.name in mailoutbox[0].body


def test_request_form_refuses_a_wrong_address_in_dutch(client, world, entry, mailoutbox):
    client.force_login(world.designer)
    url = reverse("impact:substantiation_request", args=[entry.project.slug, entry.pk])
    response = client.post(url, {"name": "Fatima", "email": "geen-adres", "role": "resident"})
    assert response.status_code == 200
    assert "Dit is geen geldig e-mailadres." in response.content.decode()
    assert not SubstantiationRequest.objects.exists()
    assert mailoutbox == []


def test_client_gets_404_for_the_request_form(client, world, entry):
    client.force_login(world.client_a)
    url = reverse("impact:substantiation_request", args=[entry.project.slug, entry.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "X", "email": "x@example.org"}).status_code == 404


def test_request_form_of_another_projects_entry_is_404(client, world, entry):
    client.force_login(world.designer)
    url = reverse("impact:substantiation_request", args=[world.project_b.slug, entry.pk])
    assert client.get(url).status_code == 404


# ---- answering ----


def test_substantiator_answers_without_an_account_and_the_entry_counts_as_confirmed(
    client, world, entry, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(world, entry)
    path = _path(_link_in(mailoutbox[0]))
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Buren groeten elkaar weer" in html
    assert "Wie elkaar groet, helpt elkaar ook." in html
    assert "Koffie op het Vlinderplein" in html
    response = client.post(path, AGREE_ALL)
    assert response.status_code == 200
    assert "Dank u wel" in response.content.decode()
    asked = SubstantiationRequest.objects.get()
    assert (asked.verdict, asked.answer_name, asked.answered_at) == (
        "agrees",
        "Fatima el Amrani",
        NOW,
    )
    entry.refresh_from_db()
    assert entry.substantiated
    assert entry.substantiated_by == "een bewoner"  # the role, never the resident's name
    assert entry.substantiation_labels == ["bevestigd door een bewoner"]


def test_partly_confirmed_answer_keeps_the_entry_unconfirmed(client, world, entry):
    asked = _ask(world, entry, role="partner")
    client.post(_answer_url(_token(asked)), {**AGREE_ALL, "significance_verdict": "partly"})
    asked.refresh_from_db()
    entry.refresh_from_db()
    assert (asked.verdict, entry.substantiated) == ("partly", False)
    assert entry.substantiation_labels == ["deels bevestigd door een partner"]


def test_an_answer_without_a_verdict_is_a_dutch_form_error_and_changes_nothing(
    client, world, entry
):
    asked = _ask(world, entry)
    response = client.post(_answer_url(_token(asked)), {**AGREE_ALL, "description_verdict": ""})
    assert response.status_code == 200
    assert "Kies: klopt, klopt deels of klopt niet." in response.content.decode()
    asked.refresh_from_db()
    assert not asked.answered


def test_opening_the_link_changes_nothing(client, world, entry):
    asked = _ask(world, entry)
    client.get(_answer_url(_token(asked)))
    asked.refresh_from_db()
    assert not asked.answered


def test_a_link_works_once(client, world, entry):
    asked = _ask(world, entry)
    url = _answer_url(_token(asked))
    client.post(url, AGREE_ALL)
    second = client.post(url, {**AGREE_ALL, "description_verdict": "disagrees"})
    assert second.status_code == 410
    assert "Deze link is al gebruikt" in second.content.decode()
    assert client.get(url).status_code == 410
    asked.refresh_from_db()
    assert asked.verdict == "agrees"


def test_the_service_refuses_a_second_answer(world, entry):
    asked = _ask(world, entry)
    answers = {name: ("agrees", "") for name in ("description", "significance", "contribution")}
    kwargs = {"answers": answers, "answer_name": "A", "answer_role": "bewoner"}
    substantiation.answer_substantiation(token=_token(asked), **kwargs)
    with pytest.raises(substantiation.LinkRefused) as refused:
        substantiation.answer_substantiation(token=_token(asked), **{**kwargs, "answer_name": "B"})
    assert refused.value.reason == "used"
    asked.refresh_from_db()
    assert asked.answer_name == "A"


def test_a_link_answers_only_its_own_entry(client, world, entry):
    other = ImpactEntryFactory(project=world.project_a, title="Een ander item")
    mine, theirs = _ask(world, entry), _ask(world, other)
    response = client.get(_answer_url(_token(mine)))
    assert "Een ander item" not in response.content.decode()
    client.post(_answer_url(_token(mine)), AGREE_ALL)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.answered and not theirs.answered
    other.refresh_from_db()
    assert not other.substantiated


def test_a_tampered_link_changes_nothing_and_says_so_in_dutch(client, world, entry):
    asked = _ask(world, entry)
    other = _ask(world, ImpactEntryFactory(project=world.project_a))
    token = _token(asked)
    # The payload swapped for another request's id, the signature kept: not ours.
    forged = signing.dumps(other.pk).split(":", 1)[0] + ":" + token.split(":", 1)[1]
    for bad in [forged, token[:-2] + "xx", link_token("pulse", asked.pk)]:
        response = client.post(_answer_url(bad), AGREE_ALL)
        assert response.status_code == 404
        assert "Deze link klopt niet" in response.content.decode()
        assert "Er is niets veranderd." in response.content.decode()
    assert not SubstantiationRequest.objects.filter(answered_at__isnull=False).exists()


def test_an_expired_link_changes_nothing_and_says_so_in_dutch(client, world, entry, time_machine):
    asked = _ask(world, entry)
    url = _answer_url(_token(asked))
    time_machine.move_to(NOW + datetime.timedelta(days=31), tick=False)
    response = client.post(url, AGREE_ALL)
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    asked.refresh_from_db()
    assert not asked.answered
    assert entry.substantiation_labels == ["gevraagd, geen antwoord gekregen"]


def test_a_link_still_works_on_its_thirtieth_day(client, world, entry, time_machine):
    asked = _ask(world, entry)
    url = _answer_url(_token(asked))
    time_machine.move_to(NOW + datetime.timedelta(days=29, hours=23), tick=False)
    assert client.get(url).status_code == 200


def test_an_open_request_shows_as_asked(world, entry):
    _ask(world, entry)
    assert entry.substantiation_labels == ["gevraagd, nog geen antwoord"]


# ---- consent: never another resident's words without their consent ----


def test_substantiator_does_not_see_a_residents_words_without_consent(client, world):
    quote = ImpactEntryFactory(
        project=world.project_a,
        kind="quote",
        title="'Ik ken nu mijn buren'",
        description=RESIDENT_WORDS,
        significance="Eenzaamheid neemt af.",
        visibility="internal",
        involves_resident=True,
        consent_method="verbal",
        consent_scope="internal",
        consent_date=datetime.date(2026, 3, 1),
    )
    html = client.get(_answer_url(_token(_ask(world, quote)))).content.decode()
    assert RESIDENT_WORDS not in html
    assert "Ik ken nu mijn buren" not in html
    assert "Eenzaamheid neemt af." in html
    assert "woorden van een bewoner" in html


def test_a_partner_sees_a_residents_words_shared_with_the_client(client, world, quote):
    html = client.get(_answer_url(_token(_ask(world, quote, role="partner")))).content.decode()
    assert RESIDENT_WORDS in html


def test_another_resident_sees_a_residents_words_only_with_consent_to_publish(client, world, quote):
    shared_with_client = client.get(_answer_url(_token(_ask(world, quote)))).content.decode()
    assert RESIDENT_WORDS not in shared_with_client
    assert "woorden van een bewoner" in shared_with_client

    substantiation.ImpactEntry.objects.filter(pk=quote.pk).update(consent_scope="publication")
    published = client.get(_answer_url(_token(_ask(world, quote)))).content.decode()
    assert RESIDENT_WORDS in published


def test_withdrawn_consent_hides_the_words_from_an_open_link(client, world, quote):
    url = _answer_url(_token(_ask(world, quote, role="partner")))
    substantiation.ImpactEntry.objects.filter(pk=quote.pk).update(
        consent_withdrawn_at=NOW, visibility="internal"
    )
    assert RESIDENT_WORDS not in client.get(url).content.decode()


def test_client_sees_the_status_but_not_who_answered_or_their_words(client, world, entry):
    asked = _ask(world, entry)
    client.post(_answer_url(_token(asked)), {**AGREE_ALL, "description_remark": "Mijn opmerking"})
    client.force_login(world.client_a)
    html = client.get(reverse("impact:detail", args=[entry.project.slug, entry.pk])).content
    html = html.decode()
    assert "bevestigd door een bewoner" in html
    assert "Fatima" not in html
    assert "Mijn opmerking" not in html


def test_designer_sees_who_answered_and_their_remarks(client, world, entry):
    asked = _ask(world, entry)
    client.post(_answer_url(_token(asked)), {**AGREE_ALL, "description_remark": "Mijn opmerking"})
    client.force_login(world.designer)
    html = client.get(reverse("impact:detail", args=[entry.project.slug, entry.pk])).content
    html = html.decode()
    assert "Fatima el Amrani" in html
    assert "Mijn opmerking" in html


# ---- the CSV and the dashboard ----


def test_csv_has_the_substantiation_column(client, world, entry):
    asked = _ask(world, entry, role="partner")
    client.post(_answer_url(_token(asked)), {**AGREE_ALL, "contribution_verdict": "partly"})
    _ask(world, ImpactEntryFactory(project=world.project_a, title="Nog open"))
    client.force_login(world.client_a)
    text = client.get(reverse("impact:export", args=[entry.project.slug])).content.decode()
    header, *rows = text.lstrip("\ufeff").splitlines()
    column = header.split(";").index("Onafhankelijke bevestiging")
    cells = {row.split(";")[2]: row.split(";")[column] for row in rows}
    assert cells["Buren groeten elkaar weer"] == "deels bevestigd door een partner"
    assert cells["Nog open"] == "gevraagd, nog geen antwoord"
    assert "Fatima" not in text


def test_dashboard_shows_the_status_beside_the_outcome(client, world, entry):
    asked = _ask(world, entry)
    client.post(_answer_url(_token(asked)), AGREE_ALL)
    client.force_login(world.client_a)
    html = client.get(reverse("dashboard:dashboard", args=[entry.project.slug])).content.decode()
    items = html.split('<li class="dashboard-highlight')
    mine = next(item for item in items if "Buren groeten elkaar weer" in item)
    assert "bevestigd door een bewoner" in mine


# ---- methods, anonymous, hostile input ----


def test_anonymous_is_sent_to_login_from_the_request_form(client, world, entry):
    url = reverse("impact:substantiation_request", args=[entry.project.slug, entry.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_put_to_the_answer_page_is_405_and_changes_nothing(client, world, entry):
    asked = _ask(world, entry)
    assert client.put(_answer_url(_token(asked))).status_code == 405
    asked.refresh_from_db()
    assert not asked.answered


def test_a_remark_with_markup_comes_back_as_text(client, world, entry):
    asked = _ask(world, entry)
    payload = "<script>alert(1)</script>"
    client.post(
        _answer_url(_token(asked)),
        {**AGREE_ALL, "description_remark": payload, "answer_role": payload},
    )
    client.force_login(world.designer)
    html = client.get(reverse("impact:detail", args=[entry.project.slug, entry.pk])).content
    assert payload not in html.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.decode()
