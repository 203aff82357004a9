"""Compare placement options side by side: costs, jobs, commutes, today's bill and the target.

The view only reads the query and calls ``compare_scenarios``; the helpers below turn the
result into rows of formatted cells (nb_NO, via ``web.filters``), with each difference against
the reference option spelt out as an arrow, a signed amount and a word, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from flask import Blueprint, render_template, request
from markupsafe import Markup

from coop import services
from coop.domain.errors import CoopError, NotFound
from coop.domain.limits import MAX_GAIN_TYPED, optional, read_kroner, read_percent
from coop.services.compare import Comparison, OptionSummary
from web import charts, filters
from web.forms import FieldProblems
from web.views.auth import get_uow, requires

bp = Blueprint("compare", __name__, url_prefix="/prosjekter/<slug>")
MAX_OPTIONS = 4
ONE_OFF = ("reisetilskudd", "flytting", "omstillingstilskudd")
YEARLY = ("tjenestereiser", "arbeidsgiveravgift")
Value = Decimal | None
Format = Callable[[Decimal], str]
# (word when higher, word when lower, tone when higher, tone when lower)
COST = ("dyrere", "billigere", "worse", "better")
JOBS = ("flere", "færre", "", "")  # jobs moved, not won: one municipality's gain is another's loss
COMMUTE = ("lengre", "kortere", "worse", "better")


@dataclass(frozen=True, slots=True)
class Cell:
    """One option's value in a row, and how it differs from the reference option."""

    text: str
    change: str = ""  # "▲ +82 000 kr, dyrere"; empty in the reference column
    tone: str = ""  # "better" or "worse" (a CSS class; the words already say it)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """A measure across all options."""

    label: str
    cells: tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A group of rows under one heading in the side-by-side table."""

    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One option against the council's savings target, in numbers and in one sentence."""

    option: str
    change_nok: Decimal
    gap_nok: Decimal
    sentence: str


def _signed(value: Decimal, fmt: Format) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{fmt(abs(value))}"


def _cell(value: Value, reference: Value, fmt: Format, words: Sequence[str]) -> Cell:
    """Format a value and add arrow, signed difference and word against the reference."""
    text = "–" if value is None else fmt(value)
    if value is None or reference is None:
        return Cell(text)
    diff = value - reference
    if diff == 0:
        return Cell(text, "= likt")
    up = diff > 0
    arrow, word, tone = ("▲", words[0], words[2]) if up else ("▼", words[1], words[3])
    return Cell(text, f"{arrow} {_signed(diff, fmt)}, {word}", tone)


def _row(label: str, values: Sequence[Value], fmt: Format, words: Sequence[str]) -> Row:
    """The first value is the reference: shown plain; the others against it."""
    first = Cell("–" if values[0] is None else fmt(values[0]))
    rest = (_cell(v, values[0], fmt, words) for v in values[1:])
    return Row(label, (first, *rest), label.startswith("Sum"))


def _year_one(option: OptionSummary, kind: str) -> Decimal:
    lines = option.report.lines
    return sum((x.amount_nok for x in lines if x.kind.value == kind and x.year == 1), Decimal(0))


def sections(c: Comparison) -> tuple[Section, ...]:
    """The side-by-side table: hosts, one-off and yearly costs, bill, jobs and commutes."""
    first = c.options[0]
    period = f"{c.budget_year}–{c.budget_year + first.report.horizon_years - 1}"
    kinds = {k: [o.report.by_kind.get(k, Decimal(0)) for o in c.options] for k in ONE_OFF}
    kinds |= {k: [_year_one(o, k) for o in c.options] for k in YEARLY}
    found = [{p.number: p for p in o.partners} for o in c.options]

    def costs(keys: Sequence[str], total: str, sums: list[Value]) -> tuple[Row, ...]:
        rows = [_row(k.capitalize(), kinds[k], filters.nok, COST) for k in keys]
        return (*rows, _row(total, sums, filters.nok, COST))

    def partners(attr: str, fmt: Format, words: Sequence[str]) -> tuple[Row, ...]:
        return tuple(
            _row(
                p.name,
                [getattr(f[p.number], attr) if p.number in f else None for f in found],
                fmt,
                words,
            )
            for p in first.partners
        )

    def host(code: str, o: OptionSummary) -> Cell:
        number = o.hosts.get(code)
        changed = o is not first and number != first.hosts.get(code)
        return Cell(
            c.municipality_names.get(number, number) if number else "ikke med",
            "≠ annen vert" if changed else "",
            note=f"nøkkel: {o.keys_used[code]}" if code in o.keys_used else "",
        )

    codes = [s for s in c.service_names if any(s in o.hosts for o in c.options)]
    return (
        Section(
            "Vertskommune og kostnadsnøkkel per tjeneste",
            tuple(Row(c.service_names[s], tuple(host(s, o) for o in c.options)) for s in codes),
        ),
        Section(
            f"Engangskostnader i planperioden {period}",
            costs(ONE_OFF, "Sum engangskostnader", [o.one_off_nok for o in c.options]),
        ),
        Section(
            f"Årlige kostnader (første år, {c.budget_year})",
            costs(YEARLY, "Sum årlige kostnader", [o.yearly_nok for o in c.options]),
        ),
        Section("Årlig kostnad per kommune etter deling", partners("after_nok", filters.nok, COST)),
        Section(
            "Netto årsverk per kommune (arbeidsplasser inn minus ut)",
            partners("net_fte", filters.fte, JOBS),
        ),
        Section(
            "Lengste daglige pendling for ansatte som flytter (én vei; – = ingen flytter)",
            partners("longest_commute_min", filters.minutes, COMMUTE),
        ),
    )


@dataclass(frozen=True, slots=True)
class Bill:
    """One option against today: per partner today, after the split and the yearly change."""

    option: str
    rows: tuple[Row, ...]  # the last is the sum
    keys: tuple[tuple[str, str], ...]  # (service name, cost key name)


def _bill_row(label: str, today: Decimal, after: Decimal) -> Row:
    diff, nok = after - today, filters.nok
    change = (
        Cell(f"▲ {_signed(diff, nok)}", "merkostnad", "worse")
        if diff > 0
        else Cell(f"▼ {_signed(diff, nok)}", "innsparing", "better")
        if diff < 0
        else Cell("± 0 kr", "uendret")
    )
    return Row(label, (Cell(nok(today)), Cell(nok(after)), change), label == "Sum")


def bills(c: Comparison) -> tuple[Bill, ...]:
    """Every option against each partner's cost of the services today (its budget baseline)."""
    out = []
    for o in c.options:
        rows = [_bill_row(p.name, p.today_nok, p.after_nok) for p in o.partners]
        today = sum((p.today_nok for p in o.partners), Decimal(0))
        after = sum((p.after_nok for p in o.partners), Decimal(0))
        keys = tuple((c.service_names.get(s, s), k) for s, k in o.keys_used.items())
        out.append(Bill(o.name, (*rows, _bill_row("Sum", today, after)), keys))
    return tuple(out)


def targets(c: Comparison) -> tuple[TargetLine, ...]:
    """Each option's yearly change against the savings target, and the gap left, in words."""
    target = c.savings_target_nok
    if target is None:
        return ()
    nok = filters.nok
    out = []
    for o in c.options:
        change, gap = o.change_nok, target + o.change_nok
        if change > 0:
            effect = f"gir {nok(change)} i økte kostnader per år"
        elif change < 0:
            effect = f"sparer {nok(-change)} per år"
        else:
            effect = "endrer ikke de årlige kostnadene"
        if gap > 0:
            verdict = f"Det mangler {nok(gap)} for å nå sparemålet på {nok(target)}."
        else:
            spare = f" med {nok(-gap)} å gå på" if gap < 0 else ""
            verdict = f"Alternativet når sparemålet på {nok(target)}{spare}."
        out.append(TargetLine(o.name, change, gap, f"«{o.name}» {effect}. {verdict}"))
    return tuple(out)


def chart_svgs(c: Comparison) -> dict[str, Markup]:
    """Bar charts of one-off cost per option, net jobs and yearly change per partner."""
    options = [o.name for o in c.options]
    numbers = [p.number for p in c.options[0].partners]
    partners = [c.municipality_names.get(n, n) for n in numbers]

    def per_partner(o: OptionSummary, attr: str) -> tuple[Decimal, ...]:
        found = {p.number: getattr(p, attr) for p in o.partners}
        return tuple(found.get(n, Decimal(0)) for n in numbers)

    def grouped(attr: str) -> list[charts.Series]:
        return [charts.Series(o.name, per_partner(o, attr)) for o in c.options]

    return {
        "one_off": charts.bar_chart(
            "diagram-engang",
            "Engangskostnader per alternativ",
            "Reisetilskudd, flytting og omstillingstilskudd i hele planperioden.",
            options,
            [o.one_off_nok for o in c.options],
            filters.nok,
        ),
        "jobs": charts.grouped_bar_chart(
            "diagram-aarsverk",
            "Netto årsverk per kommune og alternativ",
            "Stolper til høyre for null: kommunen får arbeidsplasser; til venstre: den mister.",
            partners,
            grouped("net_fte"),
            filters.fte,
        ),
        "change": charts.grouped_bar_chart(
            "diagram-endring",
            "Årlig endring mot i dag per kommune og alternativ",
            "Stolper til høyre for null er merkostnad, til venstre innsparing.",
            partners,
            grouped("change_nok"),
            filters.nok,
        ),
    }


def _chosen(available: Sequence[str]) -> list[str]:
    """Options from ``alternativ`` (default: the project's first four), reference first."""
    picked = [n for n in request.args.getlist("alternativ") if n.strip()]
    reference = request.args.get("referanse", "").strip()
    if not picked:
        picked = [n for n in available if n != reference][: MAX_OPTIONS - bool(reference)]
    return [reference, *(n for n in picked if n != reference)] if reference else picked


def _savings_target(problems: FieldProblems) -> Decimal | None:
    """``sparemaal`` in kroner, Norwegian style ("25 000 000", "25000000 kr"); None if empty."""
    raw = request.args.get("sparemaal", "")
    label = "Sparemålet (kroner per år, for eksempel 25 000 000)"
    value = problems.read("sparemaal", optional, read_kroner, raw, label)
    if value is not None and value <= 0:
        problems["sparemaal"] = f"Sparemålet må være større enn 0 kr (fikk «{raw}»)."
        return None
    return value


def _gain(problems: FieldProblems) -> Decimal | None:
    """``gevinst`` in percent, Norwegian style ("12,5"); empty means the project's assumption."""
    raw = request.args.get("gevinst", "")
    return problems.read("gevinst", optional, read_percent, raw, "Effektiviseringsgevinsten",
                         -MAX_GAIN_TYPED, MAX_GAIN_TYPED)  # fmt: skip


@bp.get("/sammenlign")
@requires()
def compare(slug: str) -> tuple[str, int]:
    """Compare placement options side by side, each against today and the savings target."""
    overview = services.project_overview(slug, get_uow())
    problems = FieldProblems()
    context: dict[str, object] = {"project": overview, "args": request.args, "error": None}
    context.update(problems=problems)
    context["chosen"] = names = _chosen(overview.scenarios)
    if not overview.scenarios:
        return render_template("compare/compare.html", **context), 200
    target, gain = _savings_target(problems), _gain(problems)
    if problems:
        return render_template("compare/compare.html", **context), 422
    try:
        context["target_from_plan"] = False
        if target is None and not request.args.get("sparemaal", "").strip():
            target = services.savings_summary(slug, get_uow()).target_nok or None
            context["target_from_plan"] = target is not None
        result = services.compare_scenarios(
            slug, names, get_uow(), target, efficiency_gain_pct=gain
        )
    except CoopError as error:
        context["error"] = error.message
        return render_template("compare/compare.html", **context), (
            404 if isinstance(error, NotFound) else 422
        )
    context.update(c=result, sections=sections(result), bills=bills(result))
    context.update(targets=targets(result), charts=chart_svgs(result))
    return render_template("compare/compare.html", **context), 200
