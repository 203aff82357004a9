"""Static files (style sheets, scripts) named by their content, so browsers keep them.

Every page links style.css and progress.js. Without a lifetime the browser asks for both again
on every page (two more round trips per page on a slow municipal line). ``url_for('static')``
adds ``?v=`` and the first characters of the file's SHA-256, and a request that carries the
current checksum may be kept for a year: a changed file gets a new address, so nobody keeps an
old one. A request without it, or with an old checksum, is revalidated as before.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, request

ONE_YEAR_S = 365 * 24 * 3600
DIGITS = 12  # of the hex digest


@cache
def _version(path: Path, mtime_ns: int) -> str:
    """The file's checksum; ``mtime_ns`` is part of the key so an edited file is read again."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:DIGITS]


def version(folder: Path, filename: str) -> str | None:
    """The checksum of ``folder/filename``, or None if there is no such file inside ``folder``."""
    path = (folder / filename).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    return _version(path, path.stat().st_mtime_ns)


class VersionedStatic(Flask):
    """Flask whose static files live for a year when asked for by their current checksum."""

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        """A year for ``?v=<current checksum>``; otherwise Flask's default (revalidate)."""
        folder = self.static_folder
        if filename and folder and request.args.get("v") == version(Path(folder), filename):
            return ONE_YEAR_S
        return super().get_send_file_max_age(filename)


def init_app(app: Flask) -> None:
    """Add ``v`` to every ``url_for('static', filename=…)`` the app builds."""

    def add_version(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint != "static" or "v" in values or not app.static_folder:
            return
        found = version(Path(app.static_folder), str(values.get("filename", "")))
        if found:
            values["v"] = found

    app.url_defaults(add_version)
