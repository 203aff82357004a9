"""Every data file the app reads at run time ships in the wheel (package-data globs cover it)."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]
    missing = []
    for data_dir in sorted(ROOT.glob("coop/**/data")):
        package = ".".join(data_dir.parent.relative_to(ROOT).parts)
        patterns = globs.get(package, [])
        for file in sorted(p for p in data_dir.rglob("*") if p.is_file()):
            relative = file.relative_to(data_dir.parent).as_posix()
            if not any(fnmatch(relative, pattern) for pattern in patterns):
                missing.append(f"{package}: {relative}")
    assert not missing, "ikke med i hjulet (pyproject package-data): " + ", ".join(missing)
