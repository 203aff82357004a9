"""The hand-kept OpenAPI 3.1 document for /api (a test checks it lists every /api rule)."""

from __future__ import annotations

from typing import Any

from web.api.openapi_projects import project_paths
from web.api.openapi_regions import region_paths

ERROR = {"$ref": "#/components/responses/Error"}
STRING_MAP = {"type": "object", "additionalProperties": True}


def _op(summary: str, ok: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": ok or {"description": "OK", "content": {"application/json": {"schema": STRING_MAP}}},
        "401": ERROR,
        "403": ERROR,
        "404": ERROR,
        "422": ERROR,
    }
    return {"summary": summary, "responses": responses, **extra}


JOB_ID = {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}
JOB_SCHEMA = {
    "type": "object",
    "required": ["id", "kind", "status", "progress", "error"],
    "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string"},
        "project": {"type": ["string", "null"]},
        "status": {"enum": ["queued", "running", "done", "failed", "cancelled"]},
        "status_label": {"type": "string"},
        "progress": {"type": "string"},
        "result": {"type": ["object", "null"]},
        "error": {"type": "string"},
        "time_limit_s": {"type": "number"},
        "created_at": {"type": "string"},
        "started_at": {"type": ["string", "null"]},
        "finished_at": {"type": ["string", "null"]},
    },
}
JOB = {"description": "Jobben", "content": {"application/json": {"schema": JOB_SCHEMA}}}


def _accepted(op: dict[str, Any]) -> dict[str, Any]:
    """An operation that starts a background job: 202 with the job and its Location."""
    responses = {k: v for k, v in op["responses"].items() if k != "200"}
    responses["202"] = {
        **JOB,
        "description": "Jobben er startet; følg Location (GET /api/jobs/{job_id})",
        "headers": {"Location": {"schema": {"type": "string"}}},
    }
    return {**op, "responses": responses}


SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
NAME = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
SERVICE = {"name": "service", "in": "path", "required": True, "schema": {"type": "string"}}
POLICY = {"name": "policy", "in": "query", "schema": {"type": "string"}}
SCENARIO = {"name": "scenario", "in": "query", "schema": {"type": "string"}}
SCENARIOS = {
    "name": "scenario",
    "in": "query",
    "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 4},
    "style": "form",
    "explode": True,
}
TARGET = {"name": "savings_target", "in": "query", "schema": {"type": "number", "minimum": 0}}
GAIN = {"name": "efficiency_gain_pct", "in": "query", "schema": {"type": "number"}}
METHOD_NAMES = {
    "type": "string",
    "enum": ["key", "shapley", "nucleolus", "least-core", "scrb", "proportional"],
}
METHOD = {"name": "method", "in": "query", "schema": METHOD_NAMES}
SPLIT_JOB = {
    "type": "object",
    "properties": {
        "methods": {"type": "array", "items": METHOD_NAMES, "maxItems": 6},
        "scenario": {"type": "string", "maxLength": 100},
        "efficiency_gain_pct": {"type": "number", "minimum": 0, "exclusiveMaximum": 100},
    },
}
NAME_TEXT = {"type": "string", "maxLength": 100}
CODE_TEXT = {"type": "string", "maxLength": 40}
NUMBER_4 = {"type": "string", "pattern": "^[0-9]{4}$"}
PLACEMENT_RULES = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "scenario": {**NAME_TEXT, "description": "årsverk og retningslinjer herfra"},
        "policy": NAME_TEXT,
        "locks": {
            "type": "object",
            "maxProperties": 40,
            "propertyNames": {"maxLength": 40},
            "additionalProperties": NUMBER_4,
        },
        "forbids": {
            "type": "object",
            "maxProperties": 40,
            "propertyNames": {"maxLength": 40},
            "additionalProperties": {"type": "array", "maxItems": 60, "items": NUMBER_4},
        },
        "max_net_loss_fte": {"type": "number", "minimum": 0, "maximum": 9999},
        "min_services_hosted": {"type": "integer", "minimum": 0, "maximum": 1000},
        "max_services_hosted": {"type": "integer", "minimum": 0, "maximum": 1000},
        "max_staff_commute_min": {"type": "number", "minimum": 0, "maximum": 10000},
        "max_partner_travel_min": {"type": "number", "minimum": 0, "maximum": 10000},
        "population_share_band": {"type": "number", "minimum": 0, "maximum": 1},
        "together": {"type": "array", "items": CODE_TEXT, "maxItems": 40},
        "fixed_host_cost_nok": {"type": "number", "minimum": 0, "maximum": 1e9},
        "discount_rate_pct": {"type": "number", "minimum": 0, "maximum": 20},
        "top": {"type": "integer", "minimum": 1, "maximum": 10},
    },
}
LIST = {
    "description": "OK",
    "content": {"application/json": {"schema": {"type": "array", "items": STRING_MAP}}},
}
FTE = {
    "type": ["number", "string"],
    "minimum": 0,
    "maximum": 9999,
    "maxLength": 30,
    "description": "årsverk: tall eller «4,5»",
}
ARRANGEMENT = {
    "type": "object",
    "required": ["service", "host", "participants"],
    "properties": {
        "service": CODE_TEXT,
        "host": NUMBER_4,
        "participants": {"type": "array", "maxItems": 60, "items": NUMBER_4},
        "legal_form": {"type": "string", "enum": ["20-2", "20-3"]},
        "joint_fte": FTE,
        "local_fte": FTE,
        "cost_key": {"type": ["string", "null"], "maxLength": 100},
    },
}
SCENARIO_BODY = {
    "type": "object",
    "required": ["arrangements"],
    "properties": {
        "version": {"type": ["integer", "null"], "minimum": 0, "maximum": 2**31 - 1},
        "policy": {"type": ["string", "null"], "maxLength": 100},
        "description": {"type": "string", "maxLength": 4000},
        "arrangements": {"type": "array", "maxItems": 40, "items": ARRANGEMENT},
    },
}


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI document (with the own-project paths of ``openapi_projects``)."""
    document = _base_document()
    for paths in (project_paths(_op), region_paths(_op)):
        for path, operations in paths.items():
            document["paths"].setdefault(path, {}).update(operations)
    return document


def _base_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "coop API",
            "version": "1",
            "description": "Vertskommunesamarbeid: prosjekter, alternativer, plassering og "
            "kostnadsfordeling. Beløp er desimalstrenger i kroner.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/api/openapi.json": {"get": _op("Dette dokumentet", security=[])},
            "/api/me": {"get": _op("Innlogget bruker")},
            "/api/projects": {"get": _op("Alle samarbeidsprosjekter", LIST)},
            "/api/projects/{slug}": {"get": _op("Ett prosjekt", parameters=[SLUG])},
            "/api/projects/{slug}/scenarios": {
                "get": _op("Plasseringsalternativer", LIST, parameters=[SLUG])
            },
            "/api/projects/{slug}/scenarios/{name}/transition-cost": {
                "get": _op(
                    "Omstillingskostnader for et alternativ",
                    parameters=[SLUG, NAME, POLICY],
                )
            },
            "/api/projects/{slug}/compare": {
                "get": _op(
                    "Sammenlign alternativer (inntil fire) mot i dag og sparemålet",
                    parameters=[SLUG, SCENARIOS, TARGET, GAIN],
                )
            },
            "/api/projects/{slug}/placement": {
                "post": _accepted(
                    _op(
                        "Foreslå vertskommuner (optimering som bakgrunnsjobb; styringsgruppe)",
                        parameters=[SLUG],
                        requestBody={
                            "required": True,
                            "content": {"application/json": {"schema": PLACEMENT_RULES}},
                        },
                    )
                )
            },
            "/api/jobs/{job_id}": {
                "get": _op(
                    "En bakgrunnsjobb: status, framdrift, resultat", JOB, parameters=[JOB_ID]
                )
            },
            "/api/jobs/{job_id}/cancel": {
                "post": _op("Avbryt en bakgrunnsjobb", JOB, parameters=[JOB_ID])
            },
            "/api/projects/{slug}/services/{service}/split": {
                "get": _op(
                    "Kostnadsfordeling for en tjeneste etter nøkkel og rettferdige metoder "
                    "(tjenester med inntil seks deltakere; større: POST)",
                    LIST,
                    parameters=[SLUG, SERVICE, METHOD, SCENARIO, GAIN],
                ),
                "post": _accepted(
                    _op(
                        "Kostnadsfordeling som bakgrunnsjobb (alle størrelser)",
                        parameters=[SLUG, SERVICE],
                        requestBody={
                            "required": True,
                            "content": {"application/json": {"schema": SPLIT_JOB}},
                        },
                    )
                ),
            },
            "/api/projects/{slug}/cost-keys": {
                "get": _op("Fordelingsnøkler og hvor de brukes", parameters=[SLUG])
            },
            "/api/projects/{slug}/scenarios/{name}": {
                "get": _op("Ett alternativ", parameters=[SLUG, NAME]),
                "put": _op(
                    "Opprett eller endre et alternativ (styringsgruppe)",
                    parameters=[SLUG, NAME],
                    requestBody={
                        "required": True,
                        "content": {"application/json": {"schema": SCENARIO_BODY}},
                    },
                ),
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "responses": {
                "Error": {
                    "description": "Feil",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "error": {
                                        "type": "object",
                                        "properties": {
                                            "type": {"type": "string"},
                                            "message": {"type": "string"},
                                        },
                                    }
                                },
                            }
                        }
                    },
                }
            },
        },
    }
