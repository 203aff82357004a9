"""What the service catalogue puts into an agreement: § 20-4 (c), special law, special clauses.

Pure domain. The catalogue holds one text per service; an agreement needs the wording of its
own date: the chief executive's title (rådmann before the 2018 act), the state office
(fylkesmannen before 2021), the personal-data act before or after 20.7.2018, and only the
legal references in force that day. Unverified references keep their «verifiser» mark.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from coop.domain.agreements.law import LawRegime
from coop.domain.catalogue import CatalogueEntry

GDPR_FROM = date(2018, 7, 20)  # personvernforordningen in Norwegian law (catalogue source)
SPECIAL_LAW = "saerlov"
_CLAUSE_ORDER = (
    "taushetsplikt",
    "personopplysninger_for_20180720",
    "personopplysninger_fra_20180720",
    "databehandleravtale",
    "tilgangsstyring",
    "arkivansvar",
    "tilbakelevering_ved_opphor",
    "klageinstans",
)
_TOPIC_HEADINGS = {
    "taushetsplikt": "Taushetsplikt",
    "personopplysninger_for_20180720": "Personopplysninger",
    "personopplysninger_fra_20180720": "Personopplysninger",
    "databehandleravtale": "Personopplysninger",
    "tilgangsstyring": "Tilgangsstyring",
    "arkivansvar": "Arkiv",
    "tilbakelevering_ved_opphor": "Tilbakelevering av saker",
    "klageinstans": "Klage",
}


@dataclass(frozen=True, slots=True)
class ServiceTerms:
    """The catalogue's contribution to one agreement on one date (plain text, snapshot-safe)."""

    tasks: str = ""  # default § 20-4 (c) text; the agreement's own text replaces it
    references: tuple[str, ...] = ()  # special law the tasks rest on, in force on the date
    clauses: tuple[tuple[str, str], ...] = ()  # (heading, text) for taushetsplikt, GDPR …
    pass_through: tuple[str, ...] = ()  # KOSTRA functions charged to the home municipality
    unverified: tuple[str, ...] = ()  # references in force on the date still «verifiser»


def service_terms(entries: Sequence[CatalogueEntry], law: LawRegime, on: date) -> ServiceTerms:
    """The catalogue texts for the entries a service covers, worded for ``on``.

    A project's service may cover more than one catalogue entry (the demo's «Regnskap og
    lønn»); their texts are joined in the order given.
    """
    if not entries:
        return ServiceTerms()
    tasks = " ".join(dated_wording(e.tasks_text, law, on) for e in entries if e.tasks_text)
    references: list[str] = []
    unverified: list[str] = []
    for entry in entries:
        for basis in entry.legal_bases_on(on):
            if basis.kind == SPECIAL_LAW and basis.reference not in references:
                references.append(basis.reference)
            if not basis.verified and basis.reference not in unverified:
                unverified.append(basis.reference)
    topics: dict[str, str] = {}
    for entry in entries:
        for clause in entry.special_clauses:
            if clause.topic == "personopplysninger_for_20180720" and on >= GDPR_FROM:
                continue
            if clause.topic == "personopplysninger_fra_20180720" and on < GDPR_FROM:
                continue
            topics.setdefault(clause.topic, dated_wording(clause.text, law, on))
    order = {t: i for i, t in enumerate(_CLAUSE_ORDER)}
    clauses = tuple(
        (_TOPIC_HEADINGS.get(t, t.replace("_", " ").capitalize()), topics[t])
        for t in sorted(topics, key=lambda t: (order.get(t, len(order)), t))
    )
    functions = tuple(dict.fromkeys(f for e in entries for f in e.pass_through_functions))
    return ServiceTerms(tasks, tuple(references), clauses, functions, tuple(unverified))


def dated_wording(text: str, law: LawRegime, on: date) -> str:
    """Catalogue text with the titles and names of the agreement's own date.

    The catalogue writes today's titles («kommunedirektør», «statsforvalteren (før 2021
    fylkesmannen)»); a 2007 agreement must say «rådmann» and «fylkesmannen».
    """
    out = text
    for both in (
        "statsforvalteren (før 1.1.2021 fylkesmannen)",
        "statsforvalteren (før 2021 fylkesmannen)",
    ):
        out = out.replace(both, law.state_office)
    for both in (
        "Statsforvalteren (før 1.1.2021 fylkesmannen)",
        "Statsforvalteren (før 2021 fylkesmannen)",
    ):
        out = out.replace(both, law.state_office.capitalize())
    if law.chief_title != "kommunedirektør":
        out = out.replace("kommunedirektør", law.chief_title)
    if law.act.endswith("1992"):
        out = out.replace(" (barneverns- og helsenemnda)", "")
    for old, new in _DATED:
        out = out.replace(old, new(on))
    return out


def _before(day: date, before: str, after: str) -> Callable[[date], str]:
    return lambda on: before if on < day else after


# Catalogue phrases that name both periods; the agreement keeps the one of its date.
_DATED: tuple[tuple[str, Callable[[date], str]], ...] = (
    ("For avtaler inngått før 20.7.2018: s", lambda on: "S"),
    ("Fra 20.7.2018: s", lambda on: "S"),
    (
        "arkivlova 1992 § 6; fra 1.1.2026 arkivlova 2025 §§ 5, 7 og 10",
        _before(date(2026, 1, 1), "arkivlova 1992 § 6", "arkivlova 2025 §§ 5, 7 og 10"),
    ),
    (
        "barnevernloven 1992 § 6-7 / barnevernsloven 2021 kap. 13",
        _before(date(2023, 1, 1), "barnevernloven 1992 § 6-7", "barnevernsloven 2021 kap. 13"),
    ),
    (" (koml. § 20-4 bokstav g/h)", lambda on: ""),
)


def pass_through_text(functions: Sequence[str]) -> str:
    """Point f: measures the key does not split, charged to the user's home municipality."""
    listed = " og ".join(functions) if len(functions) <= 2 else ", ".join(functions)
    whose = "barnets" if {"251", "252"} & set(functions) else "brukerens"
    return (
        f"Utgifter til tiltak for den enkelte (KOSTRA-funksjon {listed}) fordeles ikke etter "
        f"fordelingsnøkkelen. De belastes {whose} hjemkommune direkte, og vertskommunen "
        "fakturerer dem særskilt."
    )
