"""A form's non-field errors show once: a template that prints them itself above the form
renders crispy inside {% with errors_shown_above=True %} (templates/bootstrap5/errors.html)."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parent.parent
CRISPY = re.compile(r"({% with errors_shown_above=True %})?{% crispy (\w+) %}")


def _templates_printing_their_own_errors():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        source = path.read_text()
        if "non_field_errors" in source and "{% crispy " in source:
            yield pytest.param(source, id=str(path.relative_to(ROOT)))


@pytest.mark.parametrize("source", list(_templates_printing_their_own_errors()))
def test_crispy_does_not_repeat_the_errors_the_template_prints(source):
    for shown_above, form in CRISPY.findall(source):
        if f"{form}.non_field_errors" in source:
            assert shown_above, f"{{% crispy {form} %}} repeats {form}'s non-field errors"


def test_crispy_errors_template_honours_the_flag():
    class Form:
        non_field_errors = ["Deze periode overlapt."]

    shown = render_to_string("bootstrap5/errors.html", {"form": Form()})
    hidden = render_to_string(
        "bootstrap5/errors.html", {"form": Form(), "errors_shown_above": True}
    )
    assert "Deze periode overlapt." in shown
    assert "Deze periode overlapt." not in hidden
