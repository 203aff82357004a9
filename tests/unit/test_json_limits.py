"""The bounds on any JSON coop is handed: depth, number of values, finite numbers, no NUL,
with the place of a bad value spelt out (paths and limits worked out by hand below)."""

from __future__ import annotations

from typing import Any

import pytest

from coop.domain.errors import InvalidData
from coop.domain.json_limits import check_json


def nested(levels: int) -> Any:
    """``levels`` lists inside each other around a 0: the 0 sits at depth ``levels``."""
    value: Any = 0
    for _ in range(levels):
        value = [value]
    return value


def test_the_deepest_value_may_sit_at_the_limit_and_not_one_below() -> None:
    check_json(nested(5), "Fila", max_depth=5, max_values=100)
    with pytest.raises(InvalidData, match="Fila er nestet dypere enn 5 nivåer"):
        check_json(nested(6), "Fila", max_depth=5, max_values=100)
    check_json({"a": {"b": []}}, "Fila", max_depth=2, max_values=100)  # an empty list at 2


def test_every_value_counts_containers_included() -> None:
    # {"a": [1, 2, 3], "b": "x"}: the object, the list, three numbers and a text = 6 values.
    document = {"a": [1, 2, 3], "b": "x"}
    check_json(document, "Fila", max_depth=5, max_values=6)
    with pytest.raises(InvalidData, match="Fila har mer enn 5 verdier"):
        check_json(document, "Fila", max_depth=5, max_values=5)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"a": {"b": [1, {"c": float("nan")}]}}, "a.b[1].c: nan er ikke et endelig tall"),
        ([0, [1, float("-inf")]], "[1][1]: -inf er ikke et endelig tall"),
        ({"navn": "Kopi\x00"}, "navn: teksten inneholder et NUL-tegn"),
        ({"a": [{"ok": 1}, {"x\x00": 1}]}, "a[1]: et feltnavn inneholder et NUL-tegn"),
        ({"x\x00": 1}, "Fila: et feltnavn inneholder et NUL-tegn"),
        (float("inf"), "verdien: inf er ikke et endelig tall"),
        ("\x00", "verdien: teksten inneholder et NUL-tegn"),
    ],
)
def test_a_bad_value_is_named_by_its_place(document: Any, message: str) -> None:
    with pytest.raises(InvalidData) as refused:
        check_json(document, "Fila", max_depth=10, max_values=100)
    assert str(refused.value).startswith(message)


def test_plain_values_and_ordinary_documents_pass() -> None:
    for document in (None, True, 3, 2.5, "tekst", [], {}, {"a": [1, 2.5, "b", None, False]}):
        check_json(document, "Fila", max_depth=3, max_values=100)
