"""OpenAPI paths of the own-project doors (``web.api.project_editing``, ``project_figures``).

Each request body is described with the bounds ``web.api.body`` enforces, so a generic
validator and schemathesis see the same rules as the routes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coop.domain.assumptions import MAX_TRIPS_PER_YEAR
from coop.services.project_editing.creation import POLICY_PRESETS
from coop.services.project_editing.members import MAX_MEMBERS
from coop.services.project_editing.service_list import MAX_SERVICES

Op = Callable[..., dict[str, Any]]
OBJECT = {"type": "object", "additionalProperties": True}
NUMBER = {"type": ["number", "string"], "maxLength": 30, "description": "tall eller «4,5»"}
CODE = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,39}$"}
NUMBER_4 = {"type": "string", "pattern": "^[0-9]{4}$"}
ERROR = {"$ref": "#/components/responses/Error"}
VERSION = {"type": ["integer", "null"], "minimum": 0, "maximum": 2**31 - 1}
REASON = {"type": "string", "maxLength": 500}


def _path(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


SLUG = _path("slug", CODE)
SERVICE = _path("service", CODE)
NUMBER_PATH = _path("number", NUMBER_4)
NAME_PATH = _path("name", {"type": "string", "minLength": 1, "maxLength": 100})
YEAR = _path("year", {"type": "integer", "minimum": 1990, "maximum": 2100})
PAIR = [_path("a", NUMBER_4), _path("b", NUMBER_4)]
OWN_SERVICE = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 100},
        "kostra_functions": {
            "type": "array",
            "maxItems": 20,
            "items": {"type": "string", "pattern": "^[0-9]{3}$"},
        },
        "trips_per_partner": {"type": "integer", "minimum": 0, "maximum": MAX_TRIPS_PER_YEAR},
        "description": {"type": "string", "maxLength": 2000},
    },
}
NEW_PROJECT = {
    "type": "object",
    "required": ["name", "members"],
    "additionalProperties": False,
    "properties": {
        "slug": {**CODE, "description": "prosjektkode (standard: laget av navnet)"},
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "description": {"type": "string", "maxLength": 4000},
        "members": {
            "type": "array",
            "maxItems": MAX_MEMBERS,
            "items": {"type": "string", "maxLength": 100},
            "description": "kommunenummer eller -navn",
        },
        "services": {
            "type": "array",
            "maxItems": MAX_SERVICES,
            "items": {"type": "string", "maxLength": 40},
        },
        "own_services": {"type": "array", "maxItems": MAX_SERVICES, "items": OWN_SERVICE},
        "policy_preset": {"type": "string", "enum": sorted(POLICY_PRESETS)},
    },
}
DETAILS = {
    "type": "object",
    "required": ["version"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "description": {"type": "string", "maxLength": 4000},
        "package_condition": {
            "type": "string",
            "maxLength": 2000,
            "description": "pakkevilkår i forslaget til vedtak (tom: ingen)",
        },
        "version": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
    },
}
MEMBER = {
    "type": "object",
    "required": ["member"],
    "additionalProperties": False,
    "properties": {
        "member": {"type": "string", "minLength": 1, "maxLength": 100},
        "services": {
            "type": "array",
            "maxItems": MAX_SERVICES,
            "items": {"type": "string", "maxLength": 40},
        },
        "version": VERSION,
    },
}
NEW_SERVICE = {
    "type": "object",
    "additionalProperties": False,
    "description": "code (fra katalogen) eller own (egen tjeneste)",
    "properties": {
        "code": {"type": "string", "maxLength": 40},
        "own": OWN_SERVICE,
        "version": VERSION,
    },
}
PARTICIPATION = {
    "type": "object",
    "required": ["status"],
    "additionalProperties": False,
    "properties": {
        "status": {"type": "string", "enum": ["deltar", "kan_bli_med", "deltar_ikke"]},
        "joined_on": {"type": ["string", "null"], "maxLength": 10, "description": "ÅÅÅÅ-MM-DD"},
        "version": VERSION,
    },
}
BASELINE = {
    "type": "object",
    "required": ["basis"],
    "additionalProperties": False,
    "properties": {
        "basis": {"type": "string", "enum": ["budsjett", "regnskap", "anslag", "kostra"]},
        "fte": NUMBER,
        "headcount": NUMBER,
        "gross_cost_nok": NUMBER,
        "pay_cost_nok": NUMBER,
        "pass_through_nok": {**NUMBER, "description": "tiltak (KOSTRA 251/252)"},
        "usage": {
            "type": "object",
            "maxProperties": 40,
            "propertyNames": {"maxLength": 40},
            "additionalProperties": NUMBER,
        },
        "reason": REASON,
    },
}
TRAVEL = {
    "type": "object",
    "required": ["km", "minutes"],
    "additionalProperties": False,
    "properties": {
        "km": NUMBER,
        "minutes": NUMBER,
        "mode": {
            "type": "string",
            "enum": ["road", "ferry", "bridge_tunnel", "vei", "ferje", "bru/tunnel"],
        },
        "fare_nok": NUMBER,
        "wait_min": NUMBER,
        "season": {"type": "string", "maxLength": 40},
        "basis": {"type": "string", "maxLength": 200},
        "reason": REASON,
    },
}
TRAVEL_FILE = {
    "type": "object",
    "required": ["content"],
    "additionalProperties": False,
    "properties": {
        "filename": {"type": "string", "maxLength": 200},
        "content": {"type": "string", "maxLength": 2_000_000},
    },
}
ASSUMPTIONS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        **{
            name: NUMBER
            for name in (
                "baseline_year",
                "budget_year",
                "horizon_years",
                "discount_rate_pct",
                "efficiency_gain_pct",
                "cost_per_fte_nok",
                "fixed_host_cost_nok",
            )
        },
        "trips_per_partner": {
            "type": "object",
            "maxProperties": MAX_SERVICES,
            "propertyNames": {"maxLength": 40},
            "additionalProperties": {
                "type": "integer",
                "minimum": 0,
                "maximum": MAX_TRIPS_PER_YEAR,
            },
        },
        "version": VERSION,
        "reason": REASON,
    },
}
PROJECT_FILE = {
    "type": "object",
    "required": ["format", "versjon"],
    "properties": {"format": {"const": "coop-prosjekt"}, "versjon": {"type": "integer"}},
    "additionalProperties": True,
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _write(operation: dict[str, Any], created: bool = False) -> dict[str, Any]:
    """A write: 201 when it creates, 409 on a stale version, 400 without the CSRF header."""
    responses = dict(operation["responses"])
    responses |= {"400": ERROR, "409": ERROR}
    if created:
        responses["201"] = {
            "description": "Opprettet",
            "content": {"application/json": {"schema": OBJECT}},
        }
        del responses["200"]
    return {**operation, "responses": responses}


def project_paths(op: Op) -> dict[str, dict[str, Any]]:
    """The own-project operations by path, built with the document's helper ``op``."""
    return {
        "/api/projects": {
            "post": _write(
                op(
                    "Opprett et samarbeidsprosjekt (styringsgruppe)", requestBody=_json(NEW_PROJECT)
                ),
                created=True,
            )
        },
        "/api/projects/{slug}": {
            "patch": _write(
                op(
                    "Endre navn og beskrivelse med versjonen du leste (styringsgruppe)",
                    parameters=[SLUG],
                    requestBody=_json(DETAILS),
                )
            )
        },
        "/api/catalogue": {"get": op("Tjenestekatalogen")},
        "/api/projects/import": {
            "post": _write(
                op(
                    "Importer et prosjekt fra en prosjektfil (styringsgruppe)",
                    requestBody=_json(PROJECT_FILE),
                ),
                created=True,
            )
        },
        "/api/projects/{slug}/members": {
            "post": _write(
                op(
                    "Ta med en kommune (styringsgruppe)",
                    parameters=[SLUG],
                    requestBody=_json(MEMBER),
                ),
                created=True,
            )
        },
        "/api/projects/{slug}/members/{number}": {
            "delete": _write(op("Ta ut en kommune ingen bruker", parameters=[SLUG, NUMBER_PATH]))
        },
        "/api/projects/{slug}/services": {
            "post": _write(
                op(
                    "Legg til en tjeneste fra katalogen eller en egen (styringsgruppe)",
                    parameters=[SLUG],
                    requestBody=_json(NEW_SERVICE),
                ),
                created=True,
            )
        },
        "/api/projects/{slug}/services/{service}": {
            "delete": _write(op("Ta ut en tjeneste ingen bruker", parameters=[SLUG, SERVICE]))
        },
        "/api/projects/{slug}/scenarios/{name}": {
            "delete": _write(
                op("Slett et alternativ uten lagrede avtaleutkast", parameters=[SLUG, NAME_PATH])
            )
        },
        "/api/projects/{slug}/cost-keys/{name}": {
            "delete": _write(
                op(
                    "Slett en fordelingsnøkkel ingen alternativ bruker",
                    parameters=[SLUG, NAME_PATH],
                )
            )
        },
        "/api/projects/{slug}/policies/{name}": {
            "delete": _write(
                op("Slett retningslinjer ingen alternativ viser til", parameters=[SLUG, NAME_PATH])
            )
        },
        "/api/projects/{slug}/participation/{service}/{number}": {
            "put": _write(
                op(
                    "Deltakelse i en tjeneste (styringsgruppe)",
                    parameters=[SLUG, SERVICE, NUMBER_PATH],
                    requestBody=_json(PARTICIPATION),
                )
            )
        },
        "/api/projects/{slug}/baselines": {
            "get": op(
                "Grunnlagstall per tjeneste og kommune for ett år",
                parameters=[SLUG, {"name": "year", "in": "query", "schema": YEAR["schema"]}],
            )
        },
        "/api/projects/{slug}/baselines/{service}/{number}/{year}": {
            "put": _write(
                op(
                    "Før inn grunnlagstall med grunnlag (styringsgruppe, økonomi for egen kommune)",
                    parameters=[SLUG, SERVICE, NUMBER_PATH, YEAR],
                    requestBody=_json(BASELINE),
                )
            )
        },
        "/api/projects/{slug}/travel": {"get": op("Reiser mellom kommunene", parameters=[SLUG])},
        "/api/projects/{slug}/travel/{a}/{b}": {
            "put": _write(
                op(
                    "Før inn reisen for et par (styringsgruppe)",
                    parameters=[SLUG, *PAIR],
                    requestBody=_json(TRAVEL),
                )
            ),
            "delete": _write(op("Glem innførte tall for et par", parameters=[SLUG, *PAIR])),
        },
        "/api/projects/{slug}/travel/import": {
            "post": _write(
                op(
                    "Importer reiser fra en fil med par eller en matrise (styringsgruppe)",
                    parameters=[SLUG],
                    requestBody={
                        "required": True,
                        "content": {
                            "text/csv": {"schema": {"type": "string", "maxLength": 2_000_000}},
                            "application/json": {"schema": TRAVEL_FILE},
                        },
                    },
                )
            )
        },
        "/api/projects/{slug}/assumptions": {
            "get": op("Forutsetninger med grunnlag", parameters=[SLUG]),
            "put": _write(
                op(
                    "Endre forutsetninger (styringsgruppe)",
                    parameters=[SLUG],
                    requestBody=_json(ASSUMPTIONS),
                )
            ),
        },
        "/api/projects/{slug}/changes": {
            "get": op(
                "Endringsloggen (nyeste først; format=csv gir CSV)",
                parameters=[SLUG, {"name": "format", "in": "query", "schema": {"enum": ["csv"]}}],
            )
        },
        "/api/projects/{slug}/export": {
            "get": op("Hele prosjektet som prosjektfil", parameters=[SLUG])
        },
    }
