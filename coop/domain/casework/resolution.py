"""«Forslag til vedtak»: one resolution text for every council in the package.

Pure domain. The councils must adopt identical resolutions (kommuneloven § 20-4; 1992:
§ 28 e), so nothing here depends on which council reads it: the text lists every agreement
with its parties, says each council adopts those it is party to, gives the delegation
instruction of the administrative model (§ 20-2; 1992 act § 28 b, numbered by date) and
repeats the package condition when the project has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coop.domain.agreements.law import LawRegime, join_names
from coop.domain.model import LegalForm


@dataclass(frozen=True, slots=True)
class PackageAgreement:
    """One agreement of the package as the resolution and the attachment list name it."""

    attachment: int  # «vedlegg N»
    title: str
    service_name: str
    host_name: str
    party_names: tuple[str, ...]
    legal_form: LegalForm
    version: int | None  # newest saved version; None: not saved yet (the draft as printed)
    status: str  # «utkast» or «klar til vedtak»

    @property
    def label(self) -> str:
        """«Vedlegg 1: Avtale om … (versjon 3)», as the resolution and the case name it."""
        version = f"versjon {self.version}" if self.version else "ikke lagret versjon"
        return f"Vedlegg {self.attachment}: {self.title} ({version})"


@dataclass(frozen=True, slots=True)
class ResolutionPoint:
    """A numbered point of the proposed resolution, with optional listed items."""

    number: int
    text: str
    items: tuple[str, ...] = ()


def resolution(
    agreements: Sequence[PackageAgreement], law: LawRegime, condition: str = ""
) -> tuple[ResolutionPoint, ...]:
    """The proposed resolution, word for word the same for every council of the package."""
    chief, act = law.chief_definite, law.act
    points: list[tuple[str, tuple[str, ...]]] = [
        (
            "Kommunestyret vedtar samarbeidsavtalene nedenfor for de tjenestene kommunen er part "
            "i, med samme tekst som de andre deltakerkommunene:",
            tuple(
                f"{a.label}. Vertskommune: {a.host_name}. "
                f"Parter: {join_names(list(a.party_names))}."
                for a in agreements
            ),
        )
    ]
    if any(a.legal_form is LegalForm.ADMINISTRATIVE for a in agreements):
        points.append(
            (
                f"For avtalene om administrativt vertskommunesamarbeid gir kommunestyret "
                f"{chief} instruks om å delegere til {chief} i vertskommunen myndighet til å "
                "treffe vedtak i enkeltsaker eller typer av saker som ikke har prinsipiell "
                "betydning, innenfor de oppgavene avtalen overfører "
                f"({act} {law.ref('20-2')}). Instruksen gjelder ikke avtaler der kommunen selv "
                "er vertskommune.",
                (),
            )
        )
    if any(a.legal_form is LegalForm.JOINT_BOARD for a in agreements):
        points.append(
            (
                "For avtalene med felles folkevalgt nemnd delegerer kommunestyret til nemnda "
                "myndighet til å treffe vedtak innenfor de oppgavene avtalen overfører "
                f"({act} {law.ref('20-3')}).",
                (),
            )
        )
    if condition.strip():
        points.append((condition.strip(), ()))
    points.append(
        (
            "Avtalene gjelder når kommunestyrene i alle deltakerkommunene har vedtatt dem med "
            "likelydende tekst. Ordføreren undertegner avtalene kommunen er part i.",
            (),
        )
    )
    if not act.endswith("1992"):  # the 1992 act's notice duty is not verified (domain § 2.6)
        points.append(
            (
                f"Vertskommunen melder samarbeidet til {law.state_office} når alle "
                "kommunestyrene har vedtatt avtalene.",
                (),
            )
        )
    return tuple(ResolutionPoint(n, text, items) for n, (text, items) in enumerate(points, 1))


def resolution_text(points: Sequence[ResolutionPoint]) -> str:
    """The resolution as plain text, one point a paragraph: for comparing councils' texts."""
    lines = []
    for p in points:
        lines.append(f"{p.number}. {p.text}")
        lines += [f"   - {item}" for item in p.items]
    return "\n".join(lines) + "\n"
