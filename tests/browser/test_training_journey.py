"""Issue 17's journey, on a 375 px phone from start to end: the designer takes attendance for
a session by tapping names and sends its evaluation; a participant opens the evaluation link
from the e-mail outbox without logging in and answers; the admin makes the certificates of
participation; the client sees the training's dashboard and no other organisation's
participants. The steps are the ones each part's own browser test uses."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.trainings.builders import add_participant, add_session, make_training, mark_present
from trainings.models import Certificate, Evaluation

from .conftest import login
from .test_training_attendance import open_attendance, shown_present, tap_present
from .test_training_certificates import expect_below, expect_ready, make_certificates
from .test_training_certificates import open_certificates as open_certificate_page
from .test_training_client_view import (
    client_opens_the_training_dashboard,
    client_sees_only_their_own_participants,
    client_sees_the_sessions_and_attendance,
    page_fits_the_phone,
)
from .test_training_evaluation import (
    designer_sends_the_evaluation,
    evaluation_link_from_outbox,
    participant_answers_on_a_phone,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
# Of the client's own organisation: Anna and Bas came to every session, Cor only to the first.
OWN = ["Anna de Vries", "Bas Jansen", "Cor Bakker"]
# Of the welfare organisation: the client contact must never read her name.
OTHER = "Dewi Welzijn"


def a_training_two_sessions_held(world):
    """Project A as a Buurtwerk Verdieping training: two sessions held (the second one
    yesterday, attendance not yet taken), one planned, four participants."""
    project = make_training(world.project_a)
    now = datetime.datetime.now(datetime.UTC)
    sessions = [
        add_session(
            project,
            f"Bijeenkomst {n}: de buurt als leerplek",
            now - datetime.timedelta(days=days_ago),
            location="Buurthuis De Linde",
        )
        for n, days_ago in enumerate([15, 1, -13], start=1)
    ]
    welfare = factories.OrganisationFactory(name="Welzijn Vlinderstad")
    people = [add_participant(project, name) for name in OWN]
    people.append(add_participant(project, OTHER, organisation=welfare))
    mark_present(sessions[:1], people)
    return project, sessions, people


def test_a_training_from_attendance_to_certificates_and_the_clients_view(
    page, browser, live_server, page_errors, password, mailoutbox, eager
):
    world = factories.build_world()
    project, sessions, people = a_training_two_sessions_held(world)
    yesterday = sessions[1]
    page.set_viewport_size(PHONE)

    # The designer takes yesterday's attendance by tapping names: all but Cor.
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    open_attendance(page, live_server, yesterday)
    for name in ["Anna de Vries", "Bas Jansen", OTHER]:
        tap_present(page, name)
    page.reload()
    assert sorted(shown_present(page)) == sorted(["Anna de Vries", "Bas Jansen", OTHER])

    # … and sends yesterday's evaluation to the three who were there.
    designer_sends_the_evaluation(page, live_server, project, yesterday, sent=3)
    assert page_errors == []

    # Anna answers from the mail, on her own phone, without an account.
    link = evaluation_link_from_outbox(mailoutbox, "anna@example.org", live_server)
    phone = participant_answers_on_a_phone(
        browser, link, usefulness=5, will_apply="Buren eerst zelf laten vertellen."
    )
    phone.context.close()
    answered = Evaluation.objects.get(participant__email="anna@example.org", session=yesterday)
    assert answered.usefulness == 5 and answered.answered_at is not None

    # The admin makes the certificates: Cor (1 of 2 held sessions) is listed, not certified.
    page.context.clear_cookies()
    login(page, live_server, world.admin.email, password)
    page.wait_for_url(f"{live_server.url}/")
    open_certificate_page(page, live_server, project)
    make_certificates(page)
    expect_ready(page, ["Anna de Vries", "Bas Jansen", OTHER])
    expect_below(page, ["Cor Bakker"])
    page_fits_the_phone(page)
    certified = Certificate.objects.filter(status="ready")
    assert sorted(certified.values_list("participant__name", flat=True)) == sorted(
        ["Anna de Vries", "Bas Jansen", OTHER]
    )

    # The client sees the training: two sessions held, one planned, their own people only.
    page.context.clear_cookies()
    client_opens_the_training_dashboard(page, live_server, world.client_a, project, password)
    client_sees_the_sessions_and_attendance(page, held=2, planned=1)
    client_sees_only_their_own_participants(page, "Anna de Vries", OTHER)
    expect(page.locator(".training-participants")).to_contain_text("Cor Bakker")
    page_fits_the_phone(page)
    assert page_errors == []
