"""Fuzz every form field and API body property (issue 15 done-when): no 5xx, no partial write.

Hypothesis draws (page or endpoint, field, value) from ``tests/hostile.py``: the hostile
values of the 2026 probe plus random texts and numbers. Bounded by default (40 draws per
database); ``COOP_FUZZ_EXAMPLES=2000`` runs a long variant, and ``bench/hardening_probe.py``
runs every case once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop import services
from tests.conftest import login, pg_test_app
from tests.hostile import HOSTILE, JSON_HOSTILE, TARGETS, Target, api_targets, run_case
from web.api.openapi import openapi_document

EXAMPLES = int(os.environ.get("COOP_FUZZ_EXAMPLES", "40"))
ALL = [*TARGETS, *api_targets(openapi_document())]
FIELDS = [(t, f) for t in ALL for f in t.fields]
TEXT_VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
JSON_VALUES = st.one_of(
    st.sampled_from(JSON_HOSTILE),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.text(max_size=40),
    st.lists(st.text(max_size=5), max_size=3),
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Target, str, Any]:
    target, field = draw(st.sampled_from(FIELDS))
    return target, field, draw(JSON_VALUES if target.json else TEXT_VALUES)


def _fuzz(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    headers = {"Authorization": f"Bearer {token}"}
    forms, api = login(app.test_client(), "admin"), app.test_client()

    @given(case=cases())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def no_server_error_and_no_partial_write(case: tuple[Target, str, Any]) -> None:
        target, field, value = case
        client = api if target.json else forms
        status, partial = run_case(app, client, target, field, value, headers)
        assert status < 500, (target.method, target.url, field, value)
        assert not partial, (target.method, target.url, field, value)

    no_server_error_and_no_partial_write()


def test_fuzzed_fields_never_fail_on_sqlite(app: Flask) -> None:
    _fuzz(app)


@pytest.fixture
def pg_demo_app(tmp_path: Path, pg_demo_template: str) -> Iterator[Flask]:
    """The app with the demo on a PostgreSQL database of its own."""
    with pg_test_app(tmp_path, pg_demo_template) as app:
        yield app


@pytest.mark.postgres
def test_fuzzed_fields_never_fail_on_postgresql(pg_demo_app: Flask) -> None:
    _fuzz(pg_demo_app)
