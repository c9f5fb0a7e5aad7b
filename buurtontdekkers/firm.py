"""The firm as its order confirmations name it: what a client's purchasing department needs.

Per deployment (FIRM_LEGAL_NAME, FIRM_ADDRESS, FIRM_KVK, FIRM_VAT, FIRM_IBAN, FIRM_CONTACT_NAME,
FIRM_CONTACT_EMAIL, FIRM_CONTACT_PHONE). The development values are examples; in production
an unset value stays empty and confirmations are refused until it is set.
"""

import os

EXAMPLE = {
    "legal_name": "De Buurtontdekkers v.o.f.",
    "address": "Voorbeeldstraat 12, 1234 AB Voorbeeldstad",
    "kvk": "12345678",
    "vat": "NL001234567B01",
    "iban": "NL00 BANK 0123 4567 89",
    "contact_name": "Ben Verbeek",
    "contact_email": "hallo@buurtontdekkers.example",
    "contact_phone": "06 12345678",
}


def firm_from_env(*, production: bool) -> dict[str, str]:
    """settings.FIRM: each FIRM_* variable, else the example (empty in production)."""
    return {
        key: os.environ.get(f"FIRM_{key.upper()}", "" if production else example).strip()
        for key, example in EXAMPLE.items()
    }
