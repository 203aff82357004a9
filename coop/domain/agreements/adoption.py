"""Agreement versions and council adoption: «likelydende vedtak» tracked by text hash.

Pure domain: stdlib and ``coop`` domain modules only. Every council must adopt the same
text, so adoption is recorded against the hash of the draft's canonical text; any change
(a new participant included) gives a new hash that all councils must adopt again.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coop.domain.agreements.draft import POINTS, AgreementDraft, ShareRow
from coop.domain.agreements.law import (
    STATSFORVALTER_FROM,
    join_names,
    missing,
)
from coop.domain.errors import CoopError, require
from coop.domain.formatting import format_date, format_nok, format_share
from coop.domain.model import check_municipality_number

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def canonical_text(draft: AgreementDraft) -> str:
    """The text councils adopt, one clause per line; whitespace normalised, status left out."""
    lines = [draft.title, f"Rettsgrunnlag: {draft.law.act} {draft.law.chapter}"]
    for section in draft.sections:
        lines.append(f"§ {section.number} {section.heading}")
        lines += [f"{c.number} {_one_line(c.text)}" for c in section.clauses]
    for appendix in draft.appendices:
        if appendix.illustration:  # yearly kroner: a new budget must not need new adoption
            continue
        lines.append(f"Vedlegg {appendix.number} {appendix.heading}")
        lines += [f"{c.number} {_one_line(c.text)}" for c in appendix.clauses]
        lines += [f"V{appendix.number} {_row_text(row)}" for row in appendix.rows]
        if appendix.total_nok is not None:
            lines.append(f"V{appendix.number} Sum: {format_nok(appendix.total_nok)}")
    return "\n".join(lines) + "\n"


def _row_text(row: ShareRow) -> str:
    share = format_share(row.share) if row.share is not None else missing("andel")
    amount = format_nok(row.amount_nok) if row.amount_nok is not None else "beløp ikke beregnet"
    host = " (vertskommune)" if row.is_host else ""
    return f"{row.printed_number} {row.name}{host}: {share}, {amount}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def content_hash(draft: AgreementDraft) -> str:
    """SHA-256 (hex) of the canonical text: the version every council must adopt."""
    return hashlib.sha256(canonical_text(draft).encode("utf-8")).hexdigest()


def diff_versions(
    old_text: str, new_text: str, old_label: str = "forrige versjon", new_label: str = "ny versjon"
) -> str:
    """Unified diff of two canonical texts, clause by clause; empty when they are equal."""
    lines = difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), old_label, new_label, n=1, lineterm=""
    )
    return "\n".join(lines)


def changed_points(old: AgreementDraft, new: AgreementDraft) -> tuple[str, ...]:
    """Checklist points whose clauses (or share rows, point f) differ, in checklist order."""

    def by_point(draft: AgreementDraft) -> dict[str, list[str]]:
        texts: dict[str, list[str]] = {}
        for clause in draft.adopted_clauses():
            if clause.point:
                texts.setdefault(clause.point, []).append(_one_line(clause.text))
        return texts

    before, after = by_point(old), by_point(new)
    return tuple(p for p, _, _ in POINTS if before.get(p) != after.get(p))


class NotFullyAdopted(CoopError):
    """The notice to the state office needs identical adoption by every council first."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(
            "Avtalen er ikke vedtatt likelydende av alle kommunestyrene. Mangler vedtak av "
            f"gjeldende versjon fra {join_names(list(names))}."
        )
        self.names = tuple(names)


class AdoptionBody(StrEnum):
    """Which body decided: the formannskap prepares, only the kommunestyre adopts."""

    FORMANNSKAP = "formannskap"
    KOMMUNESTYRE = "kommunestyre"


class Outcome(StrEnum):
    """The outcome of one meeting's treatment of the agreement."""

    ADOPTED = "vedtatt"
    ADOPTED_WITH_CHANGES = "vedtatt med endringer"  # another text: not the agreement's hash
    REJECTED = "ikke vedtatt"
    POSTPONED = "utsatt"


@dataclass(frozen=True, slots=True)
class Adoption:
    """One body's decision on one version (hash) of the agreement."""

    participant: str
    body: AdoptionBody
    meeting_date: date
    case_number: str
    outcome: Outcome
    version_hash: str

    def __post_init__(self) -> None:
        check_municipality_number(self.participant)
        require(
            bool(self.case_number.strip()),
            f"Vedtaket i {self.participant} {format_date(self.meeting_date)} mangler saksnummer.",
        )
        require(
            bool(_SHA256.match(self.version_hash)),
            f"«{self.version_hash}» er ikke en gyldig versjonsnøkkel (SHA-256).",
        )


@dataclass(frozen=True, slots=True)
class AdoptionStatus:
    """Who has adopted the current version; complete only when every council has."""

    complete: bool
    adopted_by: tuple[str, ...]
    missing: tuple[str, ...]  # every participant without adoption of the current version
    stale: tuple[str, ...]  # the subset of ``missing`` that adopted an older version
    rejected: tuple[str, ...]  # the subset of ``missing`` whose council voted it down
    amended: tuple[str, ...] = ()  # the subset of ``missing`` that adopted it with changes
    postponed: tuple[str, ...] = ()  # the subset of ``missing`` whose council postponed it


@dataclass(frozen=True, slots=True)
class AgreementVersion:
    """A saved draft: its number, content hash, canonical text and participants."""

    number: int
    content_hash: str
    text: str
    participants: tuple[str, ...]
    saved_on: date


def save_version(
    history: Sequence[AgreementVersion], draft: AgreementDraft, saved_on: date
) -> AgreementVersion:
    """The version for this draft: the latest one if the text is unchanged, else a new one."""
    digest = content_hash(draft)
    if history and history[-1].content_hash == digest:
        return history[-1]
    number = history[-1].number + 1 if history else 1
    return AgreementVersion(number, digest, canonical_text(draft), draft.participants, saved_on)


def version_diff(old: AgreementVersion, new: AgreementVersion) -> str:
    """Readable unified diff between two saved versions, clause by clause."""
    return diff_versions(old.text, new.text, f"versjon {old.number}", f"versjon {new.number}")


def adoption_status(
    participants: Iterable[str], adoptions: Iterable[Adoption], current_hash: str
) -> AdoptionStatus:
    """Likelydende vedtak: every participating council adopted the current version.

    Only kommunestyre decisions count. For each participant the latest council decision on
    the current hash decides, except that a postponement after an adoption changes nothing.
    «Vedtatt med endringer» is not an adoption of this text: the council adopted another one.
    """
    members = tuple(sorted(set(participants)))
    council = sorted(
        (a for a in adoptions if a.body is AdoptionBody.KOMMUNESTYRE and a.participant in members),
        key=lambda a: a.meeting_date,
    )
    latest: dict[str, Outcome] = {}
    older: set[str] = set()
    for a in council:
        if a.version_hash == current_hash:
            kept = a.outcome is Outcome.POSTPONED and latest.get(a.participant) is Outcome.ADOPTED
            if not kept:
                latest[a.participant] = a.outcome
        elif a.outcome is Outcome.ADOPTED:
            older.add(a.participant)
    adopted = tuple(m for m in members if latest.get(m) is Outcome.ADOPTED)
    missing = tuple(m for m in members if m not in adopted)

    def having(outcome: Outcome) -> tuple[str, ...]:
        return tuple(m for m in missing if latest.get(m) is outcome)

    return AdoptionStatus(
        complete=bool(members) and not missing,
        adopted_by=adopted,
        missing=missing,
        stale=tuple(m for m in missing if m in older),
        rejected=having(Outcome.REJECTED),
        amended=having(Outcome.ADOPTED_WITH_CHANGES),
        postponed=having(Outcome.POSTPONED),
    )


def participant_state(number: str, status: AdoptionStatus) -> str:
    """Where one council stands on the current version, in bokmål words for pages and tests."""
    for members, state in (
        (status.adopted_by, Outcome.ADOPTED.value),
        (status.rejected, Outcome.REJECTED.value),
        (status.amended, Outcome.ADOPTED_WITH_CHANGES.value),
        (status.postponed, Outcome.POSTPONED.value),
        (status.stale, "vedtok en eldre versjon"),
    ):
        if number in members:
            return state
    return "ikke behandlet"


def _adopting_decisions(
    draft: AgreementDraft, adoptions: Iterable[Adoption], digest: str
) -> list[Adoption]:
    """The council adoptions of this exact draft, one per participant; raise if any is missing."""
    adoptions = list(adoptions)
    status = adoption_status(draft.participants, adoptions, digest)
    if not status.complete:
        raise NotFullyAdopted([draft.names[n] for n in status.missing])
    chosen: dict[str, Adoption] = {}
    for a in sorted(adoptions, key=lambda a: a.meeting_date):
        if (
            a.version_hash == digest
            and a.body is AdoptionBody.KOMMUNESTYRE
            and a.outcome is Outcome.ADOPTED
            and a.participant in draft.names
        ):
            chosen[a.participant] = a
    return [chosen[n] for n in draft.participants]


def statsforvalter_notice(
    draft: AgreementDraft, adoptions: Iterable[Adoption], version_hash: str | None = None
) -> str:
    """The host's notice of the cooperation to the state office, once every council adopted.

    The office is «Fylkesmannen» when the last council met before 1.1.2021, else
    «Statsforvalteren». ``version_hash`` is the stored hash of the adopted text (defaults to
    the draft's own), so a saved version keeps its identity even if the wording code changes.
    """
    digest = version_hash or content_hash(draft)
    decisions = _adopting_decisions(draft, adoptions, digest)
    office = _state_office(max(a.meeting_date for a in decisions)).capitalize()
    host = draft.names[draft.host]
    members = join_names([f"{draft.names[n]} ({draft.number(n)})" for n in draft.participants])
    section = draft.law.ref(draft.legal_form.value)
    lines = [
        f"Til {office}",
        "",
        f"Melding om vertskommunesamarbeid: {draft.title}",
        "",
        f"{host} kommune er vertskommune i samarbeidet, som er inngått etter {draft.law.act} "
        f"{section}. Deltakere er {members}.",
        "",
        "Samarbeidsavtalen er vedtatt med likelydende tekst av kommunestyrene:",
        *(
            f"- {draft.names[a.participant]} kommunestyre {format_date(a.meeting_date)}, "
            f"sak {a.case_number.strip()}"
            for a in decisions
        ),
        "",
    ]
    if draft.effective_from is not None:
        lines.append(
            f"Oppgavene overføres til vertskommunen fra og med {format_date(draft.effective_from)}."
        )
    lines += [
        f"Vedtatt avtaleversjon (SHA-256): {digest}",
        "Avtalen følger vedlagt.",
        "",
        "Med hilsen",
        f"{host} kommune",
    ]
    return "\n".join(lines) + "\n"


def publication_reminder(
    draft: AgreementDraft, adoptions: Iterable[Adoption], version_hash: str | None = None
) -> str:
    """Reminder, after full adoption, to publish the adopted text in every participant."""
    digest = version_hash or content_hash(draft)
    decisions = _adopting_decisions(draft, adoptions, digest)
    last = max(a.meeting_date for a in decisions)
    names = join_names([draft.names[n] for n in draft.participants])
    return (
        f"Avtalen «{draft.title}» ble vedtatt likelydende av alle kommunestyrene "
        f"(siste vedtak {format_date(last)}). Husk å publisere den vedtatte teksten "
        f"(versjon {digest[:12]}) på nettsidene til {names}, og å sende "
        f"meldingen til {_state_office(last)}."
    )


def _state_office(day: date) -> str:
    """«statsforvalteren» from 1.1.2021, «fylkesmannen» before."""
    return "statsforvalteren" if day >= STATSFORVALTER_FROM else "fylkesmannen"
