"""The PDFs of the co-creation app (order confirmations, progress reports): Django renders
the HTML (autoescaped), WeasyPrint lays it out.

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
REPORT_TEMPLATE = "cocreation/pdf/progress_report.html"
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
    return _render_template(TEMPLATE, context_for(confirmation))


def _render_template(template: str, context: dict) -> str:
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


def render_pdf(confirmation) -> tuple[bytes, str]:
    """The PDF of `confirmation` and its SHA-256."""
    return render_document(render_html(confirmation), footer=confirmation.number)


def render_report_pdf(report) -> tuple[bytes, str]:
    """The PDF of a progress report and its SHA-256, built from what its requester may see."""
    from .reports import report_content

    with translation.override(settings.LANGUAGE_CODE):
        context = report_content(report)
        footer = _("Voortgangsrapportage %(start)s – %(end)s") % {
            "start": report.period_start.strftime("%d-%m-%Y"),
            "end": report.period_end.strftime("%d-%m-%Y"),
        }
    return render_document(_render_template(REPORT_TEMPLATE, context), footer=footer)


# ---- charts: server-rendered SVG, since a PDF runs no JavaScript ----

CHART_COLOURS = ("#b4532a", "#3f6f5e", "#d9a441", "#6c635c", "#8a3c1c", "#7a9cc6")


def bar_chart(chart: dict, *, width: int = 460, height: int = 150) -> dict:
    """The geometry of a grouped bar chart of `chart` (the dicts of projects.charts): one group
    of bars per label, one bar per dataset, scaled to the highest value; the template only
    draws it."""
    labels, datasets = chart["labels"], chart["datasets"]
    top = max((value or 0 for d in datasets for value in d["data"]), default=0) or 1
    axis, left = 16, 4
    plot = height - axis
    group = (width - left) / max(len(labels), 1)
    bar = group * 0.8 / max(len(datasets), 1)
    bars = []
    for i, _label in enumerate(labels):
        for j, dataset in enumerate(datasets):
            value = dataset["data"][i] or 0
            h = round(plot * value / top, 1)
            bars.append(
                {
                    "x": round(left + i * group + group * 0.1 + j * bar, 1),
                    "y": round(plot - h, 1),
                    "width": round(bar, 1),
                    "height": h,
                    "colour": CHART_COLOURS[j % len(CHART_COLOURS)],
                }
            )
    # Every label when they fit, else about six of them, so they never overlap.
    step = max(1, -(-len(labels) // 6)) if len(labels) * 40 > width else 1
    ticks = [
        {"x": round(left + i * group + group / 2, 1), "label": label}
        for i, label in enumerate(labels)
        if i % step == 0
    ]
    legend = [
        {"label": d["label"], "colour": CHART_COLOURS[j % len(CHART_COLOURS)]}
        for j, d in enumerate(datasets)
    ]
    return {
        "width": width,
        "height": height,
        "baseline": plot,
        "bars": bars,
        "ticks": ticks,
        "legend": legend,
        "top": top,
    }
