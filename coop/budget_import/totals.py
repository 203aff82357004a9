"""What budget lines mean: kind of money, service, and totals per service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coop.budget_import.numbers import exact
from coop.budget_import.report import IssueKind, IssueLog, ServiceTotals, Severity
from coop.domain.costs.keys import PASS_THROUGH_FUNCTIONS
from coop.domain.formatting import count_of
from coop.domain.kostra import (
    PURCHASE_ART,
    REFUND_ART,
    ArtKind,
    FunctionMap,
    art_kind,
    default_function_map,
)

KINDS: tuple[ArtKind, ...] = tuple(ArtKind)  # category order of the "kind" column


def art_kind_codes(art: pd.Categorical) -> npt.NDArray[np.int8]:
    """Index into KINDS per row, by art; −1 where the art says nothing (missing, unknown)."""
    per_art = [KINDS.index(k) if (k := art_kind(str(a))) else -1 for a in art.categories]
    return np.array(per_art or [-1], dtype=np.int8)[np.asarray(art.codes)]


def line_kinds(
    by_art: npt.NDArray[np.int8], sign: npt.NDArray[np.int8], ore: npt.NDArray[np.int64]
) -> npt.NDArray[np.int8]:
    """Kind per line: by art, else by Inntekt/Utgift (sign), else by the amount's sign."""
    income = np.where(sign == 0, ore < 0, sign < 0)
    fallback = np.where(income, KINDS.index(ArtKind.INCOME), KINDS.index(ArtKind.EXPENSE))
    return np.where(by_art >= 0, by_art, fallback).astype(np.int8)


class ServiceAssigner:
    """Service per row by the function map of each row's year; remembers what stayed open."""

    def __init__(
        self,
        function: pd.Categorical,
        ansvar: pd.Categorical,
        line_no: npt.NDArray[np.int64],
        function_map: FunctionMap | None,
    ) -> None:
        self.names: list[str] = [""]  # service codes; 0 = no service
        self._function = function
        self._ansvar = ansvar
        self._line_no = line_no
        self._function_map = function_map
        self._by_map: dict[int, npt.NDArray[np.int32]] = {}
        self._open: dict[str, list[npt.NDArray[np.int64]]] = {}
        self._candidates: dict[str, tuple[str, ...]] = {}

    def rows(self, year: int) -> npt.NDArray[np.int32]:
        """Index into ``names`` per row, by the function map in force in ``year``."""
        fmap = self._function_map or default_function_map(year or None)
        if id(fmap) not in self._by_map:
            self._by_map[id(fmap)] = self._assign(fmap)
        return self._by_map[id(fmap)]

    def _assign(self, fmap: FunctionMap) -> npt.NDArray[np.int32]:
        functions = [str(c) for c in self._function.categories]
        ansvars = [str(c) for c in self._ansvar.categories]
        key = np.asarray(self._function.codes, np.int64) * max(len(ansvars), 1)
        key += np.asarray(self._ansvar.codes, np.int64)
        combos, inverse = np.unique(key, return_inverse=True)
        codes = np.zeros(len(combos), dtype=np.int32)
        mapped = fmap.functions()
        still_open: dict[str, list[int]] = {}
        for index, combo in enumerate(combos.tolist()):
            function = functions[combo // max(len(ansvars), 1)]
            if function not in mapped:
                continue
            service = fmap.service_for(function, ansvars[combo % max(len(ansvars), 1)])
            if service:
                if service not in self.names:
                    self.names.append(service)
                codes[index] = self.names.index(service)
            elif function in fmap.shared:
                still_open.setdefault(function, []).append(index)
                self._candidates[function] = fmap.shared[function]
        for function, indexes in still_open.items():
            rows = self._line_no[np.isin(inverse, indexes)]
            self._open.setdefault(function, []).append(rows)
        return codes[inverse]

    def report(self, log: IssueLog, column: str, lines: npt.NDArray[np.int64]) -> None:
        """Warn once per shared function whose ``lines`` (rows with money) stayed unassigned."""
        for function, parts in sorted(self._open.items()):
            rows = np.intersect1d(np.concatenate(parts), lines)
            if not len(rows):
                continue
            log.add(
                Severity.WARNING,
                IssueKind.UNASSIGNED_FUNCTION,
                f"funksjon {function} deles av flere tjenester "
                f"({', '.join(self._candidates[function])}); "
                f"{count_of(len(rows), 'linje', 'linjer')} er ikke "
                "fordelt. Legg inn ansvar i funksjonskartet for å fordele dem.",
                line=int(rows[0]),
                column=column,
            )


def service_totals(
    lines: pd.DataFrame,
    labels: list[str],
    *,
    has_art: bool,
    has_fte: bool,
    cost_per_fte_nok: Decimal,
) -> dict[str, ServiceTotals]:
    """Totals per service over the given amount series (income and refunds positive)."""
    chosen = lines[lines["label"].isin(labels) & (lines["service"] != "")]
    chosen = chosen.assign(
        service=chosen["service"].astype(str),
        kind=chosen["kind"].astype(str),
        amount_ore=exact(chosen["amount_ore"].to_numpy()),
    )
    by_kind = chosen.groupby(["service", "kind"])["amount_ore"].sum().to_dict()
    art = chosen["art"].astype(str)
    purchases = chosen[art == PURCHASE_ART].groupby("service")["amount_ore"].sum().to_dict()
    refunds = chosen[art == REFUND_ART].groupby("service")["amount_ore"].sum().to_dict()
    counts = chosen.groupby("service").size().to_dict()
    spent = chosen["kind"].isin([ArtKind.PAY.value, ArtKind.EXPENSE.value])
    measures = chosen[spent & chosen["function"].astype(str).isin(PASS_THROUGH_FUNCTIONS)]
    pass_through = measures.groupby("service")["amount_ore"].sum().to_dict()
    with_fte = chosen[chosen["fte_e4"].astype("int64") >= 0]
    fte_e4 = with_fte.groupby("service")["fte_e4"].sum().to_dict() if has_fte else {}
    out: dict[str, ServiceTotals] = {}
    nok = _nok
    for service in sorted(str(k) for k in counts):
        pay = nok(by_kind.get((service, ArtKind.PAY.value), 0))
        gross = pay + nok(by_kind.get((service, ArtKind.EXPENSE.value), 0))
        income = -nok(by_kind.get((service, ArtKind.INCOME.value), 0))
        fte: Decimal | None = None
        if service in fte_e4:
            fte = Decimal(int(fte_e4[service])).scaleb(-4)
        elif has_art:
            fte = (max(pay, Decimal(0)) / cost_per_fte_nok).quantize(Decimal("0.01"))
        out[service] = ServiceTotals(
            service=service,
            gross_nok=gross,
            income_nok=income,
            net_nok=gross - income,
            pay_nok=pay if has_art else None,
            purchases_nok=nok(purchases.get(service, 0)) if has_art else None,
            refunds_nok=-nok(refunds.get(service, 0)) if has_art else None,
            fte=fte,
            fte_is_estimate=fte is not None and service not in fte_e4,
            lines=int(counts[service]),
            pass_through_nok=min(max(nok(pass_through.get(service, 0)), Decimal(0)), gross),
        )
    return out


def _nok(ore: Any) -> Decimal:
    """Øre (a numpy or Python integer) → kroner."""
    return Decimal(int(ore)).scaleb(-2)
