"""Property-based API test: schemathesis generates requests from /api/openapi.json; no 500s.

Six examples per operation in the gate (every operation of the published schema, ~200 requests);
``COOP_FUZZ_EXAMPLES`` raises it for a long run, and bench/hardening_probe.py sends thousands of
hostile bodies on both databases.
"""

import os

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings

from coop import services

EXAMPLES = int(os.environ.get("COOP_FUZZ_EXAMPLES", "6"))


def test_no_generated_request_makes_the_api_fail(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)

        no_server_error()
    assert len(statuses) >= 2 * len(operations)
    assert 200 in statuses
