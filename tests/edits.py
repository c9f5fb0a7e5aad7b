"""Posting an edit form as a browser does: with the hidden base it was rendered with
(core/concurrency.py)."""

from django.test import Client


def edit_base(client: Client, url: str) -> dict:
    """The base of the edit form at `url` as `client` gets it, as POST data."""
    return {"edit_base": client.get(url).context["form"]["edit_base"].value()}
