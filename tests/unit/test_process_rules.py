"""Deadline and order rules of the process plan, with dates worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from coop.domain.errors import InvalidData, NotFound
from coop.domain.process.codec import record_from_json, record_to_json
from coop.domain.process.evaluation import Goal, GoalArea, Measurement, evaluate
from coop.domain.process.money import MoneyEntry, MoneyKind, balances
from coop.domain.process.organisation import GroupMember, MemberRole, WorkingGroup
from coop.domain.process.plan import (
    Body,
    CouncilMeeting,
    Milestone,
    MilestoneType,
    Status,
    council_order_warnings,
    period_of_month,
)
from coop.domain.process.record import ProcessRecord
from coop.domain.process.savings import (
    Measure,
    MeasureStatus,
    SavingsProgramme,
    SavingsTarget,
    programme_totals,
    track,
)
from coop.domain.process.staff import (
    EventKind,
    ReservationAnswer,
    StaffMeeting,
    StaffNotice,
    late_answers,
    reservation_deadline,
    staff_step_warnings,
)
from coop.domain.process.status import status_report

AMOT = "3422"
NAMES = {AMOT: "Åmot", "5522": "Salangen", "5516": "Gratangen"}


def ms(number, type_, due, body=Body.ADMINISTRATION, municipality=None, **kw):
    return Milestone(
        number, MilestoneType(type_), f"Milepæl {number}", due, body=body,
        municipality=municipality, **kw,
    )  # fmt: skip


# aml. § 16-3: reservation deadline ≥ 14 days after the information


def test_reservation_deadline_is_fourteen_days_after_the_information():
    assert reservation_deadline(date(2026, 3, 2)) == date(2026, 3, 16)
    # across a month and a leap day: 20.02.2028 + 14 days = 05.03.2028 (29 days in Feb 2028)
    assert reservation_deadline(date(2028, 2, 20)) == date(2028, 3, 5)
    assert reservation_deadline(date(2026, 12, 25)) == date(2027, 1, 8)


def test_a_notice_may_set_the_deadline_on_day_fourteen_but_not_day_thirteen():
    StaffNotice(1, date(2026, 3, 2), "Barnevernet i Lavangen", date(2026, 3, 16))
    with pytest.raises(InvalidData, match=r"§ 16-3.*tidligst 16\.03\.2026"):
        StaffNotice(1, date(2026, 3, 2), "Barnevernet i Lavangen", date(2026, 3, 15))


def test_the_transfer_must_come_after_the_reservation_deadline():
    with pytest.raises(InvalidData, match=r"Overdragelsen 16\.03\.2026 må komme etter"):
        StaffNotice(1, date(2026, 3, 2), "IKT", date(2026, 3, 16), transfer_on=date(2026, 3, 16))
    n = StaffNotice(1, date(2026, 3, 2), "IKT", date(2026, 3, 16), transfer_on=date(2026, 3, 17))
    assert n.transfer_on == date(2026, 3, 17)


def test_answers_after_the_deadline_are_listed_as_late():
    n = StaffNotice(1, date(2026, 3, 2), "IKT", date(2026, 3, 16))
    on_time = ReservationAnswer(1, "Kari", date(2026, 3, 16), reserves=True)
    late = ReservationAnswer(1, "Ola", date(2026, 3, 17), reserves=False)
    assert late_answers([n], [on_time, late]) == [late]


def test_a_decision_before_any_drøftingsmøte_is_warned_about():
    bp = ms(1, "BP", date(2026, 3, 10), Body.STEERING)
    ebp = ms(2, "EBP", date(2026, 6, 18), Body.COUNCIL, AMOT)
    meeting = StaffMeeting(1, EventKind.CONSULTATION, date(2026, 4, 1), "Fagforbundet, rådmann")
    warnings = staff_step_warnings([bp, ebp], [meeting], [], NAMES)
    assert [w.key for w in warnings] == ["M1"]
    assert "10.03.2026" in warnings[0].message
    assert "§ 16-5" in warnings[0].message
    # an information meeting is not a drøfting
    info = StaffMeeting(2, EventKind.INFORMATION, date(2026, 3, 1), "Alle ansatte")
    assert [w.key for w in staff_step_warnings([bp], [info], [], NAMES)] == ["M1"]
    # a drøfting held on the day of the decision counts
    same_day = StaffMeeting(3, EventKind.CONSULTATION, date(2026, 3, 10), "Fagforbundet")
    assert staff_step_warnings([bp], [same_day], [], NAMES) == []


def test_a_drøfting_in_another_municipality_does_not_count():
    bp = ms(1, "BP", date(2026, 5, 4), Body.COUNCIL, "5522")
    elsewhere = StaffMeeting(
        1, EventKind.CONSULTATION, date(2026, 4, 1), "KFO", municipality="5516"
    )
    warnings = staff_step_warnings([bp], [elsewhere], [], NAMES)
    assert len(warnings) == 1
    assert "i Salangen" in warnings[0].message


def test_a_transfer_set_before_the_final_decision_is_warned_about():
    ebp = ms(1, "EBP", date(2026, 6, 18), Body.COUNCIL)
    drøfting = StaffMeeting(1, EventKind.CONSULTATION, date(2026, 4, 1), "Fagforbundet")
    early = StaffNotice(1, date(2026, 4, 2), "IKT", date(2026, 4, 16), date(2026, 5, 1))
    later = StaffNotice(2, date(2026, 4, 2), "IKT", date(2026, 4, 16), date(2026, 8, 1))
    warnings = staff_step_warnings([ebp], [drøfting], [early, later], NAMES)
    assert len(warnings) == 1
    assert "varsel 1" in warnings[0].message


# council meeting order


def test_a_council_decision_must_fall_on_a_council_meeting():
    ebp = ms(1, "EBP", date(2022, 9, 14), Body.COUNCIL, AMOT)
    meetings = [
        CouncilMeeting(AMOT, Body.COUNCIL, date(2022, 9, 15)),
        CouncilMeeting(AMOT, Body.COUNCIL, date(2022, 10, 20)),
    ]
    warnings = council_order_warnings([ebp], meetings, [AMOT], NAMES)
    assert len(warnings) == 1
    assert "kommunestyret i Åmot har ikke møte" in warnings[0].message
    assert "neste møte er 15.09.2022" in warnings[0].message
    on_time = ms(1, "EBP", date(2022, 9, 15), Body.COUNCIL, AMOT)
    assert council_order_warnings([on_time], meetings, [AMOT], NAMES) == []


def test_without_a_meeting_plan_nothing_is_checked_against_it():
    ebp = ms(1, "EBP", date(2022, 9, 14), Body.COUNCIL, AMOT)
    assert council_order_warnings([ebp], [], [AMOT], NAMES) == []


def test_a_council_decision_without_municipality_is_checked_for_every_member():
    ebp = ms(1, "EBP", date(2007, 5, 24), Body.COUNCIL)
    meetings = [
        CouncilMeeting("5522", Body.COUNCIL, date(2007, 5, 4)),
        CouncilMeeting("5516", Body.COUNCIL, date(2007, 5, 24)),
    ]
    warnings = council_order_warnings([ebp], meetings, ["5516", "5522"], NAMES)
    assert len(warnings) == 1
    assert "Salangen" in warnings[0].message
    assert "ingen senere møter" in warnings[0].message


def test_a_recommendation_after_the_council_decision_is_warned_about():
    # Åmot: the steering group recommends on 5 Sept, the council decides on 14 Sept
    innstilling = ms(1, "BP", date(2022, 9, 5), Body.STEERING)
    vedtak = ms(2, "EBP", date(2022, 9, 14), Body.COUNCIL, AMOT)
    assert council_order_warnings([innstilling, vedtak], [], [AMOT], NAMES) == []
    moved = ms(1, "BP", date(2022, 9, 16), Body.STEERING)
    warnings = council_order_warnings([moved, vedtak], [], [AMOT], NAMES)
    assert [w.key for w in warnings] == ["M1"]
    assert "kommer etter kommunestyremøtet" in warnings[0].message
    assert "M2" in warnings[0].message
    assert "14.09.2022" in warnings[0].message


def test_a_cancelled_decision_is_not_checked():
    moved = ms(1, "BP", date(2022, 9, 16), Body.STEERING, status=Status.CANCELLED)
    vedtak = ms(2, "EBP", date(2022, 9, 14), Body.COUNCIL, AMOT)
    assert council_order_warnings([moved, vedtak], [], [AMOT], NAMES) == []


def test_a_milestone_period_must_start_before_its_end():
    first, last = period_of_month(2022, 2)
    assert (first, last) == (date(2022, 2, 1), date(2022, 2, 28))
    assert period_of_month(2021, 12) == (date(2021, 12, 1), date(2021, 12, 31))
    with pytest.raises(InvalidData, match="starten 01.03.2022 er etter fristen"):
        ms(1, "PJ", date(2022, 2, 28), start=date(2022, 3, 1))


def test_dates_outside_1990_to_2100_are_refused():
    with pytest.raises(InvalidData, match="utenfor 1990–2100"):
        ms(1, "BP", date(2202, 9, 14))


# savings


def test_tracking_adds_targets_over_years_and_counts_only_adopted_measures():
    programme = SavingsProgramme(
        target_nok=Decimal(44_000_000),
        targets=(
            SavingsTarget("Innkjøp", 2020, Decimal(3_000_000)),
            SavingsTarget("Innkjøp", 2021, Decimal(2_000_000)),
        ),
        measures=(
            Measure(1, "Innkjøp", "Felles avtaler", 2020, Decimal(1_500_000),
                    MeasureStatus.REALISED, ((2020, Decimal(1_200_000)), (2021, Decimal(300_000)))),
            Measure(2, "Innkjøp", "Færre leverandører", 2021, Decimal(800_000),
                    MeasureStatus.ADOPTED),
            Measure(3, "Innkjøp", "Forslag", 2021, Decimal(999_000)),
            Measure(4, "Selvkost", "Forkastet", 2021, Decimal(500_000), MeasureStatus.DROPPED,
                    ((2021, Decimal(100_000)),)),
        ),
    )  # fmt: skip
    lines = {g.name: g for g in track(programme, ["Selvkost"])}
    assert list(lines) == ["Selvkost", "Innkjøp"]
    assert lines["Innkjøp"].target_nok == Decimal(5_000_000)
    assert lines["Innkjøp"].adopted_nok == Decimal(2_300_000)  # 1.5 + 0.8 mill.
    assert lines["Innkjøp"].realised_nok == Decimal(1_500_000)
    assert lines["Selvkost"].target_nok is None
    assert lines["Selvkost"].realised_nok == 0  # a dropped measure counts for nothing
    target, adopted, realised = programme_totals(programme, lines.values())
    assert (target, adopted, realised) == (Decimal(44_000_000), Decimal(2_300_000), 1_500_000)


def test_without_an_overall_target_the_group_targets_add_up():
    programme = SavingsProgramme(targets=(SavingsTarget("A", 2020, Decimal(10)),))
    assert programme_totals(programme, track(programme))[0] == Decimal(10)
    assert programme_totals(SavingsProgramme(), [])[0] is None


def test_a_target_is_bounded_and_whole_øre():
    with pytest.raises(InvalidData, match="høyst 100 mrd"):
        SavingsTarget("A", 2020, Decimal("1e12"))
    with pytest.raises(InvalidData, match="to desimaler"):
        SavingsTarget("A", 2020, Decimal("1.001"))
    with pytest.raises(InvalidData, match="negativt"):
        SavingsTarget("A", 2020, Decimal(-1))


# money, organisation, evaluation


def test_project_money_per_source():
    entries = [
        MoneyEntry(1, "Fylkesmannen", MoneyKind.GRANT, Decimal(550_000)),
        MoneyEntry(2, "Fylkesmannen", MoneyKind.GRANT, Decimal(125_000)),
        MoneyEntry(3, "Fylkesmannen", MoneyKind.GRANT, Decimal(300_000)),
        MoneyEntry(4, "KS OU-midler", MoneyKind.GRANT, Decimal(100_000)),
        MoneyEntry(5, "Fylkesmannen", MoneyKind.SPENDING, Decimal(700_000)),
    ]
    fm, ks = balances(entries)
    assert (fm.source, fm.granted_nok, fm.spent_nok, fm.left_nok) == (
        "Fylkesmannen", 975_000, 700_000, 275_000,
    )  # fmt: skip
    assert ks.left_nok == 100_000
    with pytest.raises(InvalidData, match="større enn 0"):
        MoneyEntry(6, "KS", MoneyKind.GRANT, Decimal(0))


def test_a_group_counts_its_employee_side():
    group = WorkingGroup(
        "Helse og omsorg",
        members=(
            GroupMember("Leder i hovedutvalget", MemberRole.LEADER),
            GroupMember("Hovedtillitsvalgt – Sykepleierforbundet", MemberRole.UNION),
            GroupMember("Lokalt verneombud", MemberRole.SAFETY),
            GroupMember("Sektorleder"),
        ),
    )
    assert group.employee_side == 2


def test_evaluation_compares_the_latest_measurement_with_the_target():
    fewer = Goal(
        1, GoalArea.ROBUSTNESS, "Ingen fristbrudd", "Fristbrudd i barnevernet (%)",
        Decimal(12), Decimal(2), higher_is_better=False,
        measurements=(Measurement(2026, Decimal(6)), Measurement(2028, Decimal(2))),
    )  # fmt: skip
    more = Goal(2, GoalArea.QUALITY, "Flere fagstillinger", "Årsverk", Decimal(4), Decimal(6))
    (r1, r2) = evaluate([fewer, more], up_to_year=2027)
    assert r1.latest is not None
    assert r1.latest.year == 2026
    assert r1.reached is False
    assert r1.progress_pct == 60  # (6 − 12) / (2 − 12) = 60 %
    assert r2.latest is None
    assert r2.reached is None
    assert evaluate([fewer], 2028)[0].reached is True


# the record and its JSON


def full_record() -> ProcessRecord:
    return ProcessRecord(
        milestones=(
            ms(1, "BP", date(2021, 12, 15), owner="Kommunedirektør"),
            ms(2, "PJ", date(2022, 1, 31), start=date(2022, 1, 1), when_text="Januar",
               basis="anslag: året", links=("alternativ:A",)),
        ),
        council_meetings=(CouncilMeeting(AMOT, Body.COUNCIL, date(2022, 9, 14)),),
        groups=(WorkingGroup("Koordinering", mandate="Samordne",
                             members=(GroupMember("Ordfører", MemberRole.LEADER, "Navn"),)),),
        staff_meetings=(StaffMeeting(1, EventKind.CONSULTATION, date(2022, 1, 5), "HTV", "Enige"),),
        notices=(StaffNotice(1, date(2022, 2, 1), "Alle", date(2022, 2, 15), date(2022, 9, 1)),),
        answers=(ReservationAnswer(1, "Kari", date(2022, 2, 10), reserves=True),),
        savings=SavingsProgramme(
            Decimal("44000000"), 2020, "bystyret",
            (SavingsTarget("Innkjøp", 2020, Decimal("1.50"), "ikt-drift", AMOT, "anslag"),),
            (Measure(1, "Innkjøp", "T", 2020, Decimal(5), MeasureStatus.ADOPTED,
                     ((2020, Decimal(3)),)),),
        ),
        money=(MoneyEntry(1, "FM", MoneyKind.GRANT, Decimal(550_000), date(2005, 6, 1)),),
        goals=(Goal(1, GoalArea.COST, "t", "i", Decimal(1), Decimal(2),
                    measurements=(Measurement(2026, Decimal("1.5"), "KOSTRA"),)),),
    )  # fmt: skip


def test_the_record_survives_json_exactly():
    record = full_record()
    assert record_from_json(record_to_json(record)) == record


def test_a_damaged_record_names_the_part():
    data = record_to_json(full_record())
    data["notices"][0]["deadline"] = "2022-02-10"
    with pytest.raises(InvalidData, match="personallogg.*§ 16-3"):
        record_from_json(data)
    data = record_to_json(full_record())
    data["milestones"][0]["type"] = "XX"
    with pytest.raises(InvalidData, match="milepæler.*skadet"):
        record_from_json(data)


def test_an_answer_to_an_unknown_notice_is_refused():
    with pytest.raises(InvalidData, match="ukjent varsel"):
        ProcessRecord(answers=(ReservationAnswer(9, "Kari", date(2022, 2, 10), True),))
    with pytest.raises(NotFound, match="M7"):
        ProcessRecord().milestone(7)


def test_the_status_report_on_a_day():
    record = full_record()
    done = record.with_milestone(
        ms(1, "BP", date(2021, 12, 15), owner="Kommunedirektør", status=Status.DONE)
    )
    report = status_report(done, date(2022, 2, 10), (AMOT,), NAMES)
    assert dict(report.counts)[Status.DONE] == 1
    assert [m.key for m in report.decisions] == ["M1"]
    assert [m.key for m in report.overdue] == ["M2"]  # due 31.01.2022, still planned
    assert report.next_steps == ()
    assert (report.target_nok, report.adopted_nok, report.realised_nok) == (44_000_000, 5, 3)
    # M1 (15.12.2021) came before the only drøftingsmøte (05.01.2022)
    assert [w.key for w in report.warnings] == ["M1"]


def test_realised_savings_are_read_from_the_accounts_only():
    from coop.domain.process.savings import realised_from_accounts

    costs = {
        2025: (Decimal(1000), "anslag: illustrativ"),
        2026: (Decimal(900), "regnskap"),
        2027: (Decimal(850), "budsjett"),  # a budget is a plan, not a saving
        2028: (Decimal(700), "Regnskap 2028"),
    }
    # base 2025 (1000): 2026 saved 100, 2028 saved 300; 2027 is only budgeted
    assert realised_from_accounts(costs, 2026) == ((2026, 100), (2028, 300))
    assert realised_from_accounts(costs, 2025) == ()  # nothing before the first target year
    programme = SavingsProgramme(targets=(SavingsTarget("Barnevern", 2026, Decimal(200)),))
    (line,) = track(programme, accounts={"Barnevern": [(2026, Decimal(100))]})
    assert (line.target_nok, line.realised_nok) == (200, 100)
