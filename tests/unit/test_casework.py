"""The council case package in the domain: one resolution for all, the package tracker.

Expected texts are written by hand from the law table (1992 act § 28 b for 24.05.2007, the
2018 act § 20-2 for 2026) and the seed (Salangen's condition), never copied from output.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from coop.domain.agreements.adoption import (
    Adoption,
    AdoptionBody,
    Outcome,
    adoption_status,
    participant_state,
)
from coop.domain.agreements.law import law_for
from coop.domain.casework.package import PackageItem, package_status
from coop.domain.casework.resolution import PackageAgreement, resolution, resolution_text
from coop.domain.casework.saksframlegg import CaseInputs, EconomyLine, OptionLine, build_case
from coop.domain.model import LegalForm

GRATANGEN, LAVANGEN, SALANGEN, IBESTAD = "5516", "5518", "5522", "5514"
NAMES = {GRATANGEN: "Gratangen", LAVANGEN: "Lavangen", SALANGEN: "Salangen", IBESTAD: "Ibestad"}
CONDITION = (
    "Vedtaket forutsetter at samtlige deltakerkommuner fatter likelydende vedtak i alle sakene "
    "i pakken. Hvis så ikke skjer, kan hver kommune ta opp alle sakene til ny behandling."
)
H1, H2 = "a" * 64, "b" * 64


def _agreements() -> tuple[PackageAgreement, ...]:
    three = ("Gratangen", "Lavangen", "Salangen")
    return (
        PackageAgreement(1, "Avtale om barnevern", "Barnevern", "Salangen", three,
                         LegalForm.ADMINISTRATIVE, 2, "klar til vedtak"),
        PackageAgreement(2, "Avtale om IKT-drift", "IKT-drift", "Salangen",
                         ("Gratangen", "Ibestad", "Lavangen", "Salangen"),
                         LegalForm.ADMINISTRATIVE, None, "utkast"),
    )  # fmt: skip


def _inputs(name: str, number: str, on: date, condition: str = CONDITION) -> CaseInputs:
    return CaseInputs(
        project_name="Samarbeidsprosjektet",
        scenario="Ordførergruppens forslag",
        number=number,
        name=name,
        on=on,
        law=law_for(on),
        background=("Bakgrunnen.",),
        proposal="",
        options=(
            OptionLine(
                "Ordførergruppens forslag",
                (("Barnevern", "Salangen"),),
                Decimal(908000),
                Decimal(-1909946),
                Decimal(-520023),
                Decimal("-1.6"),
                True,
            ),
        ),  # fmt: skip
        optimiser=None,
        optimiser_note="",
        policy=None,
        economy=(
            EconomyLine(
                "Barnevern",
                "Salangen",
                "Folketall",
                Decimal(2126000),
                Decimal("1999643.6"),
                None,
                0,
                Decimal(1234567),
                date(2008, 6, 1),
            ),
        ),  # fmt: skip
        unsplit=(),
        budget_year=2026,
        baseline_year=2025,
        agreements=_agreements(),
        condition=condition,
        not_party=(),
    )


def test_the_2007_resolution_cites_the_1992_act_by_its_2007_numbering_and_the_condition() -> None:
    points = resolution(_agreements(), law_for(date(2007, 5, 24)), CONDITION)
    text = resolution_text(points)
    assert "gir kommunestyret rådmannen instruks om å delegere til rådmannen i vertskommunen" in (
        text
    )
    assert "(kommuneloven 1992 § 28 b)" in text
    assert "28-1" not in text
    assert "20-2" not in text
    assert CONDITION in text
    assert "Vedlegg 1: Avtale om barnevern (versjon 2). Vertskommune: Salangen." in text
    assert "Vedlegg 2: Avtale om IKT-drift (ikke lagret versjon)." in text
    assert "fylkesmannen" not in text  # the 1992 act's notice duty is unverified: not claimed


def test_a_2026_resolution_cites_section_20_2_and_the_notice_to_statsforvalteren() -> None:
    text = resolution_text(resolution(_agreements(), law_for(date(2026, 3, 1))))
    assert "gir kommunestyret kommunedirektøren instruks" in text
    assert "(kommuneloven § 20-2)" in text
    assert "melder samarbeidet til statsforvalteren" in text
    assert "forutsetter" not in text  # no condition, no condition point


def test_every_council_gets_the_same_resolution_but_its_own_figures() -> None:
    on = date(2007, 5, 24)
    salangen = build_case(_inputs("Salangen", "1923", on))
    ibestad = build_case(replace(_inputs("Ibestad", "1917", on), not_party=("Barnevern",)))
    assert resolution_text(salangen.resolution) == resolution_text(ibestad.resolution)
    assert salangen.number == "1923"
    assert ibestad.number == "1917"
    assert any("Ibestad kommune er ikke part i avtalene om barnevern" in p
               for p in ibestad.sections[0].paragraphs)  # fmt: skip
    economy = salangen.sections[3]
    assert economy.heading == "Økonomiske konsekvenser for Salangen kommune"
    (row,) = economy.tables[0].rows
    nbsp = "\u00a0"
    # 1 999 643,6 rounds half up to 1 999 644; the host pays directly, no a konto
    assert row[2] == f"1{nbsp}999{nbsp}644{nbsp}kr (Folketall)"
    assert row[3] == "vert, betaler selv"
    assert row[4] == f"1{nbsp}234{nbsp}567{nbsp}kr (ute 01.06.2008)"
    assert "anslag" in economy.tables[0].caption
    assert any("datert 24.05.2007" in p and "2025" in p for p in economy.paragraphs)


def test_the_case_never_says_the_placement_was_adopted() -> None:
    case = build_case(_inputs("Salangen", "1923", date(2007, 5, 24)))
    words = " ".join(p for s in case.sections for p in (*s.paragraphs, *s.after))
    assert "vedtatt" not in words.replace("ikke vedtatt", "")
    assert case.sections[1].tables[1].rows[0][0] == "Ordførergruppens forslag (forslaget)"
    assert case.sections[1].tables[0].rows == (("Barnevern", "Salangen"),)


def _decision(number: str, outcome: Outcome, digest: str, day: int = 4) -> Adoption:
    return Adoption(number, AdoptionBody.KOMMUNESTYRE, date(2007, 5, day), "12/07", outcome, digest)


def test_postponed_and_amended_are_shown_as_such_not_as_untreated() -> None:
    members = (GRATANGEN, LAVANGEN, SALANGEN)
    decisions = [
        _decision(GRATANGEN, Outcome.ADOPTED, H1, 3),
        _decision(LAVANGEN, Outcome.POSTPONED, H1),
        _decision(SALANGEN, Outcome.ADOPTED_WITH_CHANGES, H1),
    ]
    status = adoption_status(members, decisions, H1)
    assert not status.complete
    assert [participant_state(n, status) for n in members] == [
        "vedtatt",
        "utsatt",
        "vedtatt med endringer",
    ]
    # a postponement after an adoption of the same text does not undo it
    later = adoption_status(members, [*decisions, _decision(GRATANGEN, Outcome.POSTPONED, H1, 9)],
                            H1)  # fmt: skip
    assert participant_state(GRATANGEN, later) == "vedtatt"


def _items(decisions: list[Adoption]) -> list[PackageItem]:
    three, four = (GRATANGEN, LAVANGEN, SALANGEN), (GRATANGEN, IBESTAD, LAVANGEN, SALANGEN)
    ikt = [d for d in decisions if d.version_hash == H2]
    return [
        PackageItem("barnevern", "Barnevern", three, 1, adoption_status(three, decisions, H1)),
        PackageItem("ikt-drift", "IKT-drift", four, 1, adoption_status(four, ikt, H2)),
    ]


def test_the_package_is_adopted_only_when_every_party_adopted_every_agreement() -> None:
    everyone = [_decision(n, Outcome.ADOPTED, H1) for n in (GRATANGEN, LAVANGEN, SALANGEN)]
    almost = everyone + [_decision(n, Outcome.ADOPTED, H2) for n in (GRATANGEN, LAVANGEN, SALANGEN)]
    status = package_status(_items(almost), NAMES, CONDITION)
    assert not status.adopted
    assert status.state == "under behandling"
    ibestad = next(c for c in status.councils if c.number == IBESTAD)
    assert ibestad.states == ("ikke part", "ikke behandlet")
    done = package_status(_items(almost + [_decision(IBESTAD, Outcome.ADOPTED, H2)]), NAMES)
    assert done.adopted
    assert done.state == "vedtatt"
    assert all(c.adopted_all for c in done.councils)


def test_under_the_condition_one_postponement_reopens_the_package_for_all() -> None:
    decisions = [_decision(n, Outcome.ADOPTED, H1) for n in (GRATANGEN, SALANGEN)]
    decisions += [_decision(LAVANGEN, Outcome.POSTPONED, H1)]
    with_condition = package_status(_items(decisions), NAMES, CONDITION)
    assert with_condition.reopened
    assert with_condition.state == "gjenåpnet"
    (reopening,) = with_condition.reopenings
    assert (reopening.name, reopening.service_name, reopening.state) == (
        "Lavangen",
        "Barnevern",
        "utsatt",
    )
    without = package_status(_items(decisions), NAMES, "")
    assert not without.reopened
    assert without.state == "under behandling"
