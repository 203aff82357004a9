"""The process plan's use cases on SQLite and PostgreSQL: milestones, staff log, savings.

Dates and sums are worked out by hand in the comments; every write is checked for its role,
its change-log line and that a refused write changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.domain.errors import ConcurrentEdit, InvalidData
from coop.domain.process.plan import Status
from coop.domain.process.record import ProcessRecord
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.process import MilestoneInput
from coop.services.process_savings import savings_as_json

STEERING = Actor("styring", Role.STEERING)
READER = Actor("ordforer", Role.READER)
FINANCE = Actor("okonomi-salangen", Role.FINANCE, frozenset({"5522"}))
SLUG = "astafjord-2007"
SALANGEN = "5522"


def fresh(demo: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    """The demo database with the demo project's process record cleared."""
    with demo:
        version = demo.process.get(SLUG).version
    if version:
        with demo:
            demo.process.save(SLUG, replace(ProcessRecord(), version=version), "t",
                              datetime.now(UTC))  # fmt: skip
            demo.commit()
    return demo


def test_milestones_are_added_moved_and_completed_with_the_change_log(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    uow = fresh(demo)
    m1 = services.add_milestone(
        SLUG, MilestoneInput("BP", "Innstilling fra styringsgruppa", "05.04.2007",
                             owner="Styringsgruppa", body="styringsgruppe"), STEERING, uow,
    )  # fmt: skip
    m2 = services.add_milestone(
        SLUG, MilestoneInput("EBP", "Vedtak i kommunestyret", "04.05.2007", body="kommunestyre",
                             municipality=SALANGEN), STEERING, uow,
    )  # fmt: skip
    assert (m1.key, m2.key) == ("M1", "M2")
    view = services.process_view(SLUG, READER, uow, today=date(2007, 4, 10))
    version = view.record.version
    # no drøftingsmøte yet: both decisions are warned about (§ 16-5)
    assert [w.split(" ")[0] for w in view.warnings] == ["M1", "M2"]
    assert view.overdue(view.record.milestone(1))  # due 05.04.2007, still planned on 10.04.
    moved = services.update_milestone(SLUG, 1, {"due": "10.05.2007"}, STEERING, uow, version)
    assert moved.due == date(2007, 5, 10)
    view = services.process_view(SLUG, READER, uow)
    assert any("kommer etter kommunestyremøtet" in w for w in view.warnings_for("M1"))
    # the second person to save from the old version is refused, nothing changes
    with pytest.raises(ConcurrentEdit):
        services.update_milestone(SLUG, 1, {"status": "fullfort"}, STEERING, uow, version)
    done = services.update_milestone(
        SLUG, 1, {"status": "fullfort", "due": "02.05.2007"}, STEERING, uow, version + 1
    )
    assert done.status is Status.DONE
    log = [c.change for c in services.project_changes(SLUG, uow, kind="milepael")]
    fields = {(c.key, c.field, c.old, c.new) for c in log}
    assert ("M1", "frist", "05.04.2007", "10.05.2007") in fields
    assert ("M1", "status", "Planlagt", "Fullført") in fields
    assert all(c.actor == "styring" for c in log)


def test_only_the_steering_group_changes_the_plan(demo: SqlAlchemyUnitOfWork) -> None:
    uow = fresh(demo)
    before = services.process_view(SLUG, READER, uow).record
    for actor in (READER, FINANCE):
        with pytest.raises(Forbidden):
            services.add_milestone(SLUG, MilestoneInput("IP", "Info", "01.02.2007"), actor, uow)
        with pytest.raises(Forbidden):
            services.record_staff_meeting(SLUG, "drofting", "01.02.2007", "KFO", "", actor, uow)
    assert services.process_view(SLUG, READER, uow).record == before


def test_bad_input_names_the_field_and_changes_nothing(demo: SqlAlchemyUnitOfWork) -> None:
    uow = fresh(demo)
    before = services.process_view(SLUG, READER, uow).record
    with pytest.raises(InvalidData, match="Frist: «31.02.2007» er ikke en dato"):
        services.add_milestone(SLUG, MilestoneInput("BP", "X", "31.02.2007"), STEERING, uow)
    with pytest.raises(InvalidData, match="Type: «XP» er ikke et av BP, IP, PJ, SR, EBP"):
        services.add_milestone(SLUG, MilestoneInput("XP", "X", "01.02.2007"), STEERING, uow)
    with pytest.raises(InvalidData, match="Kommune 0301 er ikke med i prosjektet"):
        services.add_milestone(
            SLUG, MilestoneInput("BP", "X", "01.02.2007", municipality="0301"), STEERING, uow
        )
    assert services.process_view(SLUG, READER, uow).record == before


def test_a_notice_gets_the_fourteen_day_deadline_and_a_drøfting_clears_the_warning(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    uow = fresh(demo)
    services.add_milestone(
        SLUG, MilestoneInput("EBP", "Vedtak", "04.05.2007", body="kommunestyre"), STEERING, uow
    )
    notice = services.record_notice(SLUG, "20.03.2007", "Barnevernet i Lavangen", STEERING, uow)
    assert notice.deadline == date(2007, 4, 3)  # 20.03. + 14 days (31 days in March)
    with pytest.raises(InvalidData, match="tidligst 03.04.2007"):
        services.record_notice(SLUG, "20.03.2007", "IKT", STEERING, uow, deadline="02.04.2007")
    assert services.process_view(SLUG, READER, uow).warnings
    services.record_staff_meeting(
        SLUG, "drofting", "23.04.2007", "KFO, Fagforbundet og rådmennene",
        "Enighet om retningslinjene, KFO ønsker 45 000 kr over 40 km", STEERING, uow,
        municipality=SALANGEN,
    )  # fmt: skip
    view = services.process_view(SLUG, READER, uow)
    assert view.warnings == ()
    (meeting,) = view.record.staff_meetings
    assert meeting.held_on == date(2007, 4, 23)
    answer = services.record_answer(SLUG, 1, "Ansatt A", "03.04.2007", True, STEERING, uow)
    assert answer.reserves
    log = services.project_changes(SLUG, uow, kind="personal")
    assert sorted(c.change.key for c in log) == ["Drøftingsmøte 1", "Varsel 1", "Varsel 1"]


def test_savings_tracking_in_the_cli_shape(demo: SqlAlchemyUnitOfWork) -> None:
    uow = fresh(demo)
    services.save_group(SLUG, "Innkjøp", "arbeidsgruppe", "Finne besparelser",
                        [("Innkjøpsleder", "leder", ""), ("Fagforbundet", "hovedtillitsvalgt", "")],
                        STEERING, uow)  # fmt: skip
    services.set_savings_target(SLUG, "Innkjøp", "2026", "3 000 000", STEERING, uow)
    services.set_savings_target(SLUG, "Innkjøp", "2027", "2 000 000", STEERING, uow)
    m = services.add_measure(SLUG, "Innkjøp", "Felles avtaler", "2026", "1 500 000", STEERING,
                             uow, status="vedtatt")  # fmt: skip
    services.add_measure(SLUG, "Innkjøp", "Bare et forslag", "2026", "900 000", STEERING, uow)
    services.update_measure(SLUG, m.number, STEERING, uow, realised_year="2026",
                            realised="1 200 000")  # fmt: skip
    data = savings_as_json(SLUG, uow)
    # 3 + 2 mill. over two years; adopted counts only the adopted measure; realised 1.2 mill.
    assert data["target_nok"] == "5000000.00"
    assert data["groups"] == [
        {"name": "Innkjøp", "target_nok": "5000000.00", "adopted_nok": "1500000.00",
         "realised_nok": "1200000.00"},
    ]  # fmt: skip
    with pytest.raises(InvalidData, match="Sparemål: «mange» er ikke et tall"):
        services.set_savings_target(SLUG, "Innkjøp", "2026", "mange", STEERING, uow)


def test_the_process_record_travels_with_the_project_file(demo: SqlAlchemyUnitOfWork) -> None:
    uow = fresh(demo)
    services.add_milestone(SLUG, MilestoneInput("SR", "Status", "18.05.2007"), STEERING, uow)
    services.add_money(SLUG, "Fylkesmannen", "tilskudd", "550 000", STEERING, uow)
    exported = services.export_project(SLUG, STEERING, uow)
    assert exported["prosess"]["money"][0]["amount_nok"] == "550000.00"
    exported["prosjekt"]["kode"] = "kopi-2007"
    slug = services.import_project(json.loads(json.dumps(exported)), STEERING, uow)
    copy = services.process_view(slug, READER, uow).record
    original = services.process_view(SLUG, READER, uow).record
    assert copy.milestones == original.milestones
    assert copy.money == original.money
    assert copy.version == 1


def test_a_target_tied_to_a_service_is_tracked_from_the_accounts(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    uow = fresh(demo)
    services.set_savings_target(
        SLUG, "Barnevern Salangen", "2026", "200 000", STEERING, uow,
        service="barnevern", municipality=SALANGEN,
    )  # fmt: skip
    before = services.savings_summary(SLUG, uow)
    assert before.groups[0].realised_nok == 0  # no accounts after 2025 yet
    # the demo's 2025 figure for Salangen's barnevern is 2 126 000 kr (anslag);
    # accounts for 2026 show 2 000 000 kr: 126 000 kr realised
    services.set_baseline(
        SLUG, "barnevern", SALANGEN, 2026, {"gross_cost_nok": "2 000 000"}, "regnskap",
        STEERING, uow,
    )  # fmt: skip
    after = services.savings_summary(SLUG, uow)
    assert after.groups[0].realised_by_year == ((2026, 126_000),)
    with pytest.raises(InvalidData, match="Tjenesten «ppt» er ikke med i prosjektet"):
        services.set_savings_target(
            SLUG, "PPT", "2026", "1", STEERING, uow, service="ppt", municipality=SALANGEN
        )
