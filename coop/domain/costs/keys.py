"""Cost keys (fordelingsnøkler) in exact NOK: shares, whole-krone split, pass-through.

Shares are computed as exact fractions and each money amount is rounded once, by largest
remainder, so the parts always sum to the whole. Formula (domain.md § 3.4)::

    share_i  = Σ_k w_k · basis_k,i      (equal 1/N, population pop_i/Σpop, usage use_i/Σuse …)
    charge_i = share_i · cost · (1 + overhead %) + direct_i

Invoicing a split on account and settling it is in ``coop.domain.costs.akonto``; what a leaving
partner pays is in ``coop.domain.costs.partner_exit``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from coop.domain.costs.key_basis import Basis, who
from coop.domain.costs.key_model import CostKey
from coop.domain.errors import InvalidData, require
from coop.domain.formatting import format_kr, format_pct

SHARE_DIGITS = 12
PASS_THROUGH_FUNCTIONS = ("251", "252")  # barnevern measures stay with the home municipality


def whole_kroner(amount: Decimal | Fraction | int) -> Decimal:
    """Round one amount to whole kroner, halves away from zero."""
    exact = Fraction(amount)
    rounded = math.floor(abs(exact) + Fraction(1, 2))
    return Decimal(rounded if exact >= 0 else -rounded)


def largest_remainder(
    amounts: Mapping[str, Decimal | Fraction], total: Decimal | int
) -> dict[str, Decimal]:
    """Whole kroner that sum exactly to ``total``, never negative.

    Each amount is floored; the kroner left over go one each to the largest remainders (ties in
    the given order). The amounts must already sum to ``total`` up to the rounding.
    """
    whole = Fraction(total)
    require(whole.denominator == 1 and whole >= 0, f"Totalen {total} må være hele kroner ≥ 0.")
    exact = {k: Fraction(v) for k, v in amounts.items()}
    negative = [k for k, v in exact.items() if v < 0]
    require(not negative, f"Negativt beløp for {', '.join(negative)} kan ikke fordeles.")
    units = _round_units(exact, int(whole))
    return {k: Decimal(u) for k, u in units.items()}


def _round_units(exact: Mapping[str, Fraction], total: int) -> dict[str, int]:
    floors = {k: v.numerator // v.denominator for k, v in exact.items()}
    left = total - sum(floors.values())
    require(
        0 <= left <= len(exact),
        f"Beløpene summerer til {float(sum(exact.values())):.2f}, ikke til totalen {total}.",
    )
    order = sorted(exact, key=lambda k: -(exact[k] - floors[k]))  # stable: ties keep input order
    for k in order[:left]:
        floors[k] += 1
    return floors


def check_population_date(key: CostKey, budget_year: int) -> None:
    """A population key counts residents at 1.1 of the budget year or of the year before."""
    if key.population_date is None:
        return
    allowed = (date(budget_year, 1, 1), date(budget_year - 1, 1, 1))
    require(
        key.population_date in allowed,
        f"Fordelingsnøkkelen «{key.name}» bruker folketall per "
        f"{key.population_date:%d.%m.%Y}; for budsjettåret {budget_year} må det være "
        f"1.1.{budget_year} eller 1.1.{budget_year - 1}.",
    )


def shares_by_key(
    key: CostKey,
    members: Sequence[str],
    population: Mapping[str, int],
    usage: Mapping[str, Mapping[str, Decimal]] | None = None,
    target_group: Mapping[str, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> dict[str, Decimal]:
    """Each member's fraction of the shared cost (12 decimals, summing exactly to 1).

    A population component with a ``metric`` (e.g. "0–22 år") counts the target group in
    ``target_group`` instead of all residents; a usage component counts ``usage[metric]``.
    ``names`` (number → name) lets an error name the municipality it is about.
    """
    exact = exact_shares(key, members, population, usage or {}, target_group, names or {})
    return _decimal_shares(exact)


def _decimal_shares(exact: Mapping[str, Fraction]) -> dict[str, Decimal]:
    scale = 10**SHARE_DIGITS
    units = _round_units({m: s * scale for m, s in exact.items()}, scale)
    return {m: Decimal(u).scaleb(-SHARE_DIGITS) for m, u in units.items()}


def exact_shares(
    key: CostKey,
    members: Sequence[str],
    population: Mapping[str, int],
    usage: Mapping[str, Mapping[str, Decimal]],
    target_group: Mapping[str, int] | None,
    names: Mapping[str, str],
) -> dict[str, Fraction]:
    """Shares as exact fractions (what ``shares_by_key`` rounds)."""
    require(bool(members), f"Fordelingsnøkkelen «{key.name}» har ingen kommuner å fordele på.")
    require(len(set(members)) == len(members), "En kommune står to ganger i fordelingen.")
    shares = dict.fromkeys(members, Fraction(0))
    for component in key.components:
        basis = Basis(key, members, names).of(component, population, usage, target_group)
        for member in members:
            shares[member] += Fraction(component.weight) * basis[member]
    return shares


@dataclass(frozen=True, slots=True)
class CostSplitLine:
    """What one member pays in a year, in whole kroner."""

    member: str
    share: Decimal  # fraction of the shared cost
    key_nok: Decimal  # its share of the shared cost
    overhead_nok: Decimal  # administrasjonstillegg on its share (internal for the host)
    direct_nok: Decimal  # pass-through charged to it alone (e.g. functions 251/252)
    host_subsidy_nok: Decimal  # costs the host carries alone without charging (host only)
    total_nok: Decimal


@dataclass(frozen=True, slots=True)
class CostSplit:
    """A cost split by key, with the inputs needed to settle the year or price an exit."""

    key: CostKey
    host: str
    shared_nok: Decimal
    lines: tuple[CostSplitLine, ...]
    population: Mapping[str, int] = field(default_factory=dict)
    usage: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    target_group: Mapping[str, int] | None = None
    direct: Mapping[str, Decimal] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # number → name, for messages

    @property
    def members(self) -> tuple[str, ...]:
        """Members in the order given."""
        return tuple(line.member for line in self.lines)

    def line(self, member: str) -> CostSplitLine:
        """The line of one member or a readable error."""
        for line in self.lines:
            if line.member == member:
                return line
        named = who([member], self.names)
        raise InvalidData(
            f"{named[:1].upper()}{named[1:]} er ikke med i fordelingen «{self.key.name}»."
        )

    @property
    def total_nok(self) -> Decimal:
        """Everything charged: shared cost, overhead, pass-through and host subsidy."""
        return sum((line.total_nok for line in self.lines), Decimal(0))

    @property
    def overhead_note(self) -> str:
        """Bokmål note on overhead: what partners pay the host, or the subsidy when none."""
        line = self.line(self.host)
        if self.key.host_overhead_pct > 0:
            income = sum(
                (li.overhead_nok for li in self.lines if li.member != self.host), Decimal(0)
            )
            pct = format_pct(self.key.host_overhead_pct)
            return (
                f"Administrasjonstillegg {pct} gir vertskommunen {format_kr(income)} fra "
                "samarbeidskommunene."
            )
        if line.host_subsidy_nok > 0:
            return (
                f"Vertskommunen dekker {format_kr(line.host_subsidy_nok)} alene uten å fordele det "
                "(vertskommunesubsidie)."
            )
        return (
            "Vertskommunen tar ikke administrasjonstillegg: administrasjonen er en skjult "
            "subsidie til samarbeidskommunene."
        )


def split_cost(
    total_nok: Decimal,
    key: CostKey,
    members: Sequence[str],
    host: str,
    population: Mapping[str, int],
    usage: Mapping[str, Mapping[str, Decimal]] | None = None,
    direct: Mapping[str, Decimal] | None = None,
    target_group: Mapping[str, int] | None = None,
    host_subsidy_nok: Decimal = Decimal(0),
    budget_year: int | None = None,
    names: Mapping[str, str] | None = None,
) -> CostSplit:
    """Split a service's shared net cost by key, add overhead and pass-through lines.

    ``total_nok`` is rounded to whole kroner first. Overhead is ``host_overhead_pct`` of each
    member's share (the host's own is internal). ``host_subsidy_nok`` is cost the host carries
    alone (e.g. rent it does not charge), shown on its line. ``names`` (number → name) lets
    errors name municipalities; the split keeps them for later ones (settlement).
    """
    usage, direct, names = usage or {}, direct or {}, names or {}
    require(host in members, f"Vertskommunen {names.get(host, host)} må være med i fordelingen.")
    require(total_nok >= 0, f"Kostnaden som skal fordeles kan ikke være negativ ({total_nok}).")
    require(host_subsidy_nok >= 0, "Vertskommunesubsidien kan ikke være negativ.")
    if budget_year is not None:
        check_population_date(key, budget_year)
    outside = sorted(set(direct) - set(members))
    require(not outside, f"Direkte belastning for {who(outside, names)} utenfor samarbeidet.")
    negative = sorted(m for m, v in direct.items() if v < 0)
    require(not negative, f"Direkte belastning kan ikke være negativ ({who(negative, names)}).")
    shared = whole_kroner(total_nok)
    exact = exact_shares(key, members, population, usage, target_group, names)
    key_nok = largest_remainder({m: s * Fraction(shared) for m, s in exact.items()}, shared)
    overhead = whole_kroner(Fraction(shared) * Fraction(key.host_overhead_pct) / 100)
    overhead_nok = largest_remainder(
        {m: s * Fraction(overhead) for m, s in exact.items()}, overhead
    )
    shares = _decimal_shares(exact)
    subsidy = whole_kroner(host_subsidy_nok)
    lines = []
    for m in members:
        own = whole_kroner(direct.get(m, Decimal(0)))
        carried = subsidy if m == host else Decimal(0)
        total = key_nok[m] + overhead_nok[m] + own + carried
        lines.append(CostSplitLine(m, shares[m], key_nok[m], overhead_nok[m], own, carried, total))
    return CostSplit(
        key, host, shared, tuple(lines), population, usage, target_group, dict(direct), names
    )


def separate_pass_through(
    lines: Iterable[tuple[str, str, Decimal]], functions: Sequence[str] = PASS_THROUGH_FUNCTIONS
) -> tuple[Decimal, dict[str, Decimal]]:
    """Split (home municipality, KOSTRA function, amount) lines into shared cost and direct.

    Lines on ``functions`` (barnevern measures 251/252 by default) are charged to the child's
    home municipality; everything else is shared by the key.
    """
    shared, direct = Decimal(0), dict[str, Decimal]()
    for municipality, function, amount in lines:
        if function in functions:
            direct[municipality] = direct.get(municipality, Decimal(0)) + amount
        else:
            shared += amount
    return shared, direct
