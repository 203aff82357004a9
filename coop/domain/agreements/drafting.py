"""Draft host-municipality agreements: inputs, numbered clauses and the § 20-4 checklist.

Pure domain: stdlib and ``coop.domain.model`` only. The law by date lives in
``coop.domain.agreements.law``, the clause wording in ``coop.domain.agreements.text``, the value
types in ``coop.domain.agreements.draft``; canonical text, hash, versions and adoption in
``coop.domain.agreements.adoption``. The checklist is read from the draft itself: a point is filled
when it has clauses and none of them holds a «[MANGLER: …]» placeholder, so text and checklist
cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from coop.domain.agreements import text as wording
from coop.domain.agreements.draft import (
    POINTS,
    AgreementDraft,
    Appendix,
    ChecklistItem,
    Clause,
    DraftStatus,
    NoHostModelBasis,
    NotReadyForAdoption,
    Section,
    ShareRow,
)
from coop.domain.agreements.law import (
    DEFAULT_NEW_ACT_FROM,
    LawRegime,
    date_warnings,
    join_names,
    law_for,
    missing,
)
from coop.domain.agreements.service_terms import ServiceTerms, pass_through_text
from coop.domain.agreements.text import PROMPT_MARK
from coop.domain.costs.key_model import CostKey
from coop.domain.errors import InvalidPolicy, UnknownMunicipality, require
from coop.domain.formatting import format_date, format_nok, format_share
from coop.domain.model import CooperationProject, LegalForm, Municipality, ServiceArrangement
from coop.domain.transition.policy_model import PersonnelPolicy

SHARE_TOLERANCE = Decimal("0.000001")
_GAP = re.compile(r"\[MANGLER: ([^\]]+)\]")
_NORWEGIAN_ORDER = {ord("æ"): "z{", ord("ø"): "z|", ord("å"): "z}"}


@dataclass(frozen=True, slots=True)
class AgreementInputs:
    """Everything a draft for one service arrangement needs; ``None`` means «not filled in»."""

    project: CooperationProject
    arrangement: ServiceArrangement
    service_name: str
    municipalities: Mapping[str, Municipality]
    decided_on: date
    effective_from: date | None = None
    cost_key: CostKey | None = None
    shares: Mapping[str, Decimal] = field(default_factory=dict)  # fractions summing to 1
    amounts: Mapping[str, Decimal] = field(default_factory=dict)  # NOK for the budget year
    budget_year: int | None = None
    budget_total_nok: Decimal | None = None
    akonto_frequency: str | None = None  # bokmål, e.g. «kvartalsvis»
    settlement_terms: str | None = None  # extra year-end settlement terms (standard text always)
    policy: PersonnelPolicy | None = None
    reservation_days: int = 14
    notice_months: int | None = 12
    exit_cost_terms: str | None = None
    informed_decisions: str | None = None
    tasks: str | None = None
    board_members_per_participant: int | None = None
    dissolution_terms: str | None = None
    other_legal_terms: str | None = None
    reporting_terms: str | None = None
    archive_terms: str | None = None
    dispute_terms: str | None = None
    review_on: date | None = None
    control_terms: str | None = None
    insurance_terms: str | None = None
    licence_terms: str | None = None
    new_act_from: Mapping[str, date] = field(default_factory=dict)  # council constituted 2019
    numbers_then: Mapping[str, str] = field(default_factory=dict)  # today's number -> on the date
    catalogue: ServiceTerms = field(default_factory=ServiceTerms)  # (c) default, clauses
    may_join: tuple[str, ...] = ()  # names of members that may join this service later

    @property
    def tasks_text(self) -> str | None:
        """Point c: the agreement's own text, else the catalogue's default for the date."""
        return self.tasks if self.tasks and self.tasks.strip() else self.catalogue.tasks or None

    def __post_init__(self) -> None:
        a = self.arrangement
        require(bool(self.service_name.strip()), f"Tjenesten «{a.service}» mangler navn.")
        outside = sorted(a.participants - self.project.participants_of(a.service))
        require(
            not outside,
            f"Kommune {', '.join(outside)} deltar ikke i «{a.service}» i {self.project.name}.",
        )
        for number in sorted(a.participants):
            if number not in self.municipalities:
                raise UnknownMunicipality(number)
        for what, values in (("Andelene", self.shares), ("Beløpene", self.amounts)):
            if values:
                require(
                    set(values) == set(a.participants),
                    f"{what} for «{self.service_name}» må gjelde nøyaktig deltakerkommunene.",
                )
                require(
                    all(v >= 0 for v in values.values()),
                    f"{what} for «{self.service_name}» kan ikke være negative.",
                )
        if self.shares:
            total = sum(self.shares.values(), Decimal(0))
            require(
                abs(total - 1) <= SHARE_TOLERANCE,
                f"Andelene for «{self.service_name}» summerer til {format_share(total)}, "
                "ikke 100 %.",
            )
        if self.budget_year is not None:
            require(
                1990 <= self.budget_year <= 2100, f"Budsjettåret {self.budget_year} er ugyldig."
            )
        if self.notice_months is not None:
            require(
                0 <= self.notice_months <= 60,
                f"Oppsigelsestiden må være mellom 0 og 60 måneder (nå {self.notice_months}).",
            )
        require(
            self.reservation_days >= 14,
            "Fristen for å reservere seg mot overføring må være minst 14 dager "
            f"(arbeidsmiljøloven § 16-3), ikke {self.reservation_days}.",
            InvalidPolicy,
        )
        if self.board_members_per_participant is not None:
            require(
                self.board_members_per_participant >= 2,
                "En felles folkevalgt nemnd må ha minst to medlemmer fra hver deltaker "
                f"(nå {self.board_members_per_participant}).",
            )


def build_draft(inputs: AgreementInputs) -> AgreementDraft:
    """Assemble the draft for one service under the law in force on its date.

    Raises ``NoHostModelBasis`` for dates before 1.1.2007.
    """
    a, day = inputs.arrangement, inputs.decided_on
    cut_overs = [inputs.new_act_from.get(n, DEFAULT_NEW_ACT_FROM) for n in sorted(a.participants)]
    law = law_for(day, max(cut_overs))
    if not law.host_model_basis:
        raise NoHostModelBasis(law.notes[0])
    warnings = date_warnings(
        law, day, inputs.effective_from, f"{a.service} {inputs.service_name}", cut_overs
    )
    if inputs.amounts and inputs.budget_total_nok is not None:
        total = sum(inputs.amounts.values(), Decimal(0))
        if total != inputs.budget_total_nok:
            warnings += (
                f"Beløpene i vedlegg 1 summerer til {format_nok(total)}, men budsjettet er "
                f"{format_nok(inputs.budget_total_nok)}.",
            )
    members = sorted((inputs.municipalities[n] for n in a.participants), key=_name_key)
    names = join_names([m.name for m in members])
    service = wording.as_noun(inputs.service_name)
    return AgreementDraft(
        title=f"Avtale om {wording.form_name(a.legal_form)} om {service} mellom {names} kommuner",
        service=a.service,
        host=a.host,
        participants=tuple(m.number for m in members),
        names={m.number: m.name for m in members},
        numbers={m.number: inputs.numbers_then.get(m.number, m.number) for m in members},
        decided_on=day,
        effective_from=inputs.effective_from,
        legal_form=a.legal_form,
        law=law,
        sections=_sections(inputs, law, members),
        appendices=(_share_appendix(inputs, members), _personnel_appendix(inputs)),
        warnings=warnings,
    )


_Items = list[tuple[str, str | None]]  # (clause text, checklist point)


def _sections(
    inputs: AgreementInputs, law: LawRegime, members: list[Municipality]
) -> tuple[Section, ...]:
    """Numbered sections; the recommended ones appear only when filled in."""
    i, form = inputs, inputs.arrangement.legal_form
    host, key = i.municipalities[i.arrangement.host], i.cost_key
    board: _Items = [(wording.board_text(i.board_members_per_participant), "nemnd")]
    specs: list[tuple[str, _Items]] = [
        (
            "Parter og rettsgrunnlag",
            [
                (wording.participants_text(members, i.numbers_then), "a"),
                (wording.host_text(host, i.service_name), "b"),
                (wording.basis_text(law, form), None),
            ],
        ),
        (
            "Oppgaver og myndighet",
            [
                (wording.term_text("Oppgaver som overføres", i.tasks_text), "c"),
                *_references(i.catalogue),
                (wording.delegation_text(law, form), "c"),
                *(board if form is LegalForm.JOINT_BOARD else []),
                (wording.instruction_text(form), None),
            ],
        ),
        ("Overføring", [(wording.effective_text(i.effective_from), "d")]),
        ("Melding om vedtak", [(wording.informed_text(i.informed_decisions), "e")]),
        (
            "Økonomisk oppgjør",
            [
                (wording.cost_key_text(key) if key else missing("fordelingsnøkkel"), "f"),
                (wording.overhead_text(key.host_overhead_pct if key else Decimal(0)), "f"),
                (wording.budget_text(), "f"),
                *(
                    [(pass_through_text(i.catalogue.pass_through), "f")]
                    if i.catalogue.pass_through
                    else []
                ),
                (wording.akonto_text(i.akonto_frequency), "f"),
                (wording.settlement_text(i.settlement_terms), "f"),
            ],
        ),
        (
            "Uttreden",
            [
                (wording.withdrawal_text(law, i.notice_months), "g"),
                (wording.term_text("Økonomisk oppgjør ved uttreden", i.exit_cost_terms), "g"),
            ],
        ),
        (
            "Oppløsning",
            [
                (wording.dissolution_text(law), "h"),
                (wording.term_text("Eiendeler, ansatte og arkiv", i.dissolution_terms), "h"),
            ],
        ),
        ("Andre forhold etter lov", _legal_items(i)),
        ("Personell", [("Vilkårene for ansatte som overføres, står i vedlegg 2.", "personell")]),
    ]
    recommended: _Items = [
        (wording.optional_text(label, text), point)
        for label, text, point in (
            ("Rapportering og budsjettprosess", i.reporting_terms, "rapportering"),
            ("Arkiv", i.archive_terms, "arkiv"),
            ("Tvisteløsning", i.dispute_terms, "tvister"),
            ("Kontrollutvalg og tilsyn", i.control_terms, "kontrollutvalg"),
            ("Forsikring", i.insurance_terms, "forsikring"),
            ("Lisenser og innkjøp", i.licence_terms, "lisenser"),
        )
        if (text and text.strip()) or point != "arkiv" or not i.catalogue.clauses
    ]
    specs.append(("Styring, rapportering og andre avtalepunkter", recommended))
    closing: _Items = [(wording.adoption_text(law), None)]
    if i.may_join:
        closing.append((wording.accession_text(i.may_join), None))
    if i.review_on is not None:
        closing.append((f"Avtalen skal revideres innen {format_date(i.review_on)}.", "revisjon"))
    specs.append(("Ikrafttredelse og revisjon", closing))
    return tuple(
        Section(s, heading, tuple(Clause(f"{s}.{c}", t, p) for c, (t, p) in enumerate(items, 1)))
        for s, (heading, items) in enumerate(specs, 1)
    )


def _references(terms: ServiceTerms) -> _Items:
    """Point c: the special law the transferred tasks rest on, on the agreement's date."""
    if not terms.references:
        return []
    return [(f"Oppgavene og myndigheten følger av {join_names(list(terms.references))}.", "c")]


def _legal_items(i: AgreementInputs) -> _Items:
    """Point i: the service's clauses and the planners' own; open only when neither exists."""
    items: _Items = [(f"{heading}: {text}", "i") for heading, text in i.catalogue.clauses]
    if (i.other_legal_terms and i.other_legal_terms.strip()) or not items:
        items.append((wording.term_text("Lovkrav", i.other_legal_terms), "i"))
    return items


def _share_appendix(inputs: AgreementInputs, members: list[Municipality]) -> Appendix:
    """Appendix 1: each participant's share and amount for the budget year."""
    year = f" {inputs.budget_year}" if inputs.budget_year else ""
    key = f" «{inputs.cost_key.name}»" if inputs.cost_key else ""
    note = (
        f"Andelene er beregnet etter fordelingsnøkkelen{key}."
        if inputs.shares
        else f"Andeler: {missing('beregnede andeler for budsjettåret')}"
    )
    rows = tuple(
        ShareRow(
            m.number,
            m.name,
            inputs.shares.get(m.number),
            inputs.amounts.get(m.number),
            m.number == inputs.arrangement.host,
            inputs.numbers_then.get(m.number, ""),
        )
        for m in members
    )
    total = sum(inputs.amounts.values(), Decimal(0)) if inputs.amounts else None
    heading = f"Illustrasjon: hva nøkkelen gir for budsjettåret{year}"
    intro = (
        "Vedlegget viser hva fordelingsnøkkelen i punkt 5 gir med tallene for budsjettåret. "
        "Det er ikke en del av avtaleteksten kommunestyrene vedtar: et nytt budsjett endrer "
        f"beløpene uten at avtalen må vedtas på nytt. {note}"
    )
    clauses = (Clause("V1.1", intro),)
    return Appendix(1, heading, clauses, rows, total, illustration=True)


def _personnel_appendix(inputs: AgreementInputs) -> Appendix:
    """Appendix 2: staff transfer under arbeidsmiljøloven ch. 16 and the personnel policy."""
    host = inputs.municipalities[inputs.arrangement.host]
    texts = wording.personnel_texts(inputs.policy, inputs.reservation_days, f"{host.name} kommune")
    clauses = tuple(Clause(f"V2.{n}", t, "personell") for n, t in enumerate(texts, 1))
    return Appendix(2, "Personalvilkår", clauses)


def _name_key(m: Municipality) -> str:
    """Norwegian alphabetical order (Æ, Ø, Å after Z)."""
    return m.name.lower().translate(_NORWEGIAN_ORDER)


def checklist(source: AgreementInputs | AgreementDraft) -> tuple[ChecklistItem, ...]:
    """§ 20-4 points a–i (+ board size under § 20-3) and the recommended points.

    Read from the draft's clauses: filled when the point has clauses and no placeholder.
    """
    draft = source if isinstance(source, AgreementDraft) else build_draft(source)
    by_point: dict[str, list[Clause]] = {}
    for clause in draft.clauses():
        if clause.point:
            by_point.setdefault(clause.point, []).append(clause)
    items = []
    for letter, label, mandatory in POINTS:
        if letter == "nemnd" and draft.legal_form is not LegalForm.JOINT_BOARD:
            continue
        clauses = by_point.get(letter, [])
        gaps = [gap for c in clauses for gap in _GAP.findall(c.text)]
        if not mandatory and any(PROMPT_MARK in c.text for c in clauses):
            items.append(ChecklistItem(letter, label, False, "Ikke fylt ut (råd).", mandatory))
            continue
        if gaps:
            detail = f"Mangler: {', '.join(dict.fromkeys(gaps))}."
        elif clauses:
            detail = f"Fylt ut i punkt {', '.join(c.number for c in clauses)}."
        else:
            detail = "Ikke fylt ut."
        items.append(ChecklistItem(letter, label, bool(clauses) and not gaps, detail, mandatory))
    return tuple(items)


def missing_checklist_points(
    source: AgreementInputs | AgreementDraft,
) -> tuple[ChecklistItem, ...]:
    """The mandatory points not filled in (empty when the draft may go to the councils)."""
    return tuple(item for item in checklist(source) if item.mandatory and not item.filled)


def mark_ready(draft: AgreementDraft) -> AgreementDraft:
    """Mark the draft «klar til vedtak», or raise naming every missing mandatory point."""
    lacking = missing_checklist_points(draft)
    if lacking:
        raise NotReadyForAdoption(lacking)
    return replace(draft, status=DraftStatus.READY)
