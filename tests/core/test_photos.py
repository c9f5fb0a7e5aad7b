"""Uploads are checked on their content and stored re-encoded, without EXIF (projects.photos)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.photos import MAX_EDGE, clean_copy, validate_photo

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def image_bytes(fmt="JPEG", size=(40, 30), gps=True, orientation=None) -> bytes:
    """A small picture in `fmt`, with EXIF GPS coordinates (a resident's front door) if asked."""
    image = Image.new("RGB", size, (180, 83, 42))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        gps_ifd = exif.get_ifd(GPS_IFD)
        gps_ifd[1], gps_ifd[2] = "N", (52.0, 5.0, 30.0)
        gps_ifd[3], gps_ifd[4] = "E", (5.0, 7.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif)
    return buffer.getvalue()


def upload(name="foto.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type)


def assert_no_metadata(data: bytes) -> None:
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()
    assert stored.getexif().get_ifd(GPS_IFD) == {}
    assert not {"exif", "xmp", "comment"} & set(stored.info)


def test_the_test_photo_really_carries_gps():
    exif = Image.open(io.BytesIO(image_bytes())).getexif()
    assert exif.get_ifd(GPS_IFD)[2] == (52.0, 5.0, 30.0)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_clean_copy_removes_exif_and_gps(fmt):
    copy = clean_copy(upload(f"foto.{fmt.lower()}", image_bytes(fmt)))
    assert_no_metadata(copy.read())


def test_clean_copy_turns_the_picture_upright_before_dropping_orientation():
    # Orientation 6: the camera was held in portrait; the pixels are stored landscape.
    copy = clean_copy(upload(data=image_bytes(size=(40, 30), orientation=6)))
    assert Image.open(copy).size == (30, 40)


def test_clean_copy_is_stored_under_a_random_name_not_the_users():
    first = clean_copy(upload("voordeur-van-mevrouw-jansen.jpg"))
    second = clean_copy(upload("voordeur-van-mevrouw-jansen.jpg"))
    assert "jansen" not in first.name
    assert first.name.endswith(".jpg") and first.name != second.name


def test_clean_copy_keeps_the_real_format_whatever_the_extension():
    copy = clean_copy(upload("foto.jpg", image_bytes("PNG"), "image/jpeg"))
    assert copy.name.endswith(".png")
    assert Image.open(copy).format == "PNG"


def test_clean_copy_scales_a_very_large_photo_down():
    copy = clean_copy(upload(data=image_bytes(size=(MAX_EDGE + 400, 1000), gps=False)))
    assert max(Image.open(copy).size) == MAX_EDGE


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted_and_can_still_be_stored(fmt):
    photo = upload(f"foto.{fmt.lower()}", image_bytes(fmt))
    validate_photo(photo)
    # The form validates first and stores later: the upload must still be open and readable.
    assert Image.open(clean_copy(photo)).format == fmt


def test_pdf_renamed_to_jpg_is_rejected_in_dutch():
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    with pytest.raises(ValidationError) as exc:
        validate_photo(upload("offerte.jpg", pdf))
    assert exc.value.messages == [
        "offerte.jpg is geen foto die we kunnen lezen. Kies een JPEG-, PNG- of WebP-bestand."
    ]


def test_gif_is_rejected_although_it_is_an_image():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    with pytest.raises(ValidationError, match="Alleen JPEG, PNG en WebP"):
        validate_photo(upload("animatie.jpg", buffer.getvalue()))


def test_truncated_jpeg_is_rejected():
    data = image_bytes(size=(400, 300))
    with pytest.raises(ValidationError, match="geen foto die we kunnen lezen"):
        validate_photo(upload(data=data[: len(data) // 2]))


def test_50_mb_photo_is_rejected_before_it_is_opened():
    huge = upload("groot.jpg", image_bytes() + bytes(50 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        validate_photo(huge)
    assert exc.value.code == "too_large"
    assert "groot.jpg is te groot" in exc.value.messages[0]
    assert "hoogstens 10,0\xa0MB" in exc.value.messages[0]


def test_size_limit_comes_from_settings_at_call_time(settings):
    settings.PHOTO_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="te groot"):
        validate_photo(upload())


def test_decompression_bomb_is_rejected_without_decoding():
    # 64 megapixels of one colour: a tiny file that would unpack to hundreds of megabytes.
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError, match="te veel pixels"):
        validate_photo(upload("bom.png", buffer.getvalue(), "image/png"))


def test_truncated_jpeg_is_rejected_after_weasyprint_was_imported():
    import weasyprint  # noqa: F401  - sets Pillow's LOAD_TRUNCATED_IMAGES process-wide

    data = image_bytes(size=(400, 300))
    with pytest.raises(ValidationError, match="geen foto die we kunnen lezen"):
        validate_photo(upload(data=data[: len(data) // 2]))
