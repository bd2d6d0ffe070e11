"""The house keeps its shape (DESIGN.md §2): layering contracts, no import cycles, one owner
of each transaction, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "discountmarket"
MAX_MODULE_LINES = 400


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_layering_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml (also run by `make lint`)."""
    run = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("discountmarket", cache_dir=None)


def test_services_and_the_queue_form_no_import_cycle(graph: grimp.ImportGraph) -> None:
    services = sorted(m for m in graph.modules if m.startswith("discountmarket.services."))
    inner = [*services, "discountmarket.tasks", "discountmarket.jobs"]
    cycles = [
        (a, b)
        for a in inner
        for b in inner
        if a < b and graph.chain_exists(a, b) and graph.chain_exists(b, a)
    ]
    assert cycles == []


def _function_level_imports(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith(
                    "discountmarket"
                ):
                    lines.append(inner.lineno)
    return lines


def test_no_function_level_imports_hide_a_cycle() -> None:
    """Only the app factory imports inside functions (Flask's factory pattern)."""
    found = {
        dotted(path): lines
        for path in modules()
        if path != PACKAGE / "__init__.py"
        and (lines := _function_level_imports(ast.parse(path.read_text())))
    }
    assert found == {}


def _commit_calls(tree: ast.AST) -> list[tuple[str, str]]:
    """(enclosing function, what was called) for every ``….commit()`` call."""
    calls = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "commit"
            ):
                calls.append((function.name, ast.unparse(node.func)))
    return calls


def test_only_service_entry_points_commit() -> None:
    """The one commit is ``jobs.commit()``; only public service functions call it (helpers
    and the outreach layer never end a caller's transaction behind its back)."""
    offenders = []
    for path in modules():
        name = dotted(path)
        for function, called in _commit_calls(ast.parse(path.read_text())):
            if name == "discountmarket.jobs" and function == "commit":
                continue
            allowed = (
                called == "jobs.commit"
                and name.startswith("discountmarket.services.")
                and not function.startswith("_")
            )
            if not allowed:
                offenders.append(f"{name}.{function}: {called}()")
    assert offenders == []


def test_every_module_is_small() -> None:
    long = {
        dotted(path): n
        for path in modules()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_views_reach_the_database_only_through_services() -> None:
    """Views parse, call a service, render: no ``db.`` in a blueprint."""
    offenders = []
    for path in sorted((PACKAGE / "blueprints").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "db":
                offenders.append(f"{dotted(path)}:{node.lineno} db.{node.attr}")
    assert offenders == []


def _committing_functions() -> dict[str, set[str]]:
    """Per service module, the functions that end a transaction."""
    found: dict[str, set[str]] = {}
    for path in sorted((PACKAGE / "services").glob("*.py")):
        tree = ast.parse(path.read_text())
        names = {function for function, called in _commit_calls(tree) if called == "jobs.commit"}
        found[path.stem] = names
    return found


def test_no_service_commits_inside_another_services_unit_of_work() -> None:
    """A function that commits is an entry point: views, tasks and the CLI call it, never
    another service (whose caller would see its transaction end half-way)."""
    committing = _committing_functions()
    offenders = []
    for path in sorted((PACKAGE / "services").glob("*.py")):
        tree = ast.parse(path.read_text())
        aliases = {
            alias.asname or alias.name: alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "discountmarket.services"
            for alias in node.names
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in aliases
                and node.func.attr in committing.get(aliases[node.func.value.id], set())
            ):
                offenders.append(f"services.{path.stem}:{node.lineno} {ast.unparse(node.func)}")
    assert offenders == []
