"""Law by date for host-municipality agreements, and the bokmål formats they print with.

Pure domain (stdlib and ``coop.domain.model``). Picks the 1992 or 2018 act, section references
and titles (rådmann/kommunedirektør, fylkesmannen/statsforvalteren) from the agreement's date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from coop.domain.errors import require
from coop.domain.formatting import format_date

HOST_MODEL_FROM = date(2007, 1, 1)  # kommuneloven 1992 ch. 5 §§ 28 a–k (Ot.prp. nr. 95 (2005–2006))
RENUMBERING_ACT_ON = date(2012, 5, 25)  # lov 25. mai 2012 nr. 28 (samkommune mv.)
RENUMBERED_FROM = date(2013, 7, 1)  # in force by res. 25.5.2012 nr. 449; the day is «verifiser»
DEFAULT_NEW_ACT_FROM = date(2020, 1, 1)  # simplification: 2018 act for everyone from 1.1.2020
EARLIEST_NEW_ACT_FROM = date(2019, 9, 1)  # constituent meetings ran 3 Oct – 1 Nov 2019
STATSFORVALTER_FROM = date(2021, 1, 1)  # renamed by kgl.res. 18.12.2020
TAX_COLLECTION_TO_STATE = date(2020, 11, 1)  # skatteoppkreving moved to Skatteetaten
NBSP = "\u00a0"
_TAX_SERVICE = re.compile(r"skatt|kemner")
MISSING = "[MANGLER: {}]"


@dataclass(frozen=True, slots=True)
class LawRegime:
    """The act, sections and titles an agreement must use on its date."""

    act: str
    citation: str
    chapter: str
    section_refs: Mapping[str, str] = field(default_factory=dict)
    chief_title: str = "kommunedirektør"
    state_office: str = "statsforvalteren"
    host_model_basis: bool = True
    notes: tuple[str, ...] = ()

    @property
    def chief_definite(self) -> str:
        """Definite form, e.g. «rådmannen», as used in the clauses."""
        return f"{self.chief_title}en"

    def ref(self, key: str) -> str:
        """Section reference such as «§ 20-2», or the chapter when no section is verified."""
        return self.section_refs.get(key, self.chapter)


# 1992: only the verified equivalents (domain.md §2.6); the other letters are unverified.
_REFS_1992_CH5 = {"basis": "§ 28 a", "20-2": "§ 28 b", "20-3": "§ 28 c", "agreement": "§ 28 e"}
_REFS_1992 = {"basis": "§ 28-1 a", "20-2": "§ 28-1 b", "20-3": "§ 28-1 c", "agreement": "§ 28-1 e"}
_REFS_2018 = {
    "basis": "§ 20-1",
    "20-2": "§ 20-2",
    "20-3": "§ 20-3",
    "agreement": "§ 20-4",
    "withdrawal": "§ 20-8",
    "dissolution": "§ 20-8",
}


@dataclass(frozen=True, slots=True)
class LawPeriod:
    """One row of the law-by-date table: the host model's place in the act, with its source."""

    valid_from: date
    valid_to: date | None  # last day; None while in force
    act: str
    chapter: str
    section_refs: Mapping[str, str]
    source: str
    verified: bool  # False: the boundary dates are «verifiser»


_ACT_1992 = "kommuneloven 1992"
_ACT_2018 = "kommuneloven"
LAW_TABLE: tuple[LawPeriod, ...] = (
    LawPeriod(
        HOST_MODEL_FROM,
        RENUMBERED_FROM - timedelta(days=1),
        _ACT_1992,
        "kapittel 5",
        _REFS_1992_CH5,
        "Ot.prp. nr. 95 (2005–2006), merknad til ny § 28 a og §§ 28 b–28 k; KRDs veileder "
        "«Vertskommunemodellen i kommuneloven § 28 a flg.». Ikrafttredelse 1.1.2007: verifiser "
        "dagen mot Lovdata.",
        False,
    ),
    LawPeriod(
        RENUMBERED_FROM,
        None,  # until each council's constituent meeting in autumn 2019 (per municipality)
        _ACT_1992,
        "kapittel 5 A",
        _REFS_1992,
        "Lov 25. mai 2012 nr. 28 om endringar i kommunelova m.m. (samkommune mv.), Prop. 49 L "
        "(2011–2012) og Innst. 266 L (2011–2012): ny kapittel 5 B (samkommune), vertskommune i "
        "kapittel 5 A som §§ 28-1 a–k. Ikraftsetting ved res. 25. mai 2012 nr. 449 (Norsk "
        "Lovtidend avd. I 2012 hefte 6); at dagen er 1.7.2013, er ikke lest i kilden: verifiser.",
        False,
    ),
    LawPeriod(
        DEFAULT_NEW_ACT_FROM,
        None,
        _ACT_2018,
        "kapittel 20",
        _REFS_2018,
        "LOV-2018-06-22-83 §§ 20-1–20-10, i kraft fra kommunestyrets konstituerende møte høsten "
        "2019 (res. 20. desember 2018 nr. 2062).",
        True,
    ),
)


def law_period(decided_on: date) -> LawPeriod:
    """The 1992-act row of the law table for a date from 1.1.2007 until the 2019 cut-over."""
    return LAW_TABLE[0] if decided_on < RENUMBERED_FROM else LAW_TABLE[1]


def law_for(decided_on: date, new_act_from: date | None = None) -> LawRegime:
    """Pick the act, section references and titles in force on the agreement's date.

    ``new_act_from`` is the day the 2018 act applied (the council's constituent meeting in
    autumn 2019). Without it we use 1.1.2020 for everyone: a documented simplification.
    """
    if new_act_from is not None:
        require(
            EARLIEST_NEW_ACT_FROM <= new_act_from <= DEFAULT_NEW_ACT_FROM,
            f"Ny kommunelov kan ikke ha tatt til å gjelde {format_date(new_act_from)}: "
            "datoen må ligge mellom 1.9.2019 og 1.1.2020.",
        )
    cut_over = new_act_from or DEFAULT_NEW_ACT_FROM
    if decided_on < HOST_MODEL_FROM:
        return LawRegime(
            act="kommuneloven 1992",
            citation="lov 25. september 1992 nr. 107 om kommuner og fylkeskommuner",
            chapter="",
            chief_title="rådmann",
            state_office="fylkesmannen",
            host_model_basis=False,
            notes=(
                f"Før 1.1.2007 fantes ingen generell lovhjemmel for vertskommunesamarbeid "
                f"(avtaledato {format_date(decided_on)}). Bruk et styre etter § 27, særlov "
                "eller IKS-loven.",
            ),
        )
    if decided_on < cut_over:
        period = law_period(decided_on)
        agreement = period.section_refs["agreement"]
        notes = [
            "Sjekklisten følger punktene a–i i kommuneloven 2018 § 20-4. At 1992-lovens "
            f"{agreement} stiller de samme kravene, er ikke kontrollert mot Lovdata.",
        ]
        if RENUMBERING_ACT_ON <= decided_on < RENUMBERED_FROM + timedelta(days=31):
            notes.append(
                f"Avtaledatoen {format_date(decided_on)} ligger nær omnummereringen av "
                "vertskommunereglene (lov 25. mai 2012 nr. 28: § 28 a–k i kapittel 5 ble "
                "§ 28-1 a–k i kapittel 5 A). coop regner med at den gjaldt fra 1.7.2013; "
                "verifiser datoen mot Lovdata før avtalen legges fram."
            )
        return LawRegime(
            act=period.act,
            citation="lov 25. september 1992 nr. 107 om kommuner og fylkeskommuner",
            chapter=period.chapter,
            section_refs=period.section_refs,
            chief_title="rådmann",
            state_office="fylkesmannen",
            notes=tuple(notes),
        )
    return LawRegime(
        act="kommuneloven",
        citation="lov 22. juni 2018 nr. 83 om kommuner og fylkeskommuner (kommuneloven)",
        chapter="kapittel 20",
        section_refs=_REFS_2018,
        chief_title="kommunedirektør",
        state_office="statsforvalteren" if decided_on >= STATSFORVALTER_FROM else "fylkesmannen",
    )


def date_warnings(
    law: LawRegime,
    decided_on: date,
    effective_from: date | None,
    service_label: str,
    cut_overs: Sequence[date],
) -> tuple[str, ...]:
    """Warnings tied to dates: the 2019 cut-over, a late-dated transfer, tax collection."""
    warnings = list(law.notes)
    if min(cut_overs) <= decided_on < max(cut_overs):
        warnings.append(
            f"Per {format_date(decided_on)} gjaldt ny kommunelov for noen av deltakerne, men "
            "ikke alle. Utkastet bruker kommuneloven 1992."
        )
    elif EARLIEST_NEW_ACT_FROM <= decided_on < DEFAULT_NEW_ACT_FROM == max(cut_overs):
        warnings.append(
            "Ny kommunelov gjaldt fra kommunestyrets konstituerende møte høsten 2019. Uten "
            "oppgitt dato per kommune bruker coop 1.1.2020 (forenkling)."
        )
    if effective_from is not None and effective_from < decided_on:
        warnings.append(
            f"Overføringsdatoen {format_date(effective_from)} ligger før avtaledatoen "
            f"{format_date(decided_on)}."
        )
    latest = max(decided_on, effective_from or decided_on)
    if _TAX_SERVICE.search(service_label.lower()) and latest >= TAX_COLLECTION_TO_STATE:
        warnings.append(
            "Skatteoppkreving ble overført til Skatteetaten 1.11.2020. Etter denne datoen kan "
            "samarbeidet bare gjelde kommunal innfordring (særnamsmann), f.eks. eiendomsskatt "
            "og kommunale gebyrer. Kontroller oppgavene i punkt 2.1."
        )
    return tuple(warnings)


# ---------------------------------------------------------------- formatting (bokmål)


def join_names(names: Sequence[str]) -> str:
    """«A», «A og B», «A, B og C»."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"


def missing(what: str) -> str:
    """Placeholder printed in the draft where a mandatory point is not filled in."""
    return MISSING.format(what)
