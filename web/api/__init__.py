"""The JSON API under /api, its OpenAPI document and JSON serialisation."""
