"""The order confirmation as a PDF: Django renders the HTML (autoescaped), WeasyPrint lays it out.

WeasyPrint may only read our own static files and `data:` URLs. Every resource in the template
is addressed under a fixed origin that does not exist (`.invalid`), and the fetcher serves that
origin's `/static/` from the staticfiles finders, refusing path traversal; any other URL
(`file://`, `http(s)://`, a redirect) is refused before anything is opened.
"""

import hashlib
import mimetypes
import posixpath
from datetime import date, datetime
from decimal import Decimal
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
TEMPLATE = "cocreation/pdf/order_confirmation.html"
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


def _as_date(value):
    if isinstance(value, str) and value:
        return (datetime if "T" in value else date).fromisoformat(value)
    return value


def context_for(confirmation) -> dict:
    """What the template shows: the frozen snapshot, with its dates as dates again."""
    snapshot = confirmation.snapshot
    version = {**snapshot["version"], "agreed_at": _as_date(snapshot["version"]["agreed_at"])}
    version["first_check_in"] = _as_date(version.get("first_check_in"))
    parties = [
        {
            **party,
            "consents": [{**c, "at": _as_date(c["at"])} for c in party["consents"]],
        }
        for party in snapshot["parties"]
    ]
    phases = [
        {**p, "start_date": _as_date(p["start_date"]), "end_date": _as_date(p["end_date"])}
        for p in snapshot["phases"]
    ]
    return {
        "confirmation": confirmation,
        "number": confirmation.number,
        "date": _as_date(snapshot["date"]),
        "project": {
            **snapshot["project"],
            "start_date": _as_date(snapshot["project"].get("start_date")),
        },
        "version": version,
        "parties": parties,
        "phases": phases,
        "fee": Decimal(confirmation.fee),
        "hours": confirmation.hours,
        "term_weeks": confirmation.term_weeks,
        "terms_url": snapshot.get("terms_url", ""),
        "static_base": STATIC_BASE,
    }


def render_html(confirmation) -> str:
    """The confirmation's HTML, always in Dutch."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(TEMPLATE, context_for(confirmation))


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


def render_pdf(confirmation) -> tuple[bytes, str]:
    """The PDF of `confirmation` and its SHA-256."""
    pdf = html_to_pdf(render_html(confirmation), number=confirmation.number)
    return pdf, hashlib.sha256(pdf).hexdigest()
