"""Hostile input cases shared by the fuzz test and ``bench/hardening_probe.py`` (issue 15).

A case is one request with one hostile value in one form field, query argument or JSON body
property; ``run_case`` sends it and says whether it was a server error (5xx) or a refused
write that changed something anyway (a partial write: more rows in the watched tables).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from werkzeug.datastructures import MultiDict

SLUG = "astafjord-2007"
P = f"/prosjekter/{SLUG}"
HOSTILE = (
    "1e999999", "1e100", "-1", "²", "١٢٣", "NaN", "inf", "-Infinity", "9" * 5000, "x" * 400,
    "a\x00b", "0", "", "99999999999999999999", "31.02.2026", "2026-13-01", "<script>", "1,5,6",
)  # fmt: skip
JSON_HOSTILE: tuple[Any, ...] = (
    *HOSTILE, 1e308, -1, 2**63, 10**400, [], {}, True, None, [[[[[]]]]], "x" * 5000,
)  # fmt: skip
WATCHED = ("change_log", "scenarios", "cost_keys", "personnel_policies", "baselines", "projects")


@dataclass(frozen=True)
class Target:
    """One page or endpoint and the fields a case may spoil; ``base`` holds valid defaults."""

    method: str
    url: str
    fields: tuple[str, ...]
    base: tuple[tuple[str, str], ...] = ()
    json: bool = False


FINANCE = f"{P}/fordeling/barnevern"
DRAFT = f"/avtaler/{SLUG}/Ordførergruppas forslag 2007/barnevern"
TARGETS = (
    Target("GET", f"{P}/nokler/vis", ("tjeneste", "belop"), (("navn", "Folketall"),)),
    Target("GET", f"{P}/sammenlign", ("sparemaal", "gevinst", "alternativ", "referanse")),
    Target("GET", FINANCE, ("gevinst", "faktisk", "hyppighet", "alternativ")),
    Target(
        "GET",
        FINANCE,
        ("oppsagt", "maneder", "investering_belop", "investering_dato", "investering_levetid"),
        (("uttreder", "5516"), ("investering_belop", "1000"), ("investering_dato", "01.01.2020")),
    ),
    Target("GET", DRAFT, ("versjon", "dato")),
    Target("GET", "/import/funksjonskart", ("kommune", "ar")),
    Target("GET", f"/api/projects/{SLUG}/compare", ("savings_target", "efficiency_gain_pct")),
    Target("GET", f"/api/projects/{SLUG}/baselines", ("year",)),
    Target(
        "POST",
        f"{P}/alternativer/nytt",
        (
            "name",
            "version",
            "policy",
            "description",
            "host-barnevern",
            "joint_fte-barnevern",
            "local_fte-barnevern",
            "cost_key-barnevern",
            "legal_form-barnevern",
        ),
        (
            ("name", "Fuzz"),
            ("include-barnevern", "1"),
            ("host-barnevern", "5518"),
            ("participants-barnevern", "5516"),
            ("participants-barnevern", "5518"),
        ),
    ),  # fmt: skip
    Target(
        "POST",
        f"{P}/retningslinjer/ny",
        (
            "name",
            "grant_years",
            "one_way_km",
            "relocation_nok",
            "relocation_share_pct",
            "transition_grant_nok",
            "description",
        ),
        (("name", "Fuzz"), ("grant_years", "2")),
    ),  # fmt: skip
    Target(
        "POST",
        f"{P}/nokler/ny",
        (
            "name",
            "kind-1",
            "weight-1",
            "metric-1",
            "host_overhead_pct",
            "population_date",
            "belop",
            "tjeneste",
        ),
        (("name", "Fuzz"), ("kind-1", "population"), ("weight-1", "100")),
    ),  # fmt: skip
    Target("POST", "/import/funksjonskart", ("kommune", "gjelder_fra"), (("kommune", "1851"),)),
    Target("POST", DRAFT, ("version",)),
    Target("POST", f"{P}/nokler/slett", ("navn",)),  # deletes (issue 15.7): a hostile name
    Target("POST", f"{P}/retningslinjer/slett", ("navn",)),  # is a 404 or 422, never a 500
)


def api_targets(document: dict[str, Any]) -> list[Target]:
    """Every JSON body the OpenAPI document publishes, with its properties as fields.

    Bodies that start background work (placement, split as a job) or take whole files are
    left to their own tests; path parameters get demo values.
    """
    values = {"{slug}": SLUG, "{name}": "Fuzz", "{service}": "barnevern", "{number}": "5516",
              "{year}": "2026", "{a}": "5516", "{b}": "5518"}  # fmt: skip
    out = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            schema = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            if not schema or path.endswith(("/placement", "/split", "/import")):
                continue
            url = path
            for key, value in values.items():
                url = url.replace(key, value)
            fields = tuple(schema.get("properties", {})) or ("x",)
            out.append(Target(method.upper(), url, fields, json=True))
    return out


def watched_rows(app: Flask) -> tuple[int, ...]:
    """Row counts of the tables a refused write must leave alone."""
    with app.extensions["coop.engine"].connect() as c:
        queries = [text(f"SELECT count(*) FROM {t}") for t in WATCHED]  # noqa: S608
        return tuple(int(c.execute(q).scalar_one()) for q in queries)


def run_case(
    app: Flask, client: FlaskClient, target: Target, field: str, value: Any, headers: dict[str, str]
) -> tuple[int, bool]:
    """Send one case; (status, partial write?)."""
    before = watched_rows(app) if target.method != "GET" else ()
    if target.json:
        body = {field: value}
        response = client.open(target.url, method=target.method, json=body, headers=headers)
    else:
        data = [(k, v) for k, v in target.base if k != field] + [(field, str(value))]
        if target.method == "GET":
            response = client.get(target.url, query_string=data)
        else:
            response = client.post(target.url, data=MultiDict(data))
    status = response.status_code
    response.close()
    partial = target.method != "GET" and status >= 400 and watched_rows(app) != before
    return status, partial
