"""The order confirmation as a PDF: its frozen snapshot, shown by
`cocreation/pdf/order_confirmation.html` and laid out by core.pdf."""

from datetime import date, datetime
from decimal import Decimal

from core.pdf import STATIC_BASE, render_document, render_template

from .services.first_draft import approach_from_phases

TEMPLATE = "cocreation/pdf/order_confirmation.html"


def _as_date(value):
    if isinstance(value, str) and value:
        return (datetime if "T" in value else date).fromisoformat(value)
    return value


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _own_approach(approach: str, listed: str) -> str:
    """The approach without the phase list a first draft puts in it (alone, or below the
    service variant's text): the dated phases below it say that once."""
    if _same_text(approach, listed):
        return ""
    approach = approach.strip()
    if listed and approach.endswith(listed):
        return approach.removesuffix(listed).strip()
    return approach


def _parties(snapshot: dict, firm: dict) -> list[dict]:
    """The parties, with the firm's contact person speaking for the firm (its party has no
    representative of its own) and, for snapshots from before `is_client`, the client found by
    name."""
    client = snapshot["project"]["client"]
    parties = []
    for party in snapshot["parties"]:
        party = {
            **party,
            "consents": [{**c, "at": _as_date(c["at"])} for c in party["consents"]],
        }
        party.setdefault("is_client", party["organisation"] == client)
        if party["is_own"] and not party["representative"]:
            party["representative"] = firm.get("contact_name", "")
        parties.append(party)
    return parties


def context_for(confirmation, *, with_fees: bool = True) -> dict:
    """What the template shows: the frozen snapshot, with its dates as dates again; without
    fee, hours and payment for the other parties' copy (`with_fees=False`)."""
    snapshot = confirmation.snapshot
    version = {**snapshot["version"], "agreed_at": _as_date(snapshot["version"]["agreed_at"])}
    version["first_check_in"] = _as_date(version.get("first_check_in"))
    firm = snapshot.get("firm", {})
    parties = _parties(snapshot, firm)
    phases = [
        {**p, "start_date": _as_date(p["start_date"]), "end_date": _as_date(p["end_date"])}
        for p in snapshot["phases"]
    ]
    # A first draft's approach is the phase list itself: then the dated phases say it once.
    listed = approach_from_phases((p["name"], p["description"]) for p in phases)
    approach_text = _own_approach(version["approach"], listed)
    sessions = snapshot.get("sessions")
    if sessions is not None:
        sessions = [
            {**s, "starts_at": _as_date(s["starts_at"]), "ends_at": _as_date(s["ends_at"])}
            for s in sessions
        ]
    return {
        "confirmation": confirmation,
        "sessions": sessions,  # None: not a training
        "number": confirmation.number,
        "date": _as_date(snapshot["date"]),
        "firm": firm,
        "project": {
            **snapshot["project"],
            "start_date": _as_date(snapshot["project"].get("start_date")),
        },
        "client_reference": confirmation.client_reference,
        "version": version,
        "approach_text": approach_text,
        "parties": parties,
        "client_party": next((p for p in parties if p["is_client"]), None),
        "signing_parties": [p for p in parties if p["is_client"] or p["is_own"]],
        "phases": phases,
        "fee": Decimal(confirmation.fee),
        "hours": confirmation.hours,
        "term_weeks": confirmation.term_weeks,
        "term_start": confirmation.term_start,
        "term_end": confirmation.term_end,
        "terms": snapshot.get("terms"),
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
