"""Agreement versions and council decisions stored and read back, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from coop.domain.agreements.adoption import (
    Adoption,
    AdoptionBody,
    Outcome,
    content_hash,
    save_version,
)
from coop.domain.agreements.draft import DraftStatus
from coop.domain.agreements.drafting import AgreementInputs, build_draft
from coop.domain.errors import ConcurrentEdit, NotFound
from coop.domain.model import CooperationProject, Municipality, Service, ServiceArrangement
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

SEED = {"5516": ("Gratangen", "Årstein"), "5518": ("Lavangen", "Tennevoll")}
TOWNS = {
    n: Municipality(n, name, "Troms", 1000, date(2024, 1, 1), c) for n, (name, c) in SEED.items()
}
PROJECT = CooperationProject(
    "astafjord-2007",
    "Astafjord",
    tuple(SEED),
    (Service("barnevern", "Barnevern"),),
    {"barnevern": frozenset(SEED)},
)
SAVED_AT = datetime(2007, 5, 2, 14, 30, tzinfo=UTC)


def inputs(**changes: Any) -> AgreementInputs:
    values: dict[str, Any] = {
        "project": PROJECT,
        "arrangement": ServiceArrangement("barnevern", "5516", frozenset(SEED)),
        "service_name": "Barnevern",
        "municipalities": TOWNS,
        "decided_on": date(2007, 5, 24),
    }
    return AgreementInputs(**{**values, **changes})


@pytest.fixture
def store(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    with uow:
        for town in TOWNS.values():
            uow.municipalities.upsert(town)
        uow.services.upsert(PROJECT.services[0])
        uow.projects.add(PROJECT)
        uow.commit()
    return uow


def save(uow: SqlAlchemyUnitOfWork, scenario: str, made: AgreementInputs) -> int:
    with uow:
        latest = uow.agreements.latest("astafjord-2007", scenario, "barnevern")
        history = [latest.version] if latest else []
        version = save_version(history, build_draft(made), SAVED_AT.date())
        uow.agreements.add(
            "astafjord-2007", scenario, version, made, DraftStatus.DRAFT, "styring", SAVED_AT
        )
        uow.commit()
    return version.number


def test_a_saved_version_reads_back_with_text_hash_snapshot_and_who(
    store: SqlAlchemyUnitOfWork,
) -> None:
    made = inputs(tasks="Oppgaver etter barnevernloven.")
    assert save(store, "Ordførergruppas forslag 2007", made) == 1
    with store:
        stored = store.agreements.get(
            "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern", 1
        )
    assert stored.content_hash == content_hash(build_draft(made))
    assert stored.version.participants == ("5516", "5518")
    assert stored.inputs == made
    assert (stored.saved_by, stored.status, stored.decided_on) == (
        "styring",
        DraftStatus.DRAFT,
        date(2007, 5, 24),
    )
    assert stored.saved_at.replace(tzinfo=UTC) == SAVED_AT


def test_versions_are_numbered_per_scenario_and_listed_oldest_first(
    store: SqlAlchemyUnitOfWork,
) -> None:
    save(store, "Ordførergruppas forslag 2007", inputs())
    save(store, "Ordførergruppas forslag 2007", inputs(tasks="Endret"))
    save(store, "Alt i Salangen", inputs())
    with store:
        numbers = [
            v.number
            for v in store.agreements.versions(
                "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern"
            )
        ]
        latest = store.agreements.latest_by_arrangement("astafjord-2007")
    assert numbers == [1, 2]
    assert {k: v.number for k, v in latest.items()} == {
        ("Ordførergruppas forslag 2007", "barnevern"): 2,
        ("Alt i Salangen", "barnevern"): 1,
    }


def test_two_saves_of_the_same_number_clash_as_a_concurrent_edit(
    store: SqlAlchemyUnitOfWork,
) -> None:
    made = inputs()
    version = save_version([], build_draft(made), SAVED_AT.date())
    save(store, "Ordførergruppas forslag 2007", made)
    with store, pytest.raises(ConcurrentEdit, match="endret av noen andre"):
        store.agreements.add(
            "astafjord-2007",
            "Ordførergruppas forslag 2007",
            version,
            made,
            DraftStatus.DRAFT,
            "okonomi",
            SAVED_AT,
        )


def test_a_missing_version_is_not_found_and_no_version_gives_none(
    store: SqlAlchemyUnitOfWork,
) -> None:
    with store:
        assert (
            store.agreements.latest("astafjord-2007", "Ordførergruppas forslag 2007", "barnevern")
            is None
        )
        with pytest.raises(NotFound, match="Fant ikke versjon 3"):
            store.agreements.get("astafjord-2007", "Ordførergruppas forslag 2007", "barnevern", 3)


def test_the_status_of_one_version_changes_and_stays_changed(store: SqlAlchemyUnitOfWork) -> None:
    save(store, "Ordførergruppas forslag 2007", inputs())
    with store:
        store.agreements.set_status(
            "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern", 1, DraftStatus.READY
        )
        store.commit()
    with store:
        latest = store.agreements.latest(
            "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern"
        )
    assert latest is not None
    assert latest.status is DraftStatus.READY


def test_decisions_read_back_by_meeting_date_per_arrangement(store: SqlAlchemyUnitOfWork) -> None:
    digest = content_hash(build_draft(inputs()))
    later = Adoption(
        "5518", AdoptionBody.KOMMUNESTYRE, date(2007, 6, 20), "07/9", Outcome.ADOPTED, digest
    )
    earlier = Adoption(
        "5516", AdoptionBody.FORMANNSKAP, date(2007, 6, 1), " 07/3 ", Outcome.POSTPONED, digest
    )
    with store:
        for decision in (later, earlier):
            store.agreements.add_adoption(
                "astafjord-2007",
                "Ordførergruppas forslag 2007",
                "barnevern",
                decision,
                "styring",
                SAVED_AT,
            )
        store.commit()
    with store:
        read = store.agreements.adoptions(
            "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern"
        )
        grouped = store.agreements.adoptions_by_arrangement("astafjord-2007")
        other = store.agreements.adoptions("astafjord-2007", "Alt i Salangen", "barnevern")
    assert [a.participant for a in read] == ["5516", "5518"]
    assert read[0].case_number == "07/3"
    assert read[1] == later
    assert list(grouped) == [("Ordførergruppas forslag 2007", "barnevern")]
    assert other == []
