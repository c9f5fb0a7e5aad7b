"""Posting an edit form as a browser does: with the hidden base it was rendered with
(core/concurrency.py)."""

from django.test import Client
from django.urls import reverse


def edit_base(client: Client, url: str) -> dict:
    """The base of the edit form at `url` as `client` gets it, as POST data."""
    return {"edit_base": client.get(url).context["form"]["edit_base"].value()}


def editor_data(client: Client, version, **changes) -> dict:
    """The draft editor of `version` posted as `client` sees it, with `changes` to its fields
    (the text's names, `commitment-…`, `party-…`) and the pressed button (`action=…`)."""
    url = reverse(
        "cocreation:version_edit",
        kwargs={"slug": version.agreement.project.slug, "number": version.number},
    )
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in [*version.CONTENT_FIELDS, "edit_base"]}
    data = {name: "" if value is None else str(value) for name, value in data.items()}
    return data | {"commitment-kind": "time"} | changes  # a select always sends its value
