"""Everything coop imports at run time is installed by ``pip install coop``, not only by ``[dev]``.

A module imported by coop/, allocation/ or web/ must come from the standard library, from coop
itself, or from a distribution in the closure of ``[project] dependencies`` (with the extras
they ask for). A package that only a dev tool pulls in (jsonschema-rs came with schemathesis)
passes every test and then breaks ``make run`` and the wheel on a fresh machine.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
OURS = ("coop", "allocation", "web")


def _runtime_closure() -> set[str]:
    """Canonical names of the runtime requirements and everything they require in turn."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(text) for text in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(requirement.name) or []:
            child = Requirement(text)
            wanted = child.marker is None or any(
                child.marker.evaluate({"extra": extra}) for extra in requirement.extras or {""}
            )
            if wanted:
                todo.append(child)
    return seen


def _imported_top_names() -> dict[str, str]:
    """Top-level module name → one file that imports it, over coop/, allocation/ and web/."""
    found: dict[str, str] = {}
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # Alembic's own scripts: alembic is a runtime dependency anyway
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_a_runtime_dependency() -> None:
    closure = _runtime_closure()
    providers = metadata.packages_distributions()
    missing = []
    for name, where in sorted(_imported_top_names().items()):
        if name in sys.stdlib_module_names or name in OURS or name == "__future__":
            continue
        dists = {canonicalize_name(d) for d in providers.get(name, [])}
        if not dists & closure:
            missing.append(f"{name} ({where}; from {', '.join(sorted(dists)) or '?'})")
    assert missing == [], "imported at run time but not installed by `pip install .`: " + "; ".join(
        missing
    )


def test_the_check_sees_a_dev_only_package() -> None:
    """The closure really leaves dev tools out (else the test above could not fail)."""
    closure = _runtime_closure()
    assert "flask" in closure
    assert "werkzeug" in closure  # through flask
    assert "pytest" not in closure
    assert "schemathesis" not in closure
