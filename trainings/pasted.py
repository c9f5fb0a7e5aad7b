"""Reading a pasted list of participants: one person a line, as "Naam, e-mail",
"Naam <e-mail>" or the columns of a spreadsheet (tab-separated). Every line is checked on its
own, so the message can name the line; nothing here touches the database."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

NAME_MAX = 150
EMAIL_MAX = 254
_ANGLED = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>\s*$")
_SEPARATORS = ("\t", ";", ",")
_HEADER_WORDS = {"naam", "name", "e-mail", "email", "e-mailadres", "emailadres", "mail"}


@dataclass(frozen=True)
class PastedPerson:
    """One good line: who to add."""

    line: int
    name: str
    email: str


@dataclass
class Pasted:
    """What a pasted list holds: the people to add, the lines that could not be read (with a
    message naming each line) and the lines repeating an address of an earlier line."""

    people: list[PastedPerson] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)


def _split(text: str) -> tuple[str, str] | None:
    """(name, e-mail) as written on a line, or None when no e-mail address can be found."""
    angled = _ANGLED.match(text)
    if angled:
        return angled["name"].strip().strip("\"'"), angled["email"].strip()
    for separator in _SEPARATORS:
        if separator in text:
            parts = [part.strip().strip("\"'") for part in text.split(separator)]
            addresses = [part for part in parts if "@" in part]
            if not addresses:
                return None
            email = addresses[0]
            name = " ".join(part for part in parts if part and part != email)
            return name, email
    if "@" in text and " " not in text.strip():
        return "", text.strip()
    return None


def _is_header(text: str) -> bool:
    words = {part.strip().lower() for part in re.split(r"[\t;,]", text)}
    return "@" not in text and bool(words & _HEADER_WORDS)


def read_pasted(text: str) -> Pasted:
    """Read `text` line by line (see the module's docstring). Blank lines and a spreadsheet's
    heading row are skipped; an address met before (in any case) is a repeat, not an error."""
    pasted = Pasted()
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or (not pasted.people and not pasted.errors and _is_header(line)):
            continue
        split = _split(line)
        if split is None:
            pasted.errors.append(
                _(
                    "Regel %(n)s (‘%(line)s’): geen e-mailadres gevonden. Schrijf "
                    "‘Naam, e-mailadres’ of ‘Naam <e-mailadres>’."
                )
                % {"n": number, "line": line[:80]}
            )
            continue
        name, email = split
        error = _line_error(name, email)
        if error:
            pasted.errors.append(
                _("Regel %(n)s (‘%(line)s’): %(error)s")
                % {"n": number, "line": line[:80], "error": error}
            )
            continue
        key = email.lower()
        if key in seen:
            pasted.repeats.append(
                _("Regel %(n)s: %(email)s staat al op regel %(first)s.")
                % {"n": number, "email": email, "first": seen[key]}
            )
            continue
        seen[key] = number
        pasted.people.append(PastedPerson(line=number, name=name, email=email))
    return pasted


def _line_error(name: str, email: str) -> str:
    if not name:
        return _("de naam ontbreekt.")
    if len(name) > NAME_MAX:
        return _("de naam is langer dan %(max)s tekens.") % {"max": NAME_MAX}
    try:
        if len(email) > EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        return _("‘%(email)s’ is geen geldig e-mailadres.") % {"email": email}
    return ""
