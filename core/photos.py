"""Photos (of activities, of impact entries): check what an upload really is, then store a
clean copy, and serve it back.

A phone photo carries EXIF data, GPS coordinates among them, and a photo taken at a resident's
door points to that resident's home. So no upload is stored as it came in: it is opened with
Pillow (never trusted by its name or extension), re-encoded without any metadata, and saved
under a random name.
"""

import io
import uuid
import warnings
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

# Pillow format name -> file extension of the stored copy.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPT = "image/jpeg,image/png,image/webp"
# A bigger picture than this is either a decompression bomb or far more than a page shows.
MAX_PIXELS = 50_000_000
# The stored copy is scaled down to this longest side; plenty for a screen, light for a phone.
MAX_EDGE = 2560
JPEG_QUALITY = 85
# Stored extension -> the content type it is served with.
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def max_photo_bytes() -> int:
    """The upload limit per photo, read at call time so a test or deployment can change it."""
    return getattr(settings, "PHOTO_MAX_BYTES", 10 * 1024 * 1024)


def _name(upload) -> str:
    return Truncator(getattr(upload, "name", "") or _("De foto")).chars(60)


@contextmanager
def _strict_decoding():
    # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported; an
    # upload must still be refused when it is cut off.
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _open(upload) -> Image.Image:
    """`upload` decoded as an image of an allowed format, or a ValidationError in Dutch."""
    upload.seek(0)
    try:
        with warnings.catch_warnings(), _strict_decoding():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _(
                        "%(name)s is een %(format)s-bestand. Alleen JPEG, PNG en WebP zijn "
                        "toegestaan."
                    ),
                    code="format",
                    params={"name": _name(upload), "format": image.format},
                )
            # Checked on the header, before decoding: a small file can unpack to gigabytes.
            if image.width * image.height > MAX_PIXELS:
                raise _too_many_pixels(upload)
            image.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(upload) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("%(name)s is geen foto die we kunnen lezen. Kies een JPEG-, PNG- of WebP-bestand."),
            code="not_an_image",
            params={"name": _name(upload)},
        ) from None
    return image


def _too_many_pixels(upload) -> ValidationError:
    return ValidationError(
        _("%(name)s heeft te veel pixels. Een foto mag hoogstens %(max)s megapixel zijn."),
        code="pixels",
        params={"name": _name(upload), "max": MAX_PIXELS // 1_000_000},
    )


def _check_size(upload) -> None:
    limit = max_photo_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is te groot (%(size)s). Een foto mag hoogstens %(max)s zijn."),
            code="too_large",
            params={
                "name": _name(upload),
                "size": filesizeformat(upload.size),
                "max": filesizeformat(limit),
            },
        )


def validate_photo(upload) -> None:
    """Raise a ValidationError unless `upload` is a JPEG, PNG or WebP image within the limits."""
    _check_size(upload)
    with _open(upload):  # leaves the upload open (Image.close would close it) for storing
        pass


def clean_copy(upload) -> ContentFile:
    """A re-encoded copy of `upload` without EXIF, XMP or comments, under a random file name.

    Checks the upload itself, so no caller can store an unchecked file.
    """
    _check_size(upload)
    with _open(upload) as original:
        fmt = original.format
        # Turn the picture upright before the orientation tag goes with the rest of the EXIF.
        image = ImageOps.exif_transpose(original)
        kept = {k: v for k, v in image.info.items() if k in {"icc_profile", "transparency"}}
        image.info = kept
        image.thumbnail((MAX_EDGE, MAX_EDGE))
        image = _encodable(image, fmt)
        options = {"icc_profile": kept["icc_profile"]} if "icc_profile" in kept else {}
        if fmt == "JPEG":
            options.update(quality=JPEG_QUALITY, optimize=True)
        elif fmt == "WEBP":
            options.update(quality=JPEG_QUALITY)
        buffer = io.BytesIO()
        image.save(buffer, fmt, **options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[fmt]}")


def _encodable(image: Image.Image, fmt: str) -> Image.Image:
    """`image` in a mode the target format can store."""
    if fmt == "JPEG" and image.mode not in {"L", "RGB", "CMYK"}:
        return image.convert("RGB")
    if fmt == "WEBP" and image.mode not in {"RGB", "RGBA"}:
        has_alpha = image.mode in {"LA", "PA", "RGBa", "La"} or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if fmt == "PNG" and image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}:
        return image.convert("RGBA")
    return image


def store_photos(photo_model, uploads, **owner) -> list:
    """Save a clean copy of each upload as a `photo_model` row of `owner` (e.g. activity=...);
    return the rows.

    Call inside the caller's transaction: its rows roll back with it, and the files already
    written are removed here, because storage knows nothing of transactions.
    """
    stored = []
    try:
        for upload in uploads:
            photo = photo_model(image=clean_copy(upload), **owner)
            photo.save()
            stored.append(photo)
    except Exception:
        for photo in stored:
            photo_model.image.field.storage.delete(photo.image.name)
        raise
    return stored


def delete_files_on_commit(photo_model, names: list[str]) -> None:
    """Remove these stored photo files once the deletion of their rows has committed."""
    storage = photo_model.image.field.storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def photo_response(photo) -> FileResponse:
    """The stored file of `photo` (a core.models.Photo), or 404 when the file is gone. The
    caller has already asked the permission layer whether this user may see it."""
    try:
        file = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = photo.image.name.rsplit(".", 1)[-1].lower()
    return FileResponse(file, content_type=PHOTO_TYPES.get(extension, "application/octet-stream"))
