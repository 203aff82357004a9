"""Agreement versions and likelydende vedtak: canonical text, hash, diff, adoption, notice."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.agreements.adoption import (
    Adoption,
    AdoptionBody,
    NotFullyAdopted,
    Outcome,
    adoption_status,
    canonical_text,
    changed_points,
    content_hash,
    diff_versions,
    publication_reminder,
    save_version,
    statsforvalter_notice,
    version_diff,
)
from coop.domain.agreements.draft import AgreementDraft
from coop.domain.agreements.drafting import AgreementInputs, build_draft, mark_ready
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.errors import InvalidData
from coop.domain.model import CooperationProject, Municipality, Service, ServiceArrangement

COUNCIL, EXECUTIVE = AdoptionBody.KOMMUNESTYRE, AdoptionBody.FORMANNSKAP
ADOPTED, REJECTED, POSTPONED = Outcome.ADOPTED, Outcome.REJECTED, Outcome.POSTPONED
OTHER_HASH = "0" * 64
NAMES = {"5514": "Ibestad", "5516": "Gratangen", "5518": "Lavangen", "5522": "Salangen"}
BARNEVERN_2007 = frozenset({"5516", "5518", "5522"})


def draft(**changes: Any) -> AgreementDraft:
    """The 2007 barnevern agreement (Salangen host) with every mandatory point filled in.

    A pytest run in importlib mode cannot import test_agreements, hence this short copy.
    """
    members = changes.pop("participants", BARNEVERN_2007)
    towns = {
        n: Municipality(n, name, "Troms", 1000, date(2024, 1, 1), "c") for n, name in NAMES.items()
    }
    values: dict[str, Any] = {
        "project": CooperationProject(
            "astafjord-2007",
            "Astafjord",
            tuple(NAMES),
            (Service("barnevern", "Barnevern"),),
            {"barnevern": frozenset(NAMES)},
        ),
        "arrangement": ServiceArrangement("barnevern", "5522", members),
        "service_name": "Barnevern",
        "municipalities": towns,
        "decided_on": date(2007, 5, 24),
        "effective_from": date(2007, 9, 1),
        "cost_key": CostKey(
            "Folketall",
            (KeyComponent(KeyKind.POPULATION, Decimal(1)),),
            population_date=date(2007, 1, 1),
        ),
        "shares": {n: Decimal(1) / len(members) for n in members},
        "amounts": {n: Decimal(900_000) for n in members},
        "budget_year": 2008,
        "akonto_frequency": "kvartalsvis",
        "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
        "informed_decisions": "vedtak om omsorgsovertakelse.",
        "tasks": "Kommunens oppgaver etter barnevernloven.",
        "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen.",
        "other_legal_terms": "Ingen andre lovkrav.",
    }
    values.update(changes)
    return build_draft(AgreementInputs(**values))


def council(number: str, day: date, version: str, outcome: Outcome = ADOPTED) -> Adoption:
    return Adoption(number, COUNCIL, day, f"{day.day}/{day.year % 100:02d}", outcome, version)


def seed_adoptions(version: str) -> list[Adoption]:
    """Spring 2007 as in the slides; Lavangen's council outcome (24.05) is assumed."""
    return [
        Adoption("5522", EXECUTIVE, date(2007, 4, 23), "12/07", ADOPTED, version),
        Adoption("5516", EXECUTIVE, date(2007, 4, 24), "20/07", ADOPTED, version),
        council("5516", date(2007, 5, 3), version),
        council("5522", date(2007, 5, 4), version),
        Adoption("5518", EXECUTIVE, date(2007, 5, 14), "31/07", ADOPTED, version),
        council("5518", date(2007, 5, 24), version),
    ]


# ---------------------------------------------------------------- canonical text and hash


def test_hash_is_a_stable_sha256_of_the_canonical_text():
    first, second = content_hash(draft()), content_hash(draft())
    assert first == second
    assert first == hashlib.sha256(canonical_text(draft()).encode("utf-8")).hexdigest()


def test_hash_ignores_status_and_whitespace_in_free_text():
    base = draft()
    assert content_hash(mark_ready(base)) == content_hash(base)
    spaced = draft(tasks="  Kommunens oppgaver \n etter   barnevernloven. ")
    assert content_hash(spaced) == content_hash(base)


def test_canonical_text_has_one_line_per_clause_and_leaves_out_the_illustration():
    text = canonical_text(draft())
    lines = text.splitlines()
    assert lines[0].startswith("Avtale om administrativt vertskommunesamarbeid")
    assert "§ 6 Uttreden" in lines
    assert any(line.startswith("6.1 En deltaker kan tre ut") for line in lines)
    # councils adopt the key and the rules; appendix 1's kroner are an illustration
    assert not any(line.startswith(("V1", "Vedlegg 1")) for line in lines)
    assert "Vedlegg 2 Personalvilkår" in lines


def test_new_yearly_amounts_do_not_change_the_adopted_text():
    before = draft()
    after = draft(amounts={n: Decimal(1_000_000) for n in BARNEVERN_2007})
    assert content_hash(after) == content_hash(before)
    assert changed_points(before, after) == ()


NEW_KEY = CostKey("Likt", (KeyComponent(KeyKind.EQUAL, Decimal(1)),), description="Fordeles likt.")


@pytest.mark.parametrize(
    ("change", "point"),
    [
        ({"tasks": "Bare undersøkelsessaker etter barnevernloven."}, "c"),
        ({"effective_from": date(2008, 1, 1)}, "d"),
        ({"informed_decisions": "alle enkeltvedtak."}, "e"),
        ({"cost_key": NEW_KEY}, "f"),
        ({"notice_months": 24}, "g"),
        ({"dissolution_terms": "Vertskommunen beholder alt utstyr."}, "h"),
        ({"other_legal_terms": "Barnevernloven § 2-1 gjelder."}, "i"),
    ],
)
def test_hash_changes_when_a_mandatory_point_changes(change: dict[str, Any], point: str):
    old, new = draft(), draft(**change)
    assert content_hash(new) != content_hash(old)
    assert point in changed_points(old, new)


def test_diff_shows_the_changed_clause_by_number():
    old, new = canonical_text(draft()), canonical_text(draft(notice_months=24))
    diff = diff_versions(old, new)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in "+++---"]
    clause = "6.1 En deltaker kan tre ut av samarbeidet ved skriftlig oppsigelse med {} frist."
    assert changed == ["-" + clause.format("12 måneders"), "+" + clause.format("24 måneders")]
    assert diff_versions(old, old) == ""


def test_saving_an_unchanged_draft_keeps_the_version_and_a_change_adds_one():
    first = save_version([], draft(), date(2007, 4, 1))
    assert first.number == 1
    assert save_version([first], draft(), date(2007, 4, 2)) is first
    second = save_version([first], draft(notice_months=6), date(2007, 4, 3))
    assert second.number == 2
    assert second.content_hash != first.content_hash
    assert "+6.1" in version_diff(first, second)
    assert "versjon 1" in version_diff(first, second)


# ---------------------------------------------------------------- adoption status


def test_adoption_is_complete_when_every_council_adopted_the_same_version():
    version = content_hash(draft())
    status = adoption_status(BARNEVERN_2007, seed_adoptions(version), version)
    assert status.complete
    assert status.adopted_by == ("5516", "5518", "5522")
    assert status.missing == status.stale == status.rejected == ()


def test_formannskap_recommendations_do_not_count_as_adoption():
    version = content_hash(draft())
    only_executive = [a for a in seed_adoptions(version) if a.body is EXECUTIVE]
    status = adoption_status(BARNEVERN_2007, only_executive, version)
    assert not status.complete
    assert status.missing == ("5516", "5518", "5522")


def test_lavangen_still_missing_leaves_adoption_incomplete():
    version = content_hash(draft())
    without_lavangen = [a for a in seed_adoptions(version) if a.participant != "5518"]
    status = adoption_status(BARNEVERN_2007, without_lavangen, version)
    assert not status.complete
    assert status.missing == ("5518",)
    assert status.stale == ()


def test_a_council_that_adopted_another_version_is_stale_and_incomplete():
    version = content_hash(draft())
    decisions = seed_adoptions(version)
    decisions[-1] = council("5518", date(2007, 5, 24), OTHER_HASH)
    status = adoption_status(BARNEVERN_2007, decisions, version)
    assert not status.complete
    assert status.stale == ("5518",)


def test_rejection_is_reported_and_a_later_adoption_counts():
    version = content_hash(draft())
    decisions = [
        *seed_adoptions(version)[:-1],
        council("5518", date(2007, 5, 24), version, REJECTED),
    ]
    assert adoption_status(BARNEVERN_2007, decisions, version).rejected == ("5518",)
    decisions += [
        council("5518", date(2007, 6, 7), version, POSTPONED),
        council("5518", date(2007, 6, 21), version),
    ]
    assert adoption_status(BARNEVERN_2007, decisions, version).complete


def test_adding_ibestad_creates_a_new_version_that_every_council_must_adopt():
    old = draft()
    with_ibestad = draft(participants=BARNEVERN_2007 | {"5514"})
    old_version, new_version = content_hash(old), content_hash(with_ibestad)
    assert new_version != old_version
    assert "a" in changed_points(old, with_ibestad)
    decisions = seed_adoptions(old_version)
    status = adoption_status(with_ibestad.participants, decisions, new_version)
    assert not status.complete
    assert status.missing == ("5514", "5516", "5518", "5522")
    assert status.stale == ("5516", "5518", "5522")
    first = save_version([], old, date(2007, 4, 1))
    second = save_version([first], with_ibestad, date(2008, 3, 1))
    assert second.number == 2
    assert second.participants == ("5516", "5514", "5518", "5522")  # by name
    assert "Ibestad kommune (kommunenummer 5514)" in version_diff(first, second)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["5514", "5516", "5518", "5522"]),
            st.sampled_from(list(AdoptionBody)),
            st.integers(0, 60),
            st.sampled_from(list(Outcome)),
            st.booleans(),
        ),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_status_partitions_the_participants_and_ignores_input_order(
    rows: list[tuple[str, AdoptionBody, int, Outcome, bool]], rng: random.Random
):
    current = content_hash(draft())
    decisions = [
        Adoption(
            n, body, date(2007, 5, 1 + day % 28), "1/07", outcome, current if same else OTHER_HASH
        )
        for n, body, day, outcome, same in rows
    ]
    decisions = [  # one decision per participant and day, so the order within a day is moot
        a
        for k, a in enumerate(decisions)
        if (a.participant, a.meeting_date)
        not in {(b.participant, b.meeting_date) for b in decisions[:k]}
    ]
    status = adoption_status(BARNEVERN_2007, decisions, current)
    assert set(status.adopted_by) | set(status.missing) == BARNEVERN_2007
    assert not set(status.adopted_by) & set(status.missing)
    assert set(status.stale) <= set(status.missing)
    assert status.complete == (not status.missing)
    shuffled = decisions[:]
    rng.shuffle(shuffled)
    assert adoption_status(BARNEVERN_2007, shuffled, current) == status


def test_adoption_record_needs_a_case_number_and_a_real_hash():
    with pytest.raises(InvalidData, match="saksnummer"):
        Adoption("5516", COUNCIL, date(2007, 5, 3), " ", ADOPTED, OTHER_HASH)
    with pytest.raises(InvalidData, match="SHA-256"):
        Adoption("5516", COUNCIL, date(2007, 5, 3), "1/07", ADOPTED, "abc")


# ---------------------------------------------------------------- after full adoption


def test_notice_is_refused_until_every_council_adopted_and_names_who_is_missing():
    agreement = draft()
    decisions = [a for a in seed_adoptions(content_hash(agreement)) if a.participant != "5518"]
    with pytest.raises(NotFullyAdopted, match="Lavangen") as raised:
        statsforvalter_notice(agreement, decisions)
    assert raised.value.names == ("Lavangen",)


def test_notice_of_the_2007_agreement_goes_to_fylkesmannen_and_lists_the_councils():
    agreement = draft()
    version = content_hash(agreement)
    notice = statsforvalter_notice(agreement, seed_adoptions(version))
    assert notice.startswith("Til Fylkesmannen\n")
    assert "Salangen kommune er vertskommune" in notice
    assert "kommuneloven 1992 § 28 b" in notice
    assert "- Gratangen kommunestyre 03.05.2007, sak 3/07" in notice
    assert "- Lavangen kommunestyre 24.05.2007, sak 24/07" in notice
    assert "formannskap" not in notice
    assert "fra og med 01.09.2007" in notice
    assert version in notice


def test_notice_of_a_2026_agreement_goes_to_statsforvalteren():
    agreement = draft(decided_on=date(2026, 2, 1), effective_from=date(2026, 7, 1))
    version = content_hash(agreement)
    decisions = [council(n, date(2026, 3, 10 + k), version) for k, n in enumerate(BARNEVERN_2007)]
    notice = statsforvalter_notice(agreement, decisions)
    assert notice.startswith("Til Statsforvalteren\n")
    assert "kommuneloven § 20-2" in notice


def test_publication_reminder_follows_full_adoption():
    agreement = draft()
    version = content_hash(agreement)
    reminder = publication_reminder(agreement, seed_adoptions(version))
    assert "publisere" in reminder
    assert "Gratangen, Lavangen og Salangen" in reminder
    assert "24.05.2007" in reminder
    assert "til fylkesmannen" in reminder
    with pytest.raises(NotFullyAdopted):
        publication_reminder(agreement, seed_adoptions(OTHER_HASH))


def test_notice_and_reminder_use_the_stored_hash_of_the_adopted_version():
    agreement = draft()
    stored = "ab" * 32  # the hash saved with the version, e.g. before a wording change
    decisions = seed_adoptions(stored)
    notice = statsforvalter_notice(agreement, decisions, stored)
    assert f"(SHA-256): {stored}" in notice
    assert f"(versjon {stored[:12]})" in publication_reminder(agreement, decisions, stored)
    with pytest.raises(NotFullyAdopted):
        statsforvalter_notice(agreement, decisions)  # the draft's own hash was not adopted
