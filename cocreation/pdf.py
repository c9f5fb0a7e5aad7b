"""The order confirmation as a PDF: its frozen snapshot, shown by
`cocreation/pdf/order_confirmation.html` and laid out by core.pdf."""

from datetime import date, datetime
from decimal import Decimal

from core.pdf import STATIC_BASE, render_document, render_template

TEMPLATE = "cocreation/pdf/order_confirmation.html"


def _as_date(value):
    if isinstance(value, str) and value:
        return (datetime if "T" in value else date).fromisoformat(value)
    return value


def context_for(confirmation, *, with_fees: bool = True) -> dict:
    """What the template shows: the frozen snapshot, with its dates as dates again; without
    fee, hours and payment for the other parties' copy (`with_fees=False`)."""
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
        "with_fees": with_fees,
    }


def render_html(confirmation, *, with_fees: bool = True) -> str:
    """The confirmation's HTML, always in Dutch."""
    return render_template(TEMPLATE, context_for(confirmation, with_fees=with_fees))


def render_pdf(confirmation) -> tuple[bytes, str]:
    """The PDF of `confirmation` and its SHA-256."""
    return render_document(render_html(confirmation), footer=confirmation.number)


def render_copy_pdf(copy) -> tuple[bytes, str]:
    """The PDF of the other parties' copy of a confirmation (no fee, hours or payment)."""
    confirmation = copy.confirmation
    return render_document(render_html(confirmation, with_fees=False), footer=confirmation.number)
