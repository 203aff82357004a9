"""README's module map names every module, in the row of the package that holds it.

A reader finds their way by that table (issue 12); a module that is not in it is a module
nobody looks for. Each module belongs to the row whose first cell names the deepest package
above it, and must be named there in backticks (``name``).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("coop", "allocation", "web")
# Alembic's environment and revision files are not modules anyone imports.
NOT_MODULES = ("coop/persistence/migrations/",)


def _rows(readme: str) -> dict[str, str]:
    """Package path (``coop/domain/``) → the row's text, for the module-map table."""
    rows: dict[str, str] = {}
    for line in readme.splitlines():
        cells = line.split("|")
        if len(cells) < 4 or not cells[1].strip().startswith("`"):
            continue
        for package in re.findall(r"`([a-z_/]+/)`", cells[1]):
            rows[package] = "|".join(cells[2:])
    return rows


def _modules() -> list[Path]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if path.name == "__init__.py" or relative.startswith(NOT_MODULES):
                continue
            found.append(path.relative_to(ROOT))
    return found


def _row_for(module: Path, rows: dict[str, str]) -> str | None:
    for parent in [module.parent, *module.parent.parents]:
        key = parent.as_posix() + "/"
        if key in rows:
            return key
    return None


def test_every_module_is_named_in_its_package_row() -> None:
    rows = _rows((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "coop/domain/" in rows  # the table was found
    assert "allocation/games/" in rows
    missing = []
    for module in _modules():
        row = _row_for(module, rows)
        if row is None or f"`{module.stem}`" not in rows[row]:
            missing.append(f"{module.as_posix()} (row {row})")
    assert not missing, "README's module map leaves out:\n" + "\n".join(missing)


def test_every_row_names_a_package_that_exists() -> None:
    rows = _rows((ROOT / "README.md").read_text(encoding="utf-8"))
    assert [p for p in rows if not (ROOT / p / "__init__.py").is_file()] == []
