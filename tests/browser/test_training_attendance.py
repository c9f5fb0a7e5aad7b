"""Issue 17: the designer takes attendance for a session on a 375 px phone by tapping names;
each tap is saved at once, so after a reload the names are still present.

The steps are small functions so that a longer training journey can reuse them."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.trainings.builders import ParticipantFactory, build_training
from trainings.models import Attendance

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
NAMES = ["Fatima Bakker", "Joost de Vries", "Mila Jansen"]
OTHERS = ["Noor Visser", "Sem Smit"]


def attendance_url(live_server, session) -> str:
    return live_server.url + reverse(
        "trainings:attendance", args=[session.project.slug, session.pk]
    )


def open_attendance(page, live_server, session) -> None:
    """Open the session's attendance screen; it fits the phone."""
    page.goto(attendance_url(live_server, session))
    page.get_by_role("heading", name="Aanwezigheid").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def name_button(page, name):
    return page.locator(".attendance-button", has_text=name)


def tap_present(page, name: str) -> None:
    """Tap a name and wait until the screen shows it saved as present."""
    button = name_button(page, name)
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300  # a target for a thumb
    button.click()
    name_button(page, name).and_(page.locator("[aria-pressed=true]")).wait_for()


def shown_present(page) -> list[str]:
    return page.locator(".attendance-button[aria-pressed=true] .attendance-name").all_inner_texts()


def test_designer_taps_three_names_and_they_stay_present_after_a_reload(
    page, live_server, page_errors, password
):
    designer = UserFactory(role="designer", email="ben@example.org", name="Ben")
    client = UserFactory(organisation=OrganisationFactory(), name="Client Anna")
    training = build_training(client, prefix="Vlinderbuurt")
    for name in NAMES + OTHERS:
        ParticipantFactory(project=training.project, name=name)
    session = training.session

    page.set_viewport_size(PHONE)
    login(page, live_server, designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    open_attendance(page, live_server, session)
    assert page.locator("#attendance-count").inner_text() == "0 van 6 aanwezig"

    page.evaluate("window.stillThisPage = true")
    for name in NAMES:
        tap_present(page, name)
    assert page.locator("#attendance-count").inner_text() == "3 van 6 aanwezig"
    assert page.evaluate("window.stillThisPage === true")  # saved in place, no page load

    page.reload()
    assert sorted(shown_present(page)) == sorted(NAMES)
    assert page.locator("#attendance-count").inner_text() == "3 van 6 aanwezig"
    saved = Attendance.objects.filter(session=session).values_list("participant__name", flat=True)
    assert sorted(saved) == sorted(NAMES)
    assert page_errors == []
