"""The council case package on SQLite and PostgreSQL: demo and a project made in the test."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.casework.resolution import resolution_text
from coop.domain.errors import NotFound
from coop.domain.formatting import format_nok
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.agreements import history, use_cases
from coop.services.casework.case_package import case_package
from coop.services.casework.tracker import package_adoption
from coop.services.splits.municipality_bill import municipality_bill

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"
GRATANGEN, LAVANGEN, SALANGEN, IBESTAD = "5516", "5518", "5522", "5514"
STEERING = Actor("styring", Role.STEERING)
NOW = datetime(2007, 6, 1, 12, 0, tzinfo=UTC)
FILLED = {
    "effective_from": "01.09.2007",
    "informed_decisions": "Vedtak av betydning for kommunens innbyggere.",
    "akonto_frequency": "kvartalsvis",
    "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
    "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen.",
    "other_legal_terms": "Ingen andre lovkrav.",
}
SERVICES = ("barnevern", "ikt-drift", "regnskap-lonn", "skatt-innfordring", "kart-oppmaling")


def test_every_council_gets_the_same_resolution_with_the_2007_numbering_and_condition(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    # Salangen hosts two services and is party to all five; Ibestad is party to two only
    cases = {n: case_package(SLUG, SCENARIO, n, demo).case for n in (SALANGEN, IBESTAD)}
    texts = {resolution_text(c.resolution) for c in cases.values()}
    assert len(texts) == 1
    (text,) = texts
    assert "(kommuneloven 1992 § 28 b)" in text
    assert "rådmannen i vertskommunen" in text
    assert "samtlige deltakerkommuner fatter likelydende vedtak" in text
    assert text.count("Vedlegg ") == 5
    # printed with the numbers of 24.05.2007 (domain.md § 5.1)
    assert {n: c.number for n, c in cases.items()} == {SALANGEN: "1923", IBESTAD: "1917"}
    ibestad = cases[IBESTAD]
    assert [r[0].split(" (")[0] for r in ibestad.sections[3].tables[0].rows] == [
        "IKT-drift",
        "Kart og oppmåling",
    ]


def test_salangens_figures_are_the_member_pages_for_the_same_option(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    package = case_package(SLUG, SCENARIO, SALANGEN, demo)
    bill = municipality_bill(SLUG, SALANGEN, demo, SCENARIO, today=date(2007, 5, 24))
    rows = package.case.sections[3].tables[0].rows
    assert len(rows) == len(bill.bills) == 5
    for row, line in zip(rows, bill.bills, strict=True):
        assert row[0] == f"{line.service_name} (vert: {line.host_name})"
        assert row[1] == format_nok(line.alone_nok)
        assert row[2].startswith(format_nok(line.key_nok))
        assert row[4].startswith(format_nok(line.exit_nok))
    assert rows[2][3].startswith(format_nok(bill.bills[2].akonto_nok or 0))  # Lavangen hosts


def test_unknown_project_option_or_council_are_named_in_bokmal(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(NotFound, match="ukjent"):
        case_package("ukjent", SCENARIO, SALANGEN, demo)
    with pytest.raises(NotFound, match="Finner ikke alternativet «Ingen slik»"):
        case_package(SLUG, "Ingen slik", SALANGEN, demo)
    with pytest.raises(NotFound, match="Kommunenummer 0301 er ikke part"):
        case_package(SLUG, SCENARIO, "0301", demo)


def _adopt(uow: SqlAlchemyUnitOfWork, service: str, number: str, outcome: str, day: str) -> None:
    values = {"participant": number, "body": "kommunestyre", "meeting_date": day,
              "case_number": "07/12", "outcome": outcome}  # fmt: skip
    use_cases.record_adoption(SLUG, SCENARIO, service, values, STEERING, uow, NOW)


def test_one_postponement_reopens_the_package_and_full_adoption_closes_it(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    for service in SERVICES:
        use_cases.save_agreement_version(
            SLUG, SCENARIO, service, FILLED, STEERING, demo, None, True, NOW
        )
    before = package_adoption(SLUG, SCENARIO, demo).status
    assert before.state == "under behandling"
    assert not before.reopenings
    for service in SERVICES:
        parties = (GRATANGEN, LAVANGEN, SALANGEN)
        if service in ("ikt-drift", "kart-oppmaling"):
            parties += (IBESTAD,)
        for number in parties:
            postponed = service == "regnskap-lonn" and number == LAVANGEN
            _adopt(demo, service, number, "utsatt" if postponed else "vedtatt", "04.05.2007")
    status = package_adoption(SLUG, SCENARIO, demo).status
    assert status.state == "gjenåpnet"
    assert [(r.name, r.service_name, r.state) for r in status.reopenings] == [
        ("Lavangen", "Regnskap og lønn", "utsatt")
    ]
    lavangen = next(c for c in status.councils if c.number == LAVANGEN)
    assert lavangen.states == ("vedtatt", "vedtatt", "utsatt", "vedtatt", "vedtatt")
    one = history.agreement_adoption(SLUG, SCENARIO, "regnskap-lonn", demo)  # the agreement's page
    assert {p.name: p.state for p in one.participants} == {
        "Gratangen": "vedtatt",
        "Lavangen": "utsatt",  # was shown as «ikke behandlet»
        "Salangen": "vedtatt",
    }
    _adopt(demo, "regnskap-lonn", LAVANGEN, "vedtatt", "24.05.2007")
    assert package_adoption(SLUG, SCENARIO, demo).status.state == "vedtatt"
    attached = case_package(SLUG, SCENARIO, IBESTAD, demo).case.attachments
    assert attached[0].endswith("(versjon 1)")


MEMBERS = ("3427", "3428", "3429")  # Tynset, Alvdal, Folldal


def test_a_project_made_here_gets_a_2026_case_without_a_condition(
    registered: SqlAlchemyUnitOfWork,
) -> None:
    uow = registered
    slug = services.create_project(
        "Nord-Østerdal barnevern", list(MEMBERS), ["barnevern"], STEERING, uow,
        today=date(2026, 12, 2),
    ).slug  # fmt: skip
    for number, gross in zip(MEMBERS, ("4000000", "1500000", "1000000"), strict=True):
        services.set_baseline(
            slug, "barnevern", number, 2026,
            {"fte": "1", "gross_cost_nok": gross, "pay_cost_nok": "0"}, "budsjett", STEERING, uow,
        )  # fmt: skip
    services.edit_scenario(
        slug, "Tynset er vert",
        [{"service": "barnevern", "host": "3427", "participants": list(MEMBERS), "joint_fte": "0"}],
        STEERING, uow, None, "Retningslinjer 2007",
    )  # fmt: skip
    package = case_package(slug, "Tynset er vert", "3428", uow)
    text = resolution_text(package.case.resolution)
    assert "(kommuneloven § 20-2)" in text
    assert "kommunedirektøren i vertskommunen" in text
    assert "forutsetter" not in text
    assert package.case.number == "3428"
    assert package.case.municipality == "Alvdal"
    bill = municipality_bill(slug, "3428", uow, "Tynset er vert", today=package.case.on)
    (row,) = package.case.sections[3].tables[0].rows
    assert row[2].startswith(format_nok(bill.bills[0].key_nok))
    status = package_adoption(slug, "Tynset er vert", uow).status
    assert status.state == "under behandling"
    assert {c.name: c.states for c in status.councils} == {
        "Alvdal": ("ingen lagret versjon",),
        "Folldal": ("ingen lagret versjon",),
        "Tynset": ("ingen lagret versjon",),
    }
