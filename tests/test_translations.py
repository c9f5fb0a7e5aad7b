"""The interface is Dutch first: every string is marked for translation and the nl catalogue
is complete."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# Words are letters; what is left after removing tags, variables and markup must have none.
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
TEXT_ATTRIBUTES = re.compile(r'\b(?:alt|title|placeholder|aria-label)="([^"{]*)"')
BLOCK_START = re.compile(r"^(blocktranslate|blocktrans|comment)\b")
BLOCK_END = re.compile(r"^(endblocktranslate|endblocktrans|endcomment)\b")
# Pages that must render when the app itself is broken are plain HTML on purpose.
STANDALONE = {"500.html"}


def _templates():
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if path.name not in STANDALONE and "admin" not in path.parts:
                yield path


def _untranslated_text(source: str) -> list[str]:
    """Words left in a template once template tags, variables and HTML tags are removed."""
    parts, depth = [], 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            depth += bool(BLOCK_START.match(token.contents))
            depth -= bool(BLOCK_END.match(token.contents))
            parts.append("§")
        elif token.token_type == TokenType.TEXT and not depth:
            parts.append(token.contents)
        else:
            parts.append("§")
    skeleton = "".join(parts)
    found = [t for t in TEXT_ATTRIBUTES.findall(skeleton) if WORD.search(t)]
    text = re.sub(r"<[^>]*>", " ", skeleton)
    text = re.sub(r"&[a-z]+;", " ", text)
    return found + WORD.findall(text)


@pytest.mark.parametrize("path", list(_templates()), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_untranslated_text(path):
    assert _untranslated_text(path.read_text()) == []


def test_the_checker_finds_untranslated_text():
    assert _untranslated_text('<p>Hallo {{ x }}</p><img alt="foto">') == ["foto", "Hallo"]
    assert _untranslated_text("{% translate 'Hallo' %}<b>{{ x }}</b>") == []


def _msgids(po: Path) -> set[str]:
    result = subprocess.run(
        ["msgcat", "--no-wrap", "--sort-output", str(po)], capture_output=True, text=True
    )
    ids = set(re.findall(r'^msgid "(.+)"$', result.stdout, re.MULTILINE))
    return ids


def test_nl_catalogue_is_current_and_complete(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            "node_modules",
            "vendor",
            "staticfiles",
            "media",
            ".git",
            "tests",
            "__pycache__",
            "*.sqlite3",
            "test-results",
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    po = "locale/nl/LC_MESSAGES/django.po"
    missing = _msgids(copy / po) - _msgids(ROOT / po)
    assert not missing, f"run `make messages`; not in the nl catalogue: {sorted(missing)}"
    stats = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(ROOT / po)],
        capture_output=True,
        text=True,
    ).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


def test_en_catalogue_is_complete():
    po = ROOT / "locale/en/LC_MESSAGES/django.po"
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    ).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, stats
    assert "error" not in stats, stats
