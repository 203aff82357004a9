"""Compare placement options side by side, and each against today's cost per partner."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from coop.domain import errors, model
from coop.domain.costs import key_model
from coop.domain.costs.keys import split_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.network import TransitionReport, transition_cost

EQUAL_SHARES = key_model.CostKey(
    "Lik fordeling", (key_model.KeyComponent(key_model.KeyKind.EQUAL, Decimal(1)),)
)
RECURRING = ("tjenestereiser", "arbeidsgiveravgift")


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


def _yearly_recurring(report: TransitionReport) -> dict[str, Decimal]:
    """Per service: the recurring cost (service travel, employer tax) in year 1."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for line in report.lines:
        if line.kind.value in RECURRING and line.year == 1:
            out[line.service] += line.amount_nok
    return out


def _option(
    slug: str, name: str, uow: UnitOfWork, budget_year: int, gain_pct: Decimal
) -> OptionSummary:
    report = transition_cost(slug, name, uow, budget_year=budget_year)
    with uow:
        project = uow.projects.get(slug)
        scenario = uow.scenarios.get(slug, name)
        keys = {k.name: k for k in uow.cost_keys.list(slug)}
        codes = [a.service for a in scenario.arrangements]
        baselines = uow.baselines.list(project.municipalities, codes)
        municipalities = {m.number: m for m in uow.municipalities.list(project.municipalities)}
    latest: dict[tuple[str, str], model.Baseline] = {}
    for b in sorted(baselines, key=lambda b: b.year):
        latest[b.service, b.municipality] = b
    recurring = _yearly_recurring(report)
    today: dict[str, Decimal] = defaultdict(Decimal)
    after: dict[str, Decimal] = defaultdict(Decimal)
    used = {}
    for a in scenario.arrangements:
        members = sorted(a.participants)
        own = {m: latest[a.service, m].gross_cost_nok for m in members if (a.service, m) in latest}
        for m, amount in own.items():
            today[m] += amount
        key = keys.get(a.cost_key or "", EQUAL_SHARES)
        used[a.service] = key.name
        usage: dict[str, dict[str, Decimal]] = defaultdict(dict)  # metric -> member -> count
        for m in members:
            for metric, count in (
                latest[a.service, m].usage.items() if (a.service, m) in latest else ()
            ):
                usage[metric][m] = count
        direct = {
            m: latest[a.service, m].pass_through_nok for m in members if (a.service, m) in latest
        }
        pooled = sum(own.values(), Decimal(0)) - sum(direct.values(), Decimal(0))
        split = split_cost(
            pooled * (1 - gain_pct / 100) + recurring.get(a.service, Decimal(0)),
            key,
            members,
            a.host,
            {m: municipalities[m].population for m in members},
            usage=usage,
            direct=direct,
        )
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
    budget_year: int = 2026,
    efficiency_gain_pct: Decimal = Decimal(0),
) -> Comparison:
    """Consequences of up to four options side by side, each set against today.

    ``efficiency_gain_pct`` lowers the pooled running cost after the split (an estimate; 0
    means no economies of scale are assumed). Measures charged to the home municipality and
    the new recurring costs are not reduced.
    """
    errors.require(
        efficiency_gain_pct.is_finite() and 0 <= efficiency_gain_pct < 100,
        f"Effektiviseringsgevinsten må være minst 0 og under 100 % (fikk {efficiency_gain_pct}).",
    )
    chosen = list(dict.fromkeys(n for n in names if n))
    if not 1 <= len(chosen) <= 4:
        raise errors.InvalidData("Velg mellom ett og fire alternativer å sammenligne.")
    options = tuple(_option(slug, n, uow, budget_year, efficiency_gain_pct) for n in chosen)
    with uow:
        project = uow.projects.get(slug)
        names_by_number = {
            m.number: m.name for m in uow.municipalities.list(project.municipalities)
        }
    return Comparison(
        project=slug,
        project_name=project.name,
        service_names={s.code: s.name for s in project.services},
        municipality_names=names_by_number,
        options=options,
        savings_target_nok=savings_target_nok,
        budget_year=budget_year,
        efficiency_gain_pct=efficiency_gain_pct,
    )
