"""OpenAPI paths of «Hvem bør samarbeide?» (``web.api.regions``), with the bounds it enforces."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Op = Callable[..., dict[str, Any]]
ERROR = {"$ref": "#/components/responses/Error"}
OBJECT = {"type": "object", "additionalProperties": True}
CODES = {"type": "array", "maxItems": 400, "items": {"type": "string", "maxLength": 100}}


def _whole(high: int, low: int = 0) -> dict[str, Any]:
    return {"type": ["integer", "null"], "minimum": low, "maximum": high}


QUERY = {
    "type": "object",
    "required": ["service"],
    "additionalProperties": False,
    "description": "Velg ett område: county, everywhere eller municipalities.",
    "properties": {
        "service": {"type": "string", "maxLength": 100},
        "county": {"type": ["string", "null"], "maxLength": 100},
        "everywhere": {"type": "boolean"},
        "municipalities": CODES,
        "min_population": _whole(10_000_000),
        "max_population": _whole(10_000_000),
        "max_members": _whole(357, 1),
        "max_travel_min": {"type": ["number", "null"], "minimum": 0, "maximum": 1440},
        "contiguous": {"type": "boolean"},
        "groups": _whole(357, 1),
        "keep_today": {"type": "boolean"},
        "alone": CODES,
        "top": {"type": "integer", "minimum": 1, "maximum": 10},
        "time_limit_s": {"type": "number", "minimum": 1, "maximum": 600},
        "project": {
            "type": ["string", "null"],
            "maxLength": 100,
            "description": "Prosjekt (kortnavn) hvis reisetider oppgitt der skal brukes",
        },
    },
}


def region_paths(op: Op) -> dict[str, dict[str, Any]]:
    """The region-design operations by path, built with the document's helper ``op``."""
    started = op("Start «Hvem bør samarbeide?» som bakgrunnsjobb (styringsgruppe)",
                 requestBody={"required": True,
                              "content": {"application/json": {"schema": QUERY}}})  # fmt: skip
    started["responses"] = {**started["responses"], "400": ERROR, "503": ERROR}
    started["responses"]["202"] = {
        "description": "Jobben er startet; følg «url» (GET /api/jobs/{job_id})",
        "content": {"application/json": {"schema": OBJECT}},
    }
    del started["responses"]["200"]
    return {
        "/api/regions": {"post": started},
    }
