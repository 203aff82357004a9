"""The hand-kept OpenAPI 3.1 document for /api (a test checks it lists every /api rule)."""

from __future__ import annotations

from typing import Any

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


SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
NAME = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
LIST = {
    "description": "OK",
    "content": {"application/json": {"schema": {"type": "array", "items": STRING_MAP}}},
}
ARRANGEMENT = {
    "type": "object",
    "required": ["service", "host", "participants"],
    "properties": {
        "service": {"type": "string"},
        "host": {"type": "string", "pattern": "^[0-9]{4}$"},
        "participants": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{4}$"}},
        "legal_form": {"type": "string", "enum": ["20-2", "20-3"]},
        "joint_fte": {"type": "string"},
        "local_fte": {"type": "string"},
        "cost_key": {"type": ["string", "null"]},
    },
}


def openapi_document() -> dict[str, Any]:
    """Return the OpenAPI document."""
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
            "/api/projects/{slug}/scenarios/{name}": {
                "get": _op("Ett alternativ", parameters=[SLUG, NAME]),
                "put": _op(
                    "Opprett eller endre et alternativ (styringsgruppe)",
                    parameters=[SLUG, NAME],
                    requestBody={
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["arrangements"],
                                    "properties": {
                                        "version": {"type": ["integer", "null"]},
                                        "policy": {"type": ["string", "null"]},
                                        "description": {"type": "string"},
                                        "arrangements": {"type": "array", "items": ARRANGEMENT},
                                    },
                                }
                            }
                        },
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
