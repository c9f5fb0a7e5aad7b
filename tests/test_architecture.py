"""The shape of the code (docs/architecture.md): apps depend one way, modules stay small and
import each other without cycles, and templates display data instead of gathering it."""

import re
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "projects", "trainings", "cocreation", "impact", "dashboard"]
MAX_LINES = 400
# Demo data is a script of rows, not logic; migrations are generated.
EXEMPT = {"projects/demo.py"}


def _app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative and relative not in EXEMPT:
                yield relative, path


def test_no_module_of_application_code_is_over_400_lines():
    long = {
        name: count
        for name, path in _app_modules()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, long


def _cycles(graph) -> list[list[str]]:
    """The groups of modules that import each other in a circle (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_two_modules_import_each_other_even_through_others():
    graph = grimp.build_graph(*APPS)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f():\n    from . import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles(grimp.build_graph("circle")) == [["circle.a", "circle.b"]]


def test_apps_depend_one_way(tmp_path):
    # The layers contract in pyproject.toml; `make lint` runs the same command.
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_template_loads_the_tags_of_an_app():
    loads = re.compile(r"{%\s*load\b[^%]*\b(impact|cocreation|trainings|projects|dashboard)\b")
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "templates").rglob("*.html")
        if loads.search(path.read_text())
    ]
    assert offenders == []
    assert not any((ROOT / app / "templatetags").exists() for app in APPS)
