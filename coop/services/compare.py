"""Compare placement options side by side, and each against today's cost per partner."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from coop.domain import errors
from coop.domain.assumptions import check_gain_pct
from coop.domain.costs.service_split import split_shared_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.persistence.unreadable import UnreadableRow
from coop.services.network import TransitionReport, transition_cost
from coop.services.project_data import load_project_data

RECURRING = ("tjenestereiser", "arbeidsgiveravgift")
MAX_OPTIONS = 4  # side by side on one screen and one printed page


@dataclass(frozen=True)
class PartnerLine:
    """One municipality in one option: jobs, commute, one-off cost and yearly bill vs today."""

    number: str
    name: str
    net_fte: Decimal
    longest_commute_min: Decimal | None
    transition_nok: Decimal
    today_nok: Decimal
    after_nok: Decimal

    @property
    def change_nok(self) -> Decimal:
        """Yearly extra cost (positive) or saving (negative) against today."""
        return self.after_nok - self.today_nok


@dataclass(frozen=True)
class OptionSummary:
    """One placement option's consequences."""

    name: str
    hosts: Mapping[str, str]
    report: TransitionReport
    one_off_nok: Decimal
    yearly_nok: Decimal
    partners: tuple[PartnerLine, ...]
    keys_used: Mapping[str, str]

    @property
    def change_nok(self) -> Decimal:
        """Yearly change for all partners together (negative = saving)."""
        return sum((p.change_nok for p in self.partners), Decimal(0))


@dataclass(frozen=True)
class Comparison:
    """Several options of one project, ready for a side-by-side table."""

    project: str
    project_name: str
    service_names: Mapping[str, str]
    municipality_names: Mapping[str, str]
    options: tuple[OptionSummary, ...]
    savings_target_nok: Decimal | None
    budget_year: int
    efficiency_gain_pct: Decimal = Decimal(0)  # an estimate the steering group sets (anslag)
    baseline_year: int | None = None
    gain_basis: str = ""


def _yearly_recurring(report: TransitionReport) -> dict[str, Decimal]:
    """Per service: the recurring cost (service travel, employer tax) in year 1."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for line in report.lines:
        if line.kind.value in RECURRING and line.year == 1:
            out[line.service] += line.amount_nok
    return out


def _option(slug: str, name: str, uow: UnitOfWork, gain_pct: Decimal) -> OptionSummary:
    report = transition_cost(slug, name, uow)
    with uow:
        scenario = uow.scenarios.get(slug, name)
        keys = {k.name: k for k in uow.cost_keys.list(slug)}
        data = load_project_data(slug, uow, [a.service for a in scenario.arrangements])
    recurring = _yearly_recurring(report)
    today: dict[str, Decimal] = defaultdict(Decimal)
    after: dict[str, Decimal] = defaultdict(Decimal)
    used = {}
    for a in scenario.arrangements:
        members = sorted(a.participants)
        own = {m: b for m, b in data.baselines.of(a.service).items() if m in a.participants}
        for m, baseline in own.items():
            today[m] += baseline.gross_cost_nok
        pooled = sum((b.shared_cost_nok for b in own.values()), Decimal(0))
        split = split_shared_cost(
            pooled * (1 - gain_pct / 100) + recurring.get(a.service, Decimal(0)),
            keys.get(a.cost_key or ""),
            members,
            a.host,
            data.population(members),
            own,
            names=data.names,
        )
        used[a.service] = split.key.name
        for line in split.lines:
            after[line.member] += line.total_nok
            if line.member != a.host:  # the host receives the partners' overhead
                after[a.host] -= line.overhead_nok
    partners = tuple(
        PartnerLine(
            number=b.number,
            name=b.name,
            net_fte=b.net_fte,
            longest_commute_min=b.longest_commute_min,
            transition_nok=report.by_municipality.get(b.number, Decimal(0)),
            today_nok=today[b.number],
            after_nok=after[b.number],
        )
        for b in report.balance
    )
    one_off = sum(
        (line.amount_nok for line in report.lines if line.kind.value not in RECURRING),
        Decimal(0),
    )
    return OptionSummary(
        name=name,
        hosts={a.service: a.host for a in scenario.arrangements},
        report=report,
        one_off_nok=one_off,
        yearly_nok=sum(recurring.values(), Decimal(0)),
        partners=partners,
        keys_used=used,
    )


def compare_scenarios(
    slug: str,
    names: Sequence[str],
    uow: UnitOfWork,
    savings_target_nok: Decimal | None = None,
    efficiency_gain_pct: Decimal | None = None,
) -> Comparison:
    """Consequences of up to four options side by side, each set against today.

    ``efficiency_gain_pct`` (the project's assumption unless given) lowers the pooled running
    cost after the split. Measures charged to the home municipality and the new recurring
    costs are not reduced.
    """
    chosen = list(dict.fromkeys(n for n in names if n))
    if not 1 <= len(chosen) <= MAX_OPTIONS:
        words = {2: "to", 3: "tre", 4: "fire", 5: "fem"}
        raise errors.InvalidData(
            f"Velg mellom ett og {words.get(MAX_OPTIONS, MAX_OPTIONS)} alternativer å sammenligne."
        )
    with uow:
        data = load_project_data(slug, uow, services=())
    a = data.assumptions
    given = efficiency_gain_pct is not None
    gain = check_gain_pct(
        a.efficiency_gain_pct if efficiency_gain_pct is None else efficiency_gain_pct
    )
    options = _readable_options(slug, chosen, uow, gain)
    return Comparison(
        project=slug,
        project_name=data.project.name,
        service_names=data.service_names,
        municipality_names=data.names,
        options=options,
        savings_target_nok=savings_target_nok,
        budget_year=a.budget_year,
        efficiency_gain_pct=gain,
        baseline_year=a.baseline_year,
        gain_basis="oppgitt på siden" if given else a.basis("efficiency_gain_pct"),
    )


def _readable_options(
    slug: str, chosen: Sequence[str], uow: UnitOfWork, gain: Decimal
) -> tuple[OptionSummary, ...]:
    """Each chosen option; one stored with a value no rule admits is noted and left out."""
    options, refused = [], []
    for name in chosen:
        try:
            options.append(_option(slug, name, uow, gain))
        except UnreadableRow as error:  # noted by the repository for the page
            refused.append(error)
    if refused and not options:
        raise refused[0]
    return tuple(options)
