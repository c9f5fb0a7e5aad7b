"""Journey 1 (DESIGN §2): a designer logs a buurtexpeditie activity with a photo on a phone."""

import io

import pytest
from PIL import Image

from projects.models import Activity, Theme
from tests.core.test_photos import GPS_IFD, image_bytes
from tests.factories import PhaseFactory, ProjectFactory, UserFactory

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_designer_logs_an_activity_with_a_photo_on_a_phone(
    page, live_server, page_errors, password, tmp_path
):
    designer = UserFactory(role="designer", email="ben@example.org", name="Ben")
    project = ProjectFactory(title="De Vlinderbuurt samen aan zet")
    PhaseFactory(project=project, name="Ontdekken", order=0)
    current = PhaseFactory(project=project, name="Ontwerpen", order=1, is_current=True)
    # Seeded by a migration, but an earlier transactional test may have flushed it.
    Theme.objects.get_or_create(name="Sociale samenhang")
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(image_bytes(size=(1200, 900)))
    assert Image.open(photo).getexif().get_ifd(GPS_IFD)  # the photo does carry a location

    page.set_viewport_size({"width": 375, "height": 740})
    login(page, live_server, designer.email, password)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    assert project.title in page.locator("h1").inner_text()

    page.goto(f"{live_server.url}/activiteit/nieuw/")
    page.get_by_role("link", name=project.title).click()
    page.get_by_role("heading", name="Activiteit loggen").wait_for()
    page.locator("label", has_text="Straatgesprek").click()
    page.get_by_label("Titel").fill("Gesprekken bij de speeltuin")
    page.get_by_label("Bewoners bereikt").fill("14")
    page.get_by_label("Nieuwe contacten").fill("3")
    page.get_by_label("Plek").fill("Speeltuin Vlinderplein")
    page.locator("label", has_text="Sociale samenhang").click()
    page.get_by_label("Foto's").set_input_files(str(photo))
    # One column at phone width: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Activiteit opslaan").click()

    page.wait_for_url(f"{live_server.url}{project.get_absolute_url()}")
    assert "Activiteit gelogd" in page.locator(".messages").inner_text()
    activity = Activity.objects.get()
    assert (activity.project, activity.phase, activity.logged_by) == (project, current, designer)
    assert (activity.kind, activity.residents_reached, activity.new_contacts) == (
        "street_conversation",
        14,
        3,
    )
    assert [theme.name for theme in activity.themes.all()] == ["Sociale samenhang"]
    stored = activity.photos.get()
    with stored.image.open("rb") as f:
        image = Image.open(io.BytesIO(f.read()))
    assert not image.getexif() and image.getexif().get_ifd(GPS_IFD) == {}

    # The photo shows on the activity's own page, served through the permission check.
    page.goto(f"{live_server.url}/projecten/{project.slug}/activiteiten/{activity.pk}/")
    img = page.locator(".photo-gallery img")
    assert img.evaluate("el => el.decode().then(() => el.naturalWidth)") > 0
    assert page_errors == []
