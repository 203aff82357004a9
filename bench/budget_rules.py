"""Before/after per rule of issue 16: how the importer reads each synthetic rule file.

Run:  .venv/bin/python bench/budget_rules.py
(with ``PYTHONPATH=<other checkout>`` to see how another version reads the same files).
Prints per file: data rows, sum per amount column, barnevern gross and pay (funksjon 244,
251, 252), the first error, and the number of errors and warnings.
"""

from __future__ import annotations

from pathlib import Path

from coop.budget_import.parse import parse_budget

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "budget_rules"
ANSWERS = {"rule3_headerless.csv": {"kolonne 1": "function", "kolonne 2": "art",
                                    "kolonne 4": "amount"}}  # fmt: skip


def main() -> None:
    """Read every rule file and print one summary line (two for an answered question)."""
    for path in sorted(DATA.glob("*.csv")):
        runs = [None, ANSWERS.get(path.name)] if path.name in ANSWERS else [None]
        for answer in runs:
            result = parse_budget(
                path.read_bytes(),
                path.name,
                municipality="4601",
                year=2024,
                column_map=answer,
                old_numbers={"1201": "4601"},  # what the use case passes for a 2013 file
            )
            report = result.report
            sums = ", ".join(f"{k}={v}" for k, v in report.sums.items()) or "-"
            first = report.errors[0].message if report.errors else "-"
            series = report.amount_columns[0].label if report.amount_columns else None
            bv = (
                result.by_service(series).get("barnevern")
                if series and not report.has_errors
                else None
            )
            barnevern = f"brutto {bv.gross_nok} lønn {bv.pay_nok}" if bv else "-"
            tag = " (med svar)" if answer else ""
            print(f"{path.name}{tag}: rader {report.rows}; sum {sums}; barnevern {barnevern}; "
                  f"{len(report.errors)} feil, {len(report.warnings)} advarsler; første feil: "
                  f"{first}")  # fmt: skip


if __name__ == "__main__":
    main()
