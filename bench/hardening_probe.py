"""Rerun the hardening probe of issue 15: every hostile value in every field; count the damage.

Run: ``.venv/bin/python bench/hardening_probe.py [--postgres] [--long]``.
Builds the demo on a fresh SQLite file (or a private PostgreSQL schema with ``--postgres``,
``TEST_DATABASE_URL``), logs in as the demo admin (forms) and the steering group (API token),
then sends each case of ``tests/hostile.py``: every form field and query argument of the
pages listed there, and every property of every JSON body the OpenAPI document publishes,
each with every hostile value. ``--long`` adds hypothesis-style random texts. Prints the
number of cases, server errors (5xx) and partial writes (a refused write that still changed
a row), and the slowest case. Bounded: a few thousand requests.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from coop import services  # noqa: E402
from coop.persistence import migrate  # noqa: E402
from coop.persistence.orm.base import make_engine  # noqa: E402
from tests.hostile import HOSTILE, JSON_HOSTILE, TARGETS, api_targets, run_case  # noqa: E402
from web import create_app  # noqa: E402
from web.api.openapi import openapi_document  # noqa: E402

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--long", action="store_true", help="add 20 random texts per field")
    args = parser.parse_args()
    schema = f"probe_{uuid.uuid4().hex[:10]}"
    if args.postgres:
        admin = make_engine(PG_URL)
        with admin.begin() as c:
            c.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/probe.sqlite"
    app = create_app({"SECRET_KEY": "probe", "WTF_CSRF_ENABLED": False, "DATABASE_URL": url,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})  # fmt: skip
    try:
        migrate.upgrade(app.extensions["coop.engine"])
        services.load_demo(app.extensions["coop.uow"]())
        services.create_demo_users(app.extensions["coop.uow"](), "pbkdf2:sha256:1")
        token = services.issue_api_token("styring", app.extensions["coop.uow"]())
        client = app.test_client()
        login = {"username": "admin", "password": services.DEMO_PASSWORD}
        assert client.post("/logg-inn", data=login).status_code == 302
        api = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        rng = random.Random(2026)
        extra = [
            "".join(rng.choice(string.printable + "²٣\u00a0−") for _ in range(rng.randint(0, 40)))
            for _ in range(20 if args.long else 0)
        ]
        statuses: Counter[int] = Counter()
        errors, partial, slowest = [], [], (0.0, "")
        cases = 0
        for target in [*TARGETS, *api_targets(openapi_document())]:
            values = (JSON_HOSTILE if target.json else HOSTILE) + tuple(extra)
            for field in target.fields:
                for value in values:
                    started = time.perf_counter()
                    who = api if target.json else client
                    status, broke = run_case(app, who, target, field, value, headers)
                    took = time.perf_counter() - started
                    cases += 1
                    statuses[status] += 1
                    where = f"{target.method} {target.url} {field}={str(value)[:30]!r}"
                    slowest = max(slowest, (took, where))
                    if status >= 500:
                        errors.append(f"{status} {where}")
                    if broke:
                        partial.append(where)
    finally:
        app.extensions["coop.engine"].dispose()
        if args.postgres:
            with admin.begin() as c:
                c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
    print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}")
    print(f"cases: {cases}")
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(f"5xx: {len(errors)}")
    print(f"partial writes: {len(partial)}")
    print(f"slowest: {slowest[0]:.2f} s ({slowest[1]})")
    for line in (errors + partial)[:20]:
        print("  ", line)
    return 1 if errors or partial else 0


if __name__ == "__main__":
    sys.exit(main())
