"""Uploaded budget files waiting for their preview and commit, in a folder on the server.

A file waits under a random token bound to the user who sent it (removed on commit or after
``PENDING_TTL_S``); forms and background jobs carry only the token, never the file, so the
web request and the job (in this process or in ``coop worker``) read the same bytes.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from coop.domain.errors import InvalidData

PENDING_TTL_S = 2 * 3600
PENDING_PER_USER = 3  # uploads waiting for their commit, per user
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
LOST = "Fant ikke den opplastede filen (den tas vare på i to timer). Last den opp på nytt."


@dataclass
class Pending:
    """An uploaded file waiting for its commit, and what the last preview of it used."""

    token: str
    user: str
    filename: str
    municipality: str
    year: int
    column_map: dict[str, str] | None = None  # the user's answer, saved on commit
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)


def keep(folder: Path, pending: Pending, raw: bytes | None = None) -> None:
    """Store the pending upload (and its bytes, when new); drop uploads past their time.

    A user keeps at most ``PENDING_PER_USER`` uploads waiting: a new one pushes out their
    oldest, so repeated previews cannot fill the disk.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < time.time() - PENDING_TTL_S:
            old.unlink(missing_ok=True)
    if raw is not None:
        _make_room(folder, pending.user)
        (folder / f"{pending.token}.csv").write_bytes(raw)
    (folder / f"{pending.token}.json").write_text(json.dumps(asdict(pending)), "utf-8")


def _make_room(folder: Path, user: str) -> None:
    """Drop the user's oldest waiting uploads so a new one fits under the limit."""
    mine = []
    for meta in folder.glob("*.json"):
        try:
            owner = json.loads(meta.read_text("utf-8")).get("user")
        except (OSError, ValueError):
            continue
        if owner == user:
            mine.append((meta.stat().st_mtime, meta.stem))
    for _, token in sorted(mine)[: max(0, len(mine) - PENDING_PER_USER + 1)]:
        drop(folder, token)


def load(folder: Path, token: str, user: str) -> tuple[Pending, bytes]:
    """The user's own pending upload by token, or InvalidData when it is gone or not theirs."""
    meta, data = folder / f"{token}.json", folder / f"{token}.csv"
    if not TOKEN.match(token) or not meta.is_file() or not data.is_file():
        raise InvalidData(LOST)
    pending = Pending(**json.loads(meta.read_text("utf-8")))
    young = data.stat().st_mtime >= time.time() - PENDING_TTL_S  # since the upload
    if pending.user != user or not young:
        raise InvalidData(LOST)
    return pending, data.read_bytes()


def drop(folder: Path, token: str) -> None:
    """Remove a pending upload (after its commit)."""
    if TOKEN.match(token):
        for suffix in (".json", ".csv"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)
