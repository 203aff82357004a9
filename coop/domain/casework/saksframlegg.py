"""The saksframlegg one council receives: background, options, personnel, economy, resolution.

Pure domain: the service gathers the figures (the option comparison, the optimiser's prices,
the municipality's bill) and this module only words and lays them out, in bokmål with
Norwegian number and date formats. Every amount is an estimate («anslag»), and nothing is
said to be decided that is only proposed: the placement is «foreslått», the resolution a
«forslag».
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop.domain.agreements.law import LawRegime, join_names
from coop.domain.agreements.text import as_noun, travel_grant_text
from coop.domain.casework.resolution import PackageAgreement, ResolutionPoint, resolution
from coop.domain.formatting import format_date, format_nok
from coop.domain.transition.policy_model import PersonnelPolicy

HostPair = tuple[str, str]  # (service name, host name)


@dataclass(frozen=True, slots=True)
class OptionLine:
    """One placement option as the comparison table shows it (kroner are anslag)."""

    name: str
    hosts: tuple[HostPair, ...]
    one_off_nok: Decimal
    change_all_nok: Decimal  # yearly, every member together; negative saves
    change_here_nok: Decimal  # yearly, this municipality
    net_fte_here: Decimal
    proposed: bool


@dataclass(frozen=True, slots=True)
class OptimiserFigures:
    """The optimiser's cheapest placement and what the proposed hosts cost on top of it."""

    best_hosts: tuple[HostPair, ...]
    price_nok: Decimal  # proposed hosts minus the optimum, over the planning period
    prices: tuple[tuple[str, str, Decimal], ...]  # (service, host, price of that one lock)
    horizon_years: int


@dataclass(frozen=True, slots=True)
class EconomyLine:
    """One service on this municipality's bill (the member page's figures, whole kroner)."""

    service_name: str
    host_name: str
    key_name: str
    alone_nok: Decimal
    key_nok: Decimal
    akonto_nok: Decimal | None  # None for the host: it pays its share directly
    instalments: int
    exit_nok: Decimal
    exit_date: date


@dataclass(frozen=True, slots=True)
class CaseInputs:
    """Everything one council's saksframlegg says, gathered by the service."""

    project_name: str
    scenario: str
    number: str  # kommunenummer valid on the date
    name: str
    on: date
    law: LawRegime
    background: tuple[str, ...]
    proposal: str  # the option's own description (who proposed what)
    options: tuple[OptionLine, ...]
    optimiser: OptimiserFigures | None
    optimiser_note: str  # why the optimiser's figures are missing, when they are
    policy: PersonnelPolicy | None
    economy: tuple[EconomyLine, ...]
    unsplit: tuple[tuple[str, str], ...]  # (service name, why no figures)
    budget_year: int
    baseline_year: int
    agreements: tuple[PackageAgreement, ...]
    condition: str
    not_party: tuple[str, ...]  # service names of the package this municipality is not in


@dataclass(frozen=True, slots=True)
class Table:
    """A printed table: caption, header, rows and an optional sum row (all text)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    foot: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class CaseSection:
    """A heading with paragraphs and tables, in reading order (paragraphs first)."""

    heading: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    after: tuple[str, ...] = ()  # paragraphs after the tables


@dataclass(frozen=True, slots=True)
class CaseDocument:
    """The saksframlegg for one council."""

    title: str
    municipality: str
    number: str
    on: date
    project_name: str
    scenario: str
    resolution: tuple[ResolutionPoint, ...]
    sections: tuple[CaseSection, ...]
    attachments: tuple[str, ...]


def build_case(i: CaseInputs) -> CaseDocument:
    """The saksframlegg for ``i.name``; its «forslag til vedtak» is the package's, unchanged."""
    services = join_names([as_noun(a.service_name) for a in i.agreements])
    return CaseDocument(
        title=f"Vertskommunesamarbeid om {services}",
        municipality=i.name,
        number=i.number,
        on=i.on,
        project_name=i.project_name,
        scenario=i.scenario,
        resolution=resolution(i.agreements, i.law, i.condition),
        sections=(
            _background(i),
            _options(i),
            _personnel(i),
            _economy(i),
        ),
        attachments=tuple(a.label for a in i.agreements),
    )


def _background(i: CaseInputs) -> CaseSection:
    law, n = i.law, len(i.agreements)
    agreement_ref = law.ref("agreement")
    paragraphs = [
        *i.background,
        f"Saken gjelder {n} {'avtale' if n == 1 else 'avtaler'} om vertskommunesamarbeid "
        f"etter {law.act} {law.chapter}. Forslaget som legges fram, er alternativet "
        f"«{i.scenario}». {i.proposal}".strip(),
        f"Hver avtale må vedtas av kommunestyret selv, og alle deltakerkommunene må vedta "
        f"samme tekst ({law.act} {agreement_ref}). Forslaget til vedtak er derfor det samme i "
        "alle kommunestyrene.",
    ]
    if i.condition:
        paragraphs.append(
            "Sakene behandles som en pakke med dette vilkåret, som også står i forslaget til "
            f"vedtak: «{i.condition}»"
        )
    if i.not_party:
        paragraphs.append(
            f"{i.name} kommune er ikke part i avtalene om "
            f"{join_names([as_noun(s) for s in i.not_party])}, og "
            "vedtar derfor ikke dem."
        )
    return CaseSection("Bakgrunn", tuple(paragraphs))


def _options(i: CaseInputs) -> CaseSection:
    services = list(dict.fromkeys(s for o in i.options for s, _ in o.hosts))
    hosts = Table(
        "Vertskommune per tjeneste i hvert alternativ",
        ("Tjeneste", *(_option_name(o) for o in i.options)),
        tuple(
            (service, *(dict(o.hosts).get(service, "–") for o in i.options)) for service in services
        ),
    )
    figures = Table(
        "Alternativene i tall (anslag; negative beløp er innsparing)",
        (
            "Alternativ",
            "Omstilling (engangs)",
            "Endring per år, alle",
            f"Endring per år, {i.name}",
            f"Årsverk, {i.name}",
        ),
        tuple(
            (
                _option_name(o),
                format_nok(o.one_off_nok),
                format_nok(o.change_all_nok),
                format_nok(o.change_here_nok),
                _fte(o.net_fte_here),
            )
            for o in i.options
        ),
    )
    after = []
    if i.optimiser is not None:
        o = i.optimiser
        best = "; ".join(f"{service}: {host}" for service, host in o.best_hosts)
        years = f"{o.horizon_years} år"
        after.append(
            f"Optimeringsmodellen finner denne plasseringen billigst over planperioden på "
            f"{years}: {best} (anslag)."
        )
        if o.price_nok > 0:
            after.append(
                f"Forslaget «{i.scenario}» koster {format_nok(o.price_nok)} mer enn dette over "
                "planperioden. Det er prisen på de politiske valgene i forslaget, for eksempel "
                "å spre arbeidsplassene mellom kommunene (anslag)."
            )
            after += [
                f"Å legge {as_noun(service)} til {host} koster alene {format_nok(price)} mer "
                "enn modellens beste plassering med de andre valgene uendret (anslag)."
                for service, host, price in o.prices
                if price > 0
            ]
        else:
            after.append(f"Forslaget «{i.scenario}» er like billig som modellens beste plassering.")
    elif i.optimiser_note:
        after.append(f"Optimeringsmodellens tall mangler: {i.optimiser_note}")
    return CaseSection(
        "Alternativer",
        (
            "Tabellen sammenligner plasseringsalternativene i prosjektet: engangskostnaden ved "
            "omstillingen, endringen i de årlige kostnadene mot i dag og hvor mange årsverk "
            f"{i.name} får eller mister.",
        ),
        (hosts, figures),
        tuple(after),
    )


def _option_name(o: OptionLine) -> str:
    return f"{o.name} (forslaget)" if o.proposed else o.name


def _personnel(i: CaseInputs) -> CaseSection:
    p = i.policy
    if p is None:
        text = ("Alternativet har ingen personalpolitiske retningslinjer ennå.",)
        return CaseSection("Personalpolitiske retningslinjer", text)
    paragraphs = [
        f"Forslaget bygger på retningslinjene «{p.name}». Ansatte som overføres, følger "
        "reglene om virksomhetsoverdragelse i arbeidsmiljøloven kapittel 16; vilkårene står i "
        "personalvedlegget (vedlegg 2) til hver avtale.",
        travel_grant_text(p),
    ]
    if p.relocation_nok > 0:
        paragraphs.append("Ansatte som flytter på grunn av overføringen, får dekket faktiske "
                          "flytteutgifter.")  # fmt: skip
    if p.transition_grant_nok > 0:
        who = "alle ansatte som overføres" if p.transition_grant_to == "alle" else (
            "ansatte som overføres og flytter")  # fmt: skip
        paragraphs.append(
            f"Omstillingstilskudd: {format_nok(p.transition_grant_nok)} som engangsbeløp til {who}."
        )
    return CaseSection("Personalpolitiske retningslinjer", tuple(paragraphs))


def _economy(i: CaseInputs) -> CaseSection:
    e = i.economy
    rows = tuple(
        (
            f"{line.service_name} (vert: {line.host_name})",
            format_nok(line.alone_nok),
            f"{format_nok(line.key_nok)} ({line.key_name})",
            "vert, betaler selv"
            if line.akonto_nok is None
            else f"{format_nok(line.akonto_nok)} ({line.instalments} innbetalinger)",
            f"{format_nok(line.exit_nok)} (ute {format_date(line.exit_date)})",
        )  # fmt: skip
        for line in e
    )
    foot = (
        "Sum",
        format_nok(_sum(line.alone_nok for line in e)),
        format_nok(_sum(line.key_nok for line in e)),
        format_nok(_sum(line.akonto_nok for line in e if line.akonto_nok is not None)),
        format_nok(_sum(line.exit_nok for line in e)),
    )
    table = Table(
        f"{i.name} per tjeneste, hele kroner per år (anslag for budsjettåret {i.budget_year})",
        ("Tjeneste", "Alene i dag", "Etter nøkkelen", f"A konto {i.budget_year}", "Ved uttreden"),
        rows,
        foot if rows else None,
    )
    paragraphs = [
        f"Beløpene er anslag for budsjettåret {i.budget_year}, regnet fra grunnlagstallene for "
        f"{i.baseline_year} og fordelingsnøklene i forslaget. Kommunestyret vedtar nøklene og "
        "reglene i avtalene, ikke beløpene: et nytt budsjett endrer beløpene uten nytt vedtak.",
        "«Ved uttreden» er andelen i tolv måneders oppsigelsestid, uten felles investeringer.",
    ]
    if i.on.year < i.baseline_year - 1:
        paragraphs.append(
            f"Saken er datert {format_date(i.on)}, men tallene bygger på grunnlagstall fra "
            f"{i.baseline_year}. De viser hvordan nøklene virker, ikke hva kommunen betalte da."
        )
    after = tuple(f"{name}: ingen tall ennå ({why})" for name, why in i.unsplit)
    return CaseSection(
        f"Økonomiske konsekvenser for {i.name} kommune", tuple(paragraphs), (table,), after
    )


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _fte(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')).normalize():f}".replace(".", ",")
    return f"+{text}" if value > 0 else text.replace("-", "−")
