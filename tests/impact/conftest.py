import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ActivityFactory, ImpactEntryFactory

# Words of a resident that must never reach a client once consent is gone.
RESIDENT_WORDS = "Mevrouw Jansen: ik ken nu eindelijk mijn buren"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def activity(world):
    return ActivityFactory(project=world.project_a, title="Straatgesprek Vlinderplein")


@pytest.fixture
def quote(world):
    """A resident's quote in project A, shared with the client with the resident's consent."""
    return ImpactEntryFactory(
        project=world.project_a,
        resident_consented=True,
        title="Citaat van een bewoner",
        description=RESIDENT_WORDS,
    )


def jpeg_with_gps(name="straat.jpg") -> SimpleUploadedFile:
    """A small JPEG that carries EXIF with GPS coordinates, as a phone photo does."""
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
