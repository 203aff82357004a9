"""Issue 15.6: every bounded ORM column has a domain bound no wider than the column.

The test walks the ORM metadata, so a new ``String(n)``, ``Numeric(p, s)`` or ``Integer``
column without an entry in ``coop.domain.columns.BOUNDS`` fails here. The column capacities
are computed from the column types (10^(p − s) for Numeric, 2^31 − 1 for PostgreSQL
``integer``), not taken from the domain module.
"""

from decimal import Decimal

from sqlalchemy import Integer, Numeric, String, Text

from coop.domain.columns import BOUNDS
from coop.persistence.orm.base import Base


def _bounded_columns() -> list[tuple[str, str, object]]:
    out = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            kind = column.type
            if isinstance(kind, String) and not isinstance(kind, Text) and kind.length:
                out.append((table.name, column.name, kind))
            elif isinstance(kind, Numeric | Integer) and not isinstance(kind, String):
                if isinstance(kind, Numeric) and kind.precision is None:
                    continue  # Float: unbounded by the column, bounded by its use case
                out.append((table.name, column.name, kind))
    return out


def test_every_bounded_column_has_a_domain_bound_that_fits_it() -> None:
    columns = _bounded_columns()
    assert len(columns) > 150  # the walk found the tables
    missing = [f"{t}.{c}" for t, c, _ in columns if c not in BOUNDS.get(t, {})]
    assert missing == []
    too_wide = []
    for table, name, kind in columns:
        bound = BOUNDS[table][name]
        if isinstance(kind, String):
            fits = bound.chars is not None and bound.chars <= kind.length
        elif isinstance(kind, Numeric):
            capacity = Decimal(10) ** (kind.precision - (kind.scale or 0))
            fits = (
                bound.low is not None
                and bound.high is not None
                and -capacity < bound.low <= bound.high < capacity
            )
        else:
            fits = bound.low is not None and bound.high is not None
            fits = fits and -(2**31) <= bound.low <= bound.high <= 2**31 - 1
        if not fits:
            too_wide.append(f"{table}.{name}")
    assert too_wide == []


def test_no_bound_names_a_column_that_is_gone() -> None:
    present = {(t, c) for t, c, _ in _bounded_columns()}
    stale = [f"{t}.{c}" for t, cols in BOUNDS.items() for c in cols if (t, c) not in present]
    assert stale == []


def test_a_bound_refuses_in_bokmal() -> None:
    import pytest

    from coop.domain.errors import InvalidData

    with pytest.raises(InvalidData, match="Filnavnet kan være høyst 300 tegn"):
        BOUNDS["budget_imports"]["filename"].check("x" * 301)
    with pytest.raises(InvalidData, match="ugyldig tegn"):
        BOUNDS["budget_imports"]["filename"].check("a\x00b")
    with pytest.raises(InvalidData, match="Årsverk må være fra"):
        BOUNDS["arrangements"]["joint_fte"].check(Decimal(10_000))
    with pytest.raises(InvalidData, match="endelig"):
        BOUNDS["baselines"]["gross_cost_nok"].check(Decimal("Infinity"))
    with pytest.raises(InvalidData, match="Versjonen"):
        BOUNDS["scenarios"]["version"].check(2**31)
