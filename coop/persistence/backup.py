"""Backup and restore of the whole database, uploaded originals included (they are rows).

A backup is one zip file: ``manifest.json`` plus either ``database.sqlite`` (SQLite: a
consistent copy made with SQLite's online backup API) or ``tables/<name>.jsonl`` (PostgreSQL:
every row read in one REPEATABLE READ, READ ONLY transaction, so one consistent snapshot).
A restore goes through a scratch SQLite file brought up to the current schema (so a backup
made by an older coop still restores) and then replaces every row of the target database in
one transaction; either database kind restores into either.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection, Engine

from coop.domain.errors import InvalidData
from coop.persistence import migrate
from coop.persistence.orm.base import Base, make_engine

FORMAT = "coop-backup/1"
BATCH = 1000


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds: schema revision, source database kind, rows per table."""

    revision: str | None
    database: str
    rows: Mapping[str, int]
    created_at: str

    @property
    def total_rows(self) -> int:
        """All rows in all tables."""
        return sum(self.rows.values())


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before children


def _count(connection: Connection) -> dict[str, int]:
    return {
        t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0) for t in _tables()
    }


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(column_type: sqltypes.TypeEngine[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, sqltypes.LargeBinary):
        return base64.b64decode(value)
    if isinstance(column_type, sqltypes.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column_type, sqltypes.Date):
        return date.fromisoformat(value)
    if isinstance(column_type, sqltypes.Float):
        return float(value)
    if isinstance(column_type, sqltypes.Numeric):
        return Decimal(value)
    return value


def _ordered(table: Table) -> Any:
    return select(table).order_by(*table.primary_key.columns)  # a row after those it points to


def backup(engine: Engine, target: Path, now: datetime | None = None) -> BackupSummary:
    """Write a consistent snapshot of the database to ``target`` (a zip file)."""
    created = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    revision = migrate.current(engine)
    with (
        tempfile.TemporaryDirectory() as scratch,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        if engine.dialect.name == "sqlite":
            copy = Path(scratch) / "database.sqlite"
            raw = engine.raw_connection()
            try:
                destination = sqlite3.connect(copy)
                raw.driver_connection.backup(destination)  # type: ignore[union-attr]
                destination.close()
            finally:
                raw.close()
            scratch_engine = make_engine(f"sqlite:///{copy}")
            with scratch_engine.connect() as connection:
                rows = _count(connection)
            scratch_engine.dispose()
            archive.write(copy, "database.sqlite")
        else:
            rows = _dump_tables(engine, archive)
        summary = BackupSummary(revision, engine.dialect.name, rows, created)
        manifest: dict[str, Any] = {"format": FORMAT, "revision": revision}
        manifest |= {"database": engine.dialect.name, "created_at": created, "rows": rows}
        archive.writestr("manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False))
    return summary


def _dump_tables(engine: Engine, archive: zipfile.ZipFile) -> dict[str, int]:
    """Every row as JSON lines, all read in one snapshot."""
    rows: dict[str, int] = {}
    snapshot = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with snapshot as connection, connection.begin():
        connection.execute(text("SET TRANSACTION READ ONLY"))
        for table in _tables():
            with archive.open(f"tables/{table.name}.jsonl", "w") as out:
                count = 0
                for row in connection.execute(_ordered(table)).mappings():
                    line = {k: _encode(v) for k, v in row.items()}
                    out.write((json.dumps(line, ensure_ascii=False) + "\n").encode())
                    count += 1
            rows[table.name] = count
    return rows


def read_manifest(source: Path) -> dict[str, Any]:
    """The manifest of a backup file, or InvalidData saying why it is not one."""
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError) as error:
        raise InvalidData(f"{source.name} er ikke en sikkerhetskopi fra coop ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InvalidData(f"{source.name} er ikke en sikkerhetskopi fra coop (ukjent format).")
    return manifest


def _scratch_from(source: Path, manifest: Mapping[str, Any], folder: Path) -> Engine:
    """The backup as a SQLite file at the current schema revision."""
    path = folder / "restore.sqlite"
    with zipfile.ZipFile(source) as archive:
        if "database.sqlite" in archive.namelist():
            path.write_bytes(archive.read("database.sqlite"))
            engine = make_engine(f"sqlite:///{path}")
        else:
            engine = make_engine(f"sqlite:///{path}")
            if manifest.get("revision"):
                migrate.upgrade(engine, str(manifest["revision"]))
            with engine.begin() as connection:
                for table in _tables():
                    name = f"tables/{table.name}.jsonl"
                    if name in archive.namelist():
                        _load_lines(connection, table, archive, name)
    migrate.upgrade(engine)
    return engine


def _load_lines(connection: Connection, table: Table, archive: zipfile.ZipFile, name: str) -> None:
    types = {c.name: c.type for c in table.columns}
    batch: list[dict[str, Any]] = []
    for raw in archive.open(name):
        line = json.loads(raw)
        batch.append({k: _decode(types[k], v) for k, v in line.items() if k in types})
        if len(batch) == BATCH:
            connection.execute(insert(table), batch)
            batch = []
    if batch:
        connection.execute(insert(table), batch)


def _rows(connection: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in connection.execute(_ordered(table)).mappings():
        batch.append(dict(row))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def restore(engine: Engine, source: Path) -> BackupSummary:
    """Replace everything in the database by the backup's rows, in one transaction."""
    manifest = read_manifest(source)
    migrate.upgrade(engine)
    with tempfile.TemporaryDirectory() as folder:
        scratch = _scratch_from(source, manifest, Path(folder))
        try:
            with scratch.connect() as reader, engine.begin() as writer:
                for table in reversed(_tables()):
                    writer.execute(delete(table))
                for table in _tables():
                    for batch in _rows(reader, table):
                        writer.execute(insert(table), batch)
                if engine.dialect.name == "postgresql":
                    _reset_sequences(writer)
                rows = _count(writer)
        finally:
            scratch.dispose()
    return BackupSummary(
        migrate.current(engine), str(manifest.get("database")), rows, str(manifest["created_at"])
    )


def _reset_sequences(connection: Connection) -> None:
    """Let PostgreSQL's id sequences continue after the restored rows."""
    for table in _tables():
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, sqltypes.Integer) and keys[0].autoincrement:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": keys[0].name}
            )
            if sequence:
                connection.execute(
                    text(
                        f"SELECT setval(:s, (SELECT COALESCE(MAX({keys[0].name}), 0) + 1 "  # noqa: S608
                        f"FROM {table.name}), false)"
                    ),
                    {"s": sequence},
                )
