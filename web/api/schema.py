"""Check a JSON request body against the schema the OpenAPI document publishes for it.

One source of truth: the route's ``requestBody`` schema in ``/api/openapi.json`` is the rule
the request is checked by (jsonschema-rs, draft 2020-12), so clients, schemathesis and the
server agree. Before that the body is bounded: at most 32 levels deep and 20 000 values, no
NaN or infinite numbers (Python's JSON reader takes ``NaN`` and turns ``1e400`` into
infinity). A broken body is an ``InvalidData`` (422) naming the field in bokmål.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema_rs
from flask import request

from coop.domain.errors import InvalidData
from coop.domain.json_limits import check_json
from web.api.openapi import openapi_document

MAX_DEPTH = 32
MAX_VALUES = 20_000
TYPE_WORDS = {
    "integer": "et helt tall",
    "number": "et tall",
    "string": "en tekst",
    "object": "et objekt",
    "array": "en liste",
    "boolean": "sann eller usann",
}
_RULE_PART = re.compile(r"<(?:[a-z_]+:)?([a-z_]+)>")


def checked_body() -> dict[str, Any]:
    """The request's JSON object, bounded and valid against its published schema."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # absurdly deep nesting: refused like any other bad JSON
        body = None
    if not isinstance(body, dict):
        raise InvalidData("Forespørselen må ha en JSON-kropp (objekt).")
    _bounded(body)
    rule = request.url_rule.rule if request.url_rule else ""
    validator = _validator(rule, request.method)
    if validator is not None:
        for error in validator.iter_errors(body):
            raise InvalidData(_message(error))
    return body


def _bounded(body: Any) -> None:
    """Refuse deep, huge or non-finite bodies (``coop.domain.json_limits``)."""
    check_json(body, "JSON-kroppen", MAX_DEPTH, MAX_VALUES)


@cache
def _validator(rule: str, method: str) -> Any:
    """The compiled request-body schema of an /api rule (``<int:year>`` → ``{year}``)."""
    path = _RULE_PART.sub(r"{\1}", rule)
    operation = openapi_document()["paths"].get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return None if schema is None else jsonschema_rs.validator_for(schema)


def _message(error: Any) -> str:
    """A bokmål message from a jsonschema-rs error: the field path and the broken rule."""
    where = ".".join(str(p) for p in error.instance_path) or "kroppen"
    keyword = str(error.schema_path[-1]) if error.schema_path else ""
    kind = error.kind
    if keyword == "additionalProperties":
        names = ", ".join(sorted(map(str, getattr(kind, "unexpected", []))))[:200]
        if not error.instance_path:
            return f"Ukjent felt i forespørselen: {names}."
        return f"{where}: ukjent felt: {names}."
    if keyword == "type":
        types = list(getattr(kind, "types", []))
        if "number" in types and "string" in types:  # a figure: 4.5 or «4,5»
            types.remove("string")
        wanted = [TYPE_WORDS[t] for t in types if t in TYPE_WORDS]
        return f"{where} må være {' eller '.join(wanted) or 'av en annen type'}."
    text = {
        "required": lambda: f"mangler feltet «{getattr(kind, 'property', '')}»",
        "minimum": lambda: f"er mindre enn {getattr(kind, 'limit', '')}",
        "maximum": lambda: f"er større enn {getattr(kind, 'limit', '')}",
        "exclusiveMinimum": lambda: f"må være større enn {getattr(kind, 'limit', '')}",
        "exclusiveMaximum": lambda: f"må være mindre enn {getattr(kind, 'limit', '')}",
        "minLength": lambda: f"må ha minst {getattr(kind, 'limit', '')} tegn",
        "maxLength": lambda: f"kan ha høyst {getattr(kind, 'limit', '')} tegn",
        "maxItems": lambda: f"kan ha høyst {getattr(kind, 'limit', '')} elementer",
        "minItems": lambda: f"må ha minst {getattr(kind, 'limit', '')} elementer",
        "maxProperties": lambda: f"kan ha høyst {getattr(kind, 'limit', '')} felt",
        "pattern": lambda: "har feil format",
        "enum": lambda: "har en verdi som ikke er tillatt",
        "additionalProperties": lambda: (
            "har et ukjent felt: " + ", ".join(sorted(getattr(kind, "unexpected", [])))[:200]
        ),
    }.get(keyword)
    return f"{where}: {text() if text else 'er ugyldig (se /api/openapi.json)'}."
