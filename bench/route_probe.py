"""Every route × role, with valid and hostile path values: count the damage (issue 15).

Run: ``.venv/bin/python bench/route_probe.py [--postgres]``. Builds the demo (SQLite file, or
a private PostgreSQL schema at ``TEST_DATABASE_URL``), logs in each demo role and an
anonymous client, then sends every method of every URL rule: once per role with valid sample
values in the path (the access matrix), and, as the admin and the reader, once per path
argument with each hostile value of ``PATH_HOSTILE`` (plus a hostile query string and an
empty body). Prints cases, statuses, 5xx and partial writes (a refused write that still
changed a watched table). The field-by-field fuzz of forms and JSON bodies is
bench/hardening_probe.py. Exits 1 on any 5xx or partial write.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from sqlalchemy import text  # noqa: E402

from coop import services  # noqa: E402
from coop.domain.access import SYSTEM, Role  # noqa: E402
from coop.persistence import migrate  # noqa: E402
from coop.persistence.orm.base import make_engine  # noqa: E402
from tests.hostile import watched_rows  # noqa: E402
from web import create_app  # noqa: E402

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
ROLES = ("admin", "styring", "okonomi-salangen", "ordforer", None)  # None: not logged in
SAMPLE = {"slug": "astafjord-2007", "name": "Vedtak 2007", "scenario": "Vedtak 2007",
          "service": "barnevern", "number": "5522", "job_id": "probejobb", "token_id": "1",
          "username": "probe-bruker", "a": "5516", "b": "5522", "year": "2026"}  # fmt: skip
PATH_HOSTILE = ("x" * 400, "a\x00b", "²", "..", "<script>", "9" * 5000, "1e999999", " ")
QUERY = {"versjon": "²", "jobb": "x" * 300, "alternativ": "a\x00b", "ar": "1e999999"}
SKIP = {"auth.logout", "auth.login"}  # would end the session the probe runs in


_ARG = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _url(rule: str, values: dict[str, str]) -> str:
    return _ARG.sub(lambda m: quote(values[m.group(1)], safe=""), rule)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    schema = f"probe_{uuid.uuid4().hex[:10]}"
    if args.postgres:
        admin = make_engine(PG_URL)
        with admin.begin() as c:
            c.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/route_probe.sqlite"
    app = create_app({"SECRET_KEY": "probe", "WTF_CSRF_ENABLED": False, "DATABASE_URL": url,
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"})  # fmt: skip
    statuses: Counter[int] = Counter()
    errors, partial = [], []
    cases, slowest = 0, (0.0, "")
    try:
        migrate.upgrade(app.extensions["coop.engine"])
        uow = app.extensions["coop.uow"]
        services.load_demo(uow())
        services.create_demo_users(uow(), "pbkdf2:sha256:1")
        services.create_user("probe-bruker", "probe-passord-2026", Role.READER.value, uow(),
                             actor=SYSTEM, hash_method="pbkdf2:sha256:1")  # fmt: skip
        clients = {}
        tokens: dict[str | None, dict[str, str]] = {}  # None (not logged in): no token
        for role in ROLES:
            client = app.test_client()
            if role:
                login = {"username": role, "password": services.DEMO_PASSWORD}
                assert client.post("/logg-inn", data=login).status_code == 302
                tokens[role] = {"Authorization": f"Bearer {services.issue_api_token(role, uow())}"}
            clients[role] = client
        api = app.test_client()  # no cookie: the API is called with each role's token
        rules = [r for r in app.url_map.iter_rules() if r.endpoint not in SKIP | {"static"}]
        plan: list[tuple[str, str, str | None, dict[str, str], dict[str, str]]] = []
        for rule in rules:
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                for role in ROLES:
                    plan.append((rule.rule, method, role, SAMPLE, {}))
                for name in rule.arguments:
                    for bad in PATH_HOSTILE:
                        for role in ("admin", "ordforer"):
                            plan.append((rule.rule, method, role, SAMPLE | {name: bad}, QUERY))
        for rule_text, method, role, values, query in plan:
            target = _url(
                rule_text,
                {k: values.get(k, "x") for k in SAMPLE}
                | {a: values.get(a, "x") for a in _ARG.findall(rule_text)},
            )
            before = watched_rows(app) if method != "GET" else ()
            started = time.perf_counter()
            is_api = target.startswith("/api")
            client, headers = (api, tokens.get(role, {})) if is_api else (clients[role], {})
            response = client.open(target, method=method, query_string=query, headers=headers,
                                   json={} if is_api else None)  # fmt: skip
            took = time.perf_counter() - started
            status = response.status_code
            response.close()
            cases += 1
            statuses[status] += 1
            where = f"{method} {target[:90]} as {role or 'anonym'}"
            slowest = max(slowest, (took, where))
            if status >= 500:
                errors.append(f"{status} {where}")
            if method != "GET" and status >= 400 and watched_rows(app) != before:
                partial.append(where)
            if role and clients[role].get("/api/me").status_code == 401:  # logged out: back in
                login = {"username": role, "password": services.DEMO_PASSWORD}
                clients[role].post("/logg-inn", data=login)
    finally:
        runner = app.extensions["coop.jobs"]
        if hasattr(runner, "shutdown"):
            runner.shutdown()
        app.extensions["coop.engine"].dispose()
        if args.postgres:
            with admin.begin() as c:
                c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()
    print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}")
    print(f"routes: {len(rules)}, cases: {cases}")
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(f"5xx: {len(errors)}")
    print(f"partial writes: {len(partial)}")
    print(f"slowest: {slowest[0]:.2f} s ({slowest[1]})")
    for line in (errors + partial)[:30]:
        print("  ", line)
    return 1 if errors or partial else 0


if __name__ == "__main__":
    sys.exit(main())
