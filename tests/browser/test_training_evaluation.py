"""Issue 17 §4: the designer sends a session's evaluation; a participant opens the link from the
e-mail on a phone (375 px), without logging in, answers, and the link then works no more. The
steps are small functions, so a combined training journey can reuse them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.trainings.builders import add_participants, add_session, make_training, practice_variant

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def training_with_a_held_session(world):
    """Project A as a training: two participants, both present at a session held yesterday."""
    project = make_training(world.project_a, practice_variant())
    people = add_participants(project, ["Sanne de Vries", "Yusuf Kaya"])
    yesterday = timezone.now() - datetime.timedelta(days=1)
    session = add_session(project, "Bijeenkomst 1: de buurt in", yesterday, present=people)
    return project, people, session


def designer_sends_the_evaluation(page, live_server, project, session, *, sent=2):
    """On the training's evaluation page, the designer sends the session's evaluation to the
    `sent` participants who were there."""
    page.goto(live_server.url + reverse("trainings:evaluations", args=[project.slug]))
    page.locator(".choice-chips label", has_text=session.title).click()  # a chip, as a thumb does
    expect(page.get_by_label(re.compile(re.escape(session.title)))).to_be_checked()
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator(".messages")).to_contain_text(
        f"De evaluatie is naar {sent} deelnemers gestuurd"
    )


def evaluation_link_from_outbox(mailoutbox, email, live_server) -> str:
    """The link in the evaluation mail to `email`, on the live server's address."""
    [mail] = [mail for mail in mailoutbox if mail.to == [email]]
    link = re.search(r"https?://\S+/training/\S+/evaluatie/", mail.body).group(0)
    return live_server.url + "/" + link.split("/", 3)[3]


def participant_answers_on_a_phone(browser, link, *, usefulness, will_apply, remark=""):
    """A fresh phone-sized browser (no login) opens the link and answers; returns its page."""
    phone = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = phone.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hoe was")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    score = page.locator(".usefulness-scale label", has_text=str(usefulness))
    box = score.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb's target
    score.click()
    page.get_by_label("Wat ga je toepassen?").fill(will_apply)
    if remark:
        page.get_by_label("Wil je nog iets kwijt?").fill(remark)
        page.get_by_label("De opdrachtgever mag lezen wat ik ga toepassen").check()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", name="Dank je wel!")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
    return page


def test_participant_answers_the_evaluation_from_the_mail_on_a_phone(
    page, browser, live_server, page_errors, password, mailoutbox
):
    world = factories.build_world()
    project, people, session = training_with_a_held_session(world)

    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    designer_sends_the_evaluation(page, live_server, project, session)
    assert page_errors == []

    link = evaluation_link_from_outbox(mailoutbox, people[0].email, live_server)
    phone = participant_answers_on_a_phone(
        browser,
        link,
        usefulness=4,
        will_apply="Eerst vragen wat buren zelf al doen.",
        remark="Meer tijd om te oefenen graag.",
    )
    # The link works once.
    phone.goto(link)
    expect(phone.locator("main")).to_contain_text("Deze link is al gebruikt")
    phone.context.close()

    # The designer reads the answer, with who gave it.
    page.reload()
    results = page.locator(".evaluation-result", has_text=session.title)
    expect(results).to_contain_text("1 van 2 beantwoord")
    expect(results).to_contain_text("Eerst vragen wat buren zelf al doen.")
    expect(results).to_contain_text("Sanne de Vries")
