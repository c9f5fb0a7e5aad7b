"""The certificate of participation as a PDF: its frozen snapshot, shown by
`trainings/pdf/certificate.html` and laid out by core.pdf."""

from datetime import date, datetime

from core.pdf import render_document, render_template

TEMPLATE = "trainings/pdf/certificate.html"


def _as_date(value):
    if isinstance(value, str) and value:
        return (datetime if "T" in value else date).fromisoformat(value)
    return value


def context_for(certificate) -> dict:
    """What the template shows: the frozen snapshot, with its dates as dates again."""
    snapshot = certificate.snapshot
    attended = [{**s, "starts_at": _as_date(s["starts_at"])} for s in snapshot["attended"]]
    return {
        "date": _as_date(snapshot["date"]),
        "participant": snapshot["participant"],
        "project": snapshot["project"],
        "held": snapshot["held"],
        "attended": attended,
        "attended_count": len(attended),
    }


def render_html(certificate) -> str:
    """The certificate's HTML, always in Dutch."""
    return render_template(TEMPLATE, context_for(certificate))


def render_certificate_pdf(certificate) -> tuple[bytes, str]:
    """The PDF of `certificate` and its SHA-256."""
    footer = certificate.snapshot.get("project", {}).get("title", "")
    return render_document(render_html(certificate), footer=footer)
