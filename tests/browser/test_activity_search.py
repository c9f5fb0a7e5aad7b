"""Issue 14 §5: the impact form shows the recent activities and finds the older ones as the
designer types, keeping what was ticked, on a phone."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from impact.models import ImpactEntry
from tests import factories

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_designer_finds_an_older_activity_while_typing_and_links_it(
    page, live_server, page_errors, password
):
    world = factories.build_world()
    project = world.project_a
    start = datetime.date(2026, 1, 1)
    for day in range(1, 30):
        factories.ActivityFactory(
            project=project, title=f"Gesprek {day}", date=start + datetime.timedelta(days=day)
        )
    oldest = factories.ActivityFactory(
        project=project, title="Koffie bij de speeltuin", date=start, location="Vlinderplein"
    )
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, world.designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + reverse("impact:create", args=[project.slug]))

    chips = page.locator("#activity-choices")
    expect(chips.get_by_role("checkbox")).to_have_count(12)
    expect(chips).not_to_contain_text("Koffie bij de speeltuin")
    expect(chips).to_contain_text("Nog 18 andere activiteiten")
    chips.locator("label", has_text=re.compile(r"^\s*Gesprek 29 ")).click()

    page.get_by_label("Zoek een andere activiteit").fill("speeltuin")
    found = chips.get_by_role("checkbox", name=re.compile("Koffie bij de speeltuin"))
    expect(found).to_have_count(1)
    chips.locator("label", has_text="Koffie bij de speeltuin").click()
    # Searching again keeps both ticks.
    page.get_by_label("Zoek een andere activiteit").fill("Gesprek 3")
    expect(
        chips.get_by_role("checkbox", name=re.compile("Koffie bij de speeltuin"))
    ).to_be_checked()
    expect(chips.get_by_role("checkbox", name=re.compile(r"^Gesprek 29 "))).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.url.endswith(reverse("impact:create", args=[project.slug]))  # no reload

    page.get_by_role("textbox", name=re.compile("^Wat is er veranderd")).fill(
        "Buren spreken nu af bij de speeltuin"
    )
    page.get_by_role("button", name="Impact opslaan").click()
    page.wait_for_url(live_server.url + reverse("impact:timeline", args=[project.slug]))
    entry = ImpactEntry.objects.get()
    linked = {c.activity.title for c in entry.contributions.select_related("activity")}
    assert linked == {"Koffie bij de speeltuin", "Gesprek 29"}
    assert oldest.pk in {c.activity_id for c in entry.contributions.all()}
    assert page_errors == []
