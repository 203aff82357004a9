"""Agreement use cases on the demo data, on SQLite and PostgreSQL: draft, versions, adoption."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.domain.agreements.adoption import NotFullyAdopted
from coop.domain.agreements.draft import DraftStatus, NotReadyForAdoption
from coop.domain.errors import ConcurrentEdit, InvalidData, NotFound
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.agreements import history, use_cases, views

from ..conftest import LentSqlite

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"
STEERING = Actor("styring", Role.STEERING)
READER = Actor("ordforer", Role.READER)
NOW = datetime(2007, 6, 1, 12, 0, tzinfo=UTC)
FILLED = {
    "tasks": "Kommunens oppgaver etter barnevernloven.",
    "effective_from": "01.09.2007",
    "informed_decisions": "Vedtak om omsorgsovertakelse.",
    "akonto_frequency": "kvartalsvis",
    "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
    "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen.",
    "other_legal_terms": "Ingen andre lovkrav.",
}
COUNCILS = ("5516", "5518", "5522")


# ``demo`` (tests/conftest.py): the demo data on SQLite and PostgreSQL, for the flows that write.


@pytest.fixture
def lite(lent_sqlite: LentSqlite, demo_template: Path) -> Iterator[SqlAlchemyUnitOfWork]:
    """The demo data on SQLite only, for rules that do not depend on the database."""
    with lent_sqlite.lend("demo", demo_template) as engine:
        yield SqlAlchemyUnitOfWork(sessionmaker(engine))


def save(
    uow: SqlAlchemyUnitOfWork, ready: bool = False, service: str = "barnevern", **extra: str
) -> views.SaveResult:
    values = {**FILLED, **extra}
    return use_cases.save_agreement_version(
        SLUG, SCENARIO, service, values, STEERING, uow, None, ready, NOW
    )


def adopt(
    uow: SqlAlchemyUnitOfWork, number: str, outcome: str = "vedtatt", service: str = "barnevern"
) -> None:
    values = {
        "participant": number,
        "body": "kommunestyre",
        "meeting_date": "14.06.2007",
        "case_number": f"07/{number}",
        "outcome": outcome,
    }
    use_cases.record_adoption(
        SLUG, SCENARIO, service, values, STEERING, uow, datetime(2007, 7, 1, tzinfo=UTC)
    )


def test_the_2007_draft_uses_the_1992_act_and_shares_by_population(
    lite: SqlAlchemyUnitOfWork,
) -> None:
    view = use_cases.draft_agreement(SLUG, SCENARIO, "barnevern", lite)
    draft = view.draft
    assert draft.decided_on == date(2007, 5, 24)  # the project's decision date
    assert (draft.law.act, draft.law.chief_title, draft.law.state_office) == (
        "kommuneloven 1992",
        "rådmann",
        "fylkesmannen",
    )
    rows = {r.number: r for r in draft.appendices[0].rows}
    # Population 1.1.2024: 1070 + 986 + 2069 = 4125.
    assert rows["5516"].share == Decimal("0.259393939394")  # 1070 / 4125
    # The 2007 text prints the numbers valid in 2007 (SSB 131): 1919, 1920, 1923.
    assert [rows[n].printed_number for n in COUNCILS] == ["1919", "1920", "1923"]
    assert "Gratangen kommune (kommunenummer 1919)" in draft.sections[0].clauses[0].text
    # Its budget year is 2007; the demo has figures only for 2025, so no kroner are printed.
    assert [rows[n].amount_nok for n in COUNCILS] == [None, None, None]
    assert any("Grunnlagstall for 2007 mangler" in note for note in view.notes)
    assert [s.place for s in view.signatories] == ["Årstein", "Tennevoll", "Sjøvegan"]


def test_a_2025_budget_year_splits_the_2025_figures(lite: SqlAlchemyUnitOfWork) -> None:
    view = use_cases.draft_agreement(SLUG, SCENARIO, "barnevern", lite, date(2025, 11, 1))
    draft = view.draft
    rows = {r.number: r for r in draft.appendices[0].rows}
    assert [rows[n].printed_number for n in COUNCILS] == ["5516", "5518", "5522"]
    # gross cost 2025: 4 349 000 kr, split by population 1070 / 986 / 2069 of 4125.
    assert [rows[n].amount_nok for n in COUNCILS] == [
        Decimal(1128104),  # 4 349 000 · 1070/4125 = 1 128 104,24
        Decimal(1039543),  # · 986/4125 = 1 039 543,03
        Decimal(2181353),  # · 2069/4125 = 2 181 352,72, rounded up to keep the total
    ]
    assert draft.appendices[0].total_nok == Decimal(4349000)
    # (c) and (i) come from the service catalogue; the rest waits for the planners.
    assert {i.letter for i in view.missing} == {"d", "e", "g", "h", "f"}
    assert any("anslag" in note for note in view.notes)


def test_a_2026_date_cites_chapter_20_and_the_kommunedirektor(lite: SqlAlchemyUnitOfWork) -> None:
    view = use_cases.draft_agreement(SLUG, SCENARIO, "barnevern", lite, date(2026, 3, 1))
    assert view.draft.law.chapter == "kapittel 20"
    assert view.draft.law.chief_title == "kommunedirektør"
    assert "§ 20-2" in "\n".join(c.text for c in view.draft.clauses())


def test_a_usage_key_splits_by_the_baselines_usage_counts(lite: SqlAlchemyUnitOfWork) -> None:
    view = use_cases.draft_agreement(SLUG, SCENARIO, "regnskap-lonn", lite, date(2025, 11, 1))
    rows = {r.number: r.share for r in view.draft.appendices[0].rows}
    total = 1900 + 1750 + 3600  # lønnsslipper 2025
    assert rows["5516"] == Decimal(1900 / total).quantize(Decimal("1E-12"))
    assert sum(rows.values()) == 1  # type: ignore[comparison-overlap]


def test_the_mayors_group_cannot_save_mark_ready_or_record(lite: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(Forbidden):
        use_cases.save_agreement_version(SLUG, SCENARIO, "barnevern", FILLED, READER, lite)
    with pytest.raises(Forbidden):
        use_cases.mark_agreement_ready(SLUG, SCENARIO, "barnevern", READER, lite)
    with pytest.raises(Forbidden):
        use_cases.record_adoption(SLUG, SCENARIO, "barnevern", {}, READER, lite)
    assert history.agreement_versions(SLUG, SCENARIO, "barnevern", lite).versions == ()


def test_saving_an_unchanged_text_keeps_the_version(demo: SqlAlchemyUnitOfWork) -> None:
    first = save(demo)
    again = save(demo)
    assert (first.number, first.created, first.status) == (1, True, DraftStatus.DRAFT)
    assert (again.number, again.created) == (1, False)
    view = use_cases.draft_agreement(SLUG, SCENARIO, "barnevern", demo)
    assert view.matches_latest
    assert view.terms["tasks"] == FILLED["tasks"]


def test_a_stale_form_does_not_overwrite_a_newer_version(demo: SqlAlchemyUnitOfWork) -> None:
    save(demo)
    with pytest.raises(ConcurrentEdit):
        use_cases.save_agreement_version(
            SLUG, SCENARIO, "barnevern", {**FILLED, "tasks": "Annet"}, STEERING, demo, 0
        )
    assert len(history.agreement_versions(SLUG, SCENARIO, "barnevern", demo).versions) == 1


def test_a_draft_with_a_missing_point_cannot_be_marked_ready_and_nothing_is_saved(
    lite: SqlAlchemyUnitOfWork,
) -> None:
    with pytest.raises(NotReadyForAdoption, match=r"g\) uttreden") as caught:
        save(lite, ready=True, exit_cost_terms="")
    assert caught.value.points == ("g",)
    assert history.agreement_versions(SLUG, SCENARIO, "barnevern", lite).versions == ()
    save(lite, exit_cost_terms="")
    with pytest.raises(NotReadyForAdoption):
        use_cases.mark_agreement_ready(SLUG, SCENARIO, "barnevern", STEERING, lite)


def test_marking_the_saved_version_ready_needs_no_new_version(lite: SqlAlchemyUnitOfWork) -> None:
    save(lite)
    result = use_cases.mark_agreement_ready(SLUG, SCENARIO, "barnevern", STEERING, lite)
    assert (result.number, result.status) == (1, DraftStatus.READY)
    assert save(lite).status is DraftStatus.READY  # unchanged text keeps its status


def test_decisions_need_a_version_marked_ready(lite: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(NotFound, match="ingen lagret versjon"):
        adopt(lite, "5516")
    save(lite)
    with pytest.raises(InvalidData, match="ikke merket «klar til vedtak»"):
        adopt(lite, "5516")


def test_a_decision_is_refused_for_an_outsider_a_future_date_or_an_unknown_outcome(
    lite: SqlAlchemyUnitOfWork,
) -> None:
    save(lite, ready=True)
    with pytest.raises(InvalidData, match="^Ibestad deltar ikke"):
        adopt(lite, "5514")
    with pytest.raises(InvalidData, match="Utfall: «godkjent»"):
        adopt(lite, "5516", outcome="godkjent")
    with pytest.raises(InvalidData, match="fram i tid"):
        use_cases.record_adoption(
            SLUG,
            SCENARIO,
            "barnevern",
            {
                "participant": "5516",
                "body": "kommunestyre",
                "meeting_date": "2007-08-01",
                "case_number": "1",
                "outcome": "vedtatt",
            },
            STEERING,
            lite,
            NOW,
        )


def test_full_identical_adoption_gives_the_notice_and_the_reminder(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    saved = save(demo, ready=True)
    for number in COUNCILS[:2]:
        adopt(demo, number)
    with pytest.raises(NotFullyAdopted, match="Salangen"):
        history.agreement_notice(SLUG, SCENARIO, "barnevern", demo)
    adopt(demo, "5522")
    notice = history.agreement_notice(SLUG, SCENARIO, "barnevern", demo)
    assert notice.notice.startswith("Til Fylkesmannen")
    assert f"(SHA-256): {saved.content_hash}" in notice.notice
    assert "Salangen kommunestyre 14.06.2007, sak 07/5522" in notice.notice
    assert "publisere" in notice.reminder
    view = history.agreement_adoption(SLUG, SCENARIO, "barnevern", demo)
    assert view.status is not None
    assert view.status.complete
    assert [p.state for p in view.participants] == ["vedtatt"] * 3
    assert view.notice == notice.notice
    listed = use_cases.list_agreements(SLUG, demo).rows
    row = next(r for r in listed if (r.scenario, r.service) == (SCENARIO, "barnevern"))
    assert (row.adopted, row.participants, row.complete) == (3, 3, True)
    assert not row.changed_since_latest


def test_any_change_to_a_mandatory_point_needs_every_council_again(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    save(demo, ready=True)
    for number in COUNCILS:
        adopt(demo, number)
    changed = save(demo, ready=True, notice_months="6")
    assert (changed.number, changed.created) == (2, True)
    view = history.agreement_adoption(SLUG, SCENARIO, "barnevern", demo)
    assert view.status is not None
    assert not view.status.complete
    assert view.status.stale == COUNCILS
    assert view.notice is None
    diff = history.diff_agreement_versions(SLUG, SCENARIO, "barnevern", 1, 2, demo)
    assert diff.changed_points == (("g", "Uttreden"),)
    removed = [line.text for line in diff.lines if line.kind == "removed"]
    added = [line.text for line in diff.lines if line.kind == "added"]
    assert any("12 måneders" in text for text in removed)
    assert any("6 måneders" in text for text in added)


def set_ikt_members(uow: SqlAlchemyUnitOfWork, members: set[str]) -> None:
    scenario = services.get_scenario(SLUG, SCENARIO, uow)
    arrangements = [
        {
            "service": a.service,
            "host": a.host,
            "participants": sorted(members if a.service == "ikt-drift" else a.participants),
            "joint_fte": str(a.joint_fte),
            "local_fte": str(a.local_fte),
            "cost_key": a.cost_key or "",
        }
        for a in scenario.arrangements
    ]
    services.edit_scenario(
        SLUG, SCENARIO, arrangements, STEERING, uow, scenario.version, scenario.policy
    )


def test_ibestad_joining_makes_a_new_version_that_all_four_must_adopt(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    set_ikt_members(demo, set(COUNCILS))
    first = save(demo, ready=True, service="ikt-drift")
    for number in COUNCILS:
        adopt(demo, number, service="ikt-drift")
    set_ikt_members(demo, {"5514", *COUNCILS})
    stale = use_cases.draft_agreement(SLUG, SCENARIO, "ikt-drift", demo)
    assert not stale.matches_latest  # the page says the text differs from version 1
    assert "Ibestad" in stale.draft.title
    second = save(demo, service="ikt-drift")
    assert (first.number, second.number, second.created) == (1, 2, True)
    view = history.agreement_adoption(SLUG, SCENARIO, "ikt-drift", demo)
    assert view.status is not None
    assert view.status.missing == ("5514", *COUNCILS)
    assert {p.name: p.state for p in view.participants} == {
        "Gratangen": "vedtok en eldre versjon",
        "Ibestad": "ikke behandlet",
        "Lavangen": "vedtok en eldre versjon",
        "Salangen": "vedtok en eldre versjon",
    }
    diff = history.diff_agreement_versions(SLUG, SCENARIO, "ikt-drift", 1, 2, demo)
    assert diff.joined == ("Ibestad",)
    assert "a" in dict(diff.changed_points)


def test_a_saved_version_reads_back_as_saved_after_the_data_changes(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    saved = save(demo, ready=True, budget_year="2025")
    with demo:
        baseline = demo.baselines.list(["5516"], ["barnevern"], 2025)[0]
        demo.baselines.replace(
            type(baseline)(
                baseline.municipality,
                baseline.service,
                baseline.year,
                baseline.fte,
                baseline.headcount,
                baseline.gross_cost_nok + 100_000,
                baseline.pay_cost_nok,
                baseline.usage,
                baseline.basis,
            )
        )
        demo.commit()
    current = use_cases.draft_agreement(SLUG, SCENARIO, "barnevern", demo)
    kept = use_cases.draft_agreement(SLUG, SCENARIO, "barnevern", demo, version=1)
    # new figures change only the illustration in appendix 1, not the text councils adopt
    assert current.matches_latest
    assert current.draft.appendices[0].total_nok == Decimal(4449000)
    assert kept.content_hash == saved.content_hash
    assert kept.draft.appendices[0].total_nok == Decimal(4349000)
    assert kept.draft.status is DraftStatus.READY
    listed = use_cases.list_agreements(SLUG, demo).rows
    assert not next(
        r for r in listed if r.service == "barnevern" and r.scenario == SCENARIO
    ).changed_since_latest
