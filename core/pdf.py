"""Every PDF of the application: Django renders the HTML (autoescaped), WeasyPrint lays it
out.

WeasyPrint may only read our own static files and `data:` URLs. Every resource in the template
is addressed under a fixed origin that does not exist (`.invalid`), and the fetcher serves that
origin's `/static/` from the staticfiles finders, refusing path traversal; any other URL
(`file://`, `http(s)://`, a redirect) is refused before anything is opened.
"""

import hashlib
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_ORIGIN = "https://pdf.buurtontdekkers.invalid"
STATIC_BASE = f"{PDF_ORIGIN}/static/"
PDF_VARIANT = "pdf/a-3b"


class RefusedURL(ValueError):
    """A URL the PDF may not load; WeasyPrint logs it and leaves the resource out."""


def _static_roots() -> list[Path]:
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    return roots


def static_file(relative: str) -> Path:
    """The file in our static files for `relative` (as found by the staticfiles finders);
    RefusedURL for anything that climbs out or is not there."""
    relative = unquote(relative.split("?", 1)[0].split("#", 1)[0])
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        raise RefusedURL(relative)
    if ".." in relative.split("/") or posixpath.normpath(relative) != relative:
        raise RefusedURL(relative)
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        raise RefusedURL(relative) from None
    if not found:
        raise RefusedURL(relative)
    path = Path(found).resolve()
    if not path.is_file() or not any(path.is_relative_to(root) for root in _static_roots()):
        raise RefusedURL(relative)
    return path


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves `STATIC_BASE…` from our static files and decodes `data:`; refuses the rest."""

    def __init__(self):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_BASE):
            path = static_file(url[len(STATIC_BASE) :])
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )
        if urlsplit(url).scheme.lower() == "data":
            return super().fetch(url, headers)
        raise RefusedURL(f"not allowed in a PDF: {url[:100]}")


def render_template(template: str, context: dict) -> str:
    """`template` rendered in Dutch, with `static_base` for the stylesheets and images."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, {**context, "static_base": STATIC_BASE})


def _page_css(number: str) -> str:
    # Built here rather than in the template so that the page label goes through gettext.
    label = _("pagina %(page)s van %(pages)s") % {
        "page": '" counter(page) "',
        "pages": '" counter(pages) "',
    }
    return (
        '@page { @bottom-right { content: "' + label + '"; } '
        '@bottom-left { content: "' + number.replace('"', "") + '"; } }'
    )


def html_to_pdf(html: str, *, number: str = "", variant: str | None = PDF_VARIANT) -> bytes:
    """Lay `html` out as a PDF with only our static files and data: URLs reachable."""
    fetcher = StaticFilesOnlyFetcher()
    with translation.override(settings.LANGUAGE_CODE):
        page_css = CSS(string=_page_css(number), url_fetcher=fetcher)
    document = HTML(string=html, base_url=f"{PDF_ORIGIN}/", url_fetcher=fetcher)
    options = {"pdf_variant": variant} if variant else {}
    return document.write_pdf(stylesheets=[page_css], **options)


def render_document(html: str, *, footer: str = "") -> tuple[bytes, str]:
    """The PDF of `html` (with `footer` at the bottom left of each page) and its SHA-256: the
    one rendering step every PDF of the app goes through."""
    pdf = html_to_pdf(html, number=footer)
    return pdf, hashlib.sha256(pdf).hexdigest()
