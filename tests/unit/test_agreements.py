"""Agreement drafts: law and titles by date, § 20-4 checklist, clauses and appendices."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.agreements.draft import (
    AgreementDraft,
    DraftStatus,
    NoHostModelBasis,
    NotReadyForAdoption,
)
from coop.domain.agreements.drafting import (
    AgreementInputs,
    build_draft,
    checklist,
    mark_ready,
    missing_checklist_points,
)
from coop.domain.agreements.law import law_for
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.errors import InvalidData, InvalidPolicy, UnknownMunicipality
from coop.domain.formatting import format_date, format_nok, format_share
from coop.domain.model import (
    CooperationProject,
    LegalForm,
    Municipality,
    Service,
    ServiceArrangement,
)
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

NBSP = "\u00a0"
SEED = {  # kommunenummer 2024, name, population 1.1.2024 (domain.md §5.1)
    "5516": ("Gratangen", 1070),
    "5518": ("Lavangen", 986),
    "5522": ("Salangen", 2069),
    "5514": ("Ibestad", 1311),
}
MUNICIPALITIES = {
    n: Municipality(n, name, "Troms", pop, date(2024, 1, 1), "adm")
    for n, (name, pop) in SEED.items()
}
BARNEVERN_2007 = frozenset({"5516", "5518", "5522"})
POLICY_2007 = PersonnelPolicy(
    "Retningslinjer 2007",
    (TravelBand(Decimal(0), Decimal(15000)), TravelBand(Decimal(40), Decimal(25000))),
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    transition_grant_nok=Decimal(25000),
)
POPULATION_KEY = CostKey(
    "Folketall", (KeyComponent(KeyKind.POPULATION, Decimal(1)),), population_date=date(2007, 1, 1)
)


def project(services: tuple[str, ...] = ("barnevern",)) -> CooperationProject:
    return CooperationProject(
        "astafjord-2007",
        "Samarbeidsprosjektet Gratangen, Lavangen, Salangen og Ibestad",
        tuple(SEED),
        tuple(Service(code, code.replace("-", " ").capitalize()) for code in services),
        {code: frozenset(SEED) for code in services},  # Ibestad may join any service later
    )


def seed_inputs(**changes: Any) -> AgreementInputs:
    """The 2007 barnevern agreement, Salangen host, with every mandatory point filled in."""
    members = changes.pop("participants", BARNEVERN_2007)
    form = changes.pop("legal_form", LegalForm.ADMINISTRATIVE)
    service = changes.pop("service", "barnevern")
    equal = Decimal(1) / len(members)
    values: dict[str, Any] = {
        "project": project((service,)),
        "arrangement": ServiceArrangement(service, "5522", members, form, Decimal("4.5")),
        "service_name": "Barnevern",
        "municipalities": MUNICIPALITIES,
        "decided_on": date(2007, 5, 24),
        "effective_from": date(2007, 9, 1),
        "cost_key": POPULATION_KEY,
        "shares": {n: equal for n in members},
        "amounts": {n: Decimal(900_000) for n in members},
        "budget_year": 2008,
        "budget_total_nok": Decimal(900_000) * len(members),
        "akonto_frequency": "kvartalsvis",
        "policy": POLICY_2007,
        "exit_cost_terms": "Den som trer ut, betaler sin andel av utgiftene i oppsigelsestiden.",
        "informed_decisions": "vedtak om omsorgsovertakelse, med kopi til kommunens rådmann.",
        "tasks": "Kommunens oppgaver etter barnevernloven, unntatt saker for fylkesnemnda.",
        "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen; arkivet deles etter sak.",
        "other_legal_terms": "Ingen andre lovkrav for denne tjenesten.",
    }
    values.update(changes)
    return AgreementInputs(**values)


def text_of(draft: AgreementDraft) -> str:
    return "\n".join(c.text for c in draft.clauses())


# ---------------------------------------------------------------- law and titles by date


@pytest.mark.parametrize(
    ("day", "act", "chief", "office"),
    [
        (date(2007, 1, 1), "kommuneloven 1992", "rådmann", "fylkesmannen"),
        (date(2019, 6, 30), "kommuneloven 1992", "rådmann", "fylkesmannen"),
        (date(2019, 12, 31), "kommuneloven 1992", "rådmann", "fylkesmannen"),
        (date(2020, 1, 1), "kommuneloven", "kommunedirektør", "fylkesmannen"),
        (date(2020, 12, 31), "kommuneloven", "kommunedirektør", "fylkesmannen"),
        (date(2021, 1, 1), "kommuneloven", "kommunedirektør", "statsforvalteren"),
        (date(2026, 3, 1), "kommuneloven", "kommunedirektør", "statsforvalteren"),
    ],
)
def test_law_and_titles_follow_the_agreement_date(day: date, act: str, chief: str, office: str):
    law = law_for(day)
    assert (law.act, law.chief_title, law.state_office) == (act, chief, office)
    assert law.host_model_basis
    expected = "§ 20-4" if not act.endswith("1992") else "§ 28 e" if day.year < 2013 else "§ 28-1 e"
    assert law.ref("agreement") == expected


@pytest.mark.parametrize(
    ("day", "chapter", "agreement"),
    [
        (date(2007, 5, 24), "kapittel 5", "§ 28 e"),  # the seed's Lavangen council meeting
        (date(2013, 6, 30), "kapittel 5", "§ 28 e"),
        (date(2013, 7, 1), "kapittel 5 A", "§ 28-1 e"),  # lov 25. mai 2012 nr. 28
        (date(2019, 6, 30), "kapittel 5 A", "§ 28-1 e"),
    ],
)
def test_the_1992_act_numbering_follows_the_2012_amendment(day: date, chapter: str, agreement: str):
    law = law_for(day)
    assert (law.chapter, law.ref("agreement")) == (chapter, agreement)
    assert law.ref("20-2") == agreement.replace(" e", " b")


def test_a_date_near_the_renumbering_asks_to_verify_it():
    assert any("verifiser" in n for n in law_for(date(2013, 3, 1)).notes)
    assert not any("verifiser" in n for n in law_for(date(2007, 5, 24)).notes)


def test_a_date_in_2006_has_no_general_host_municipality_basis():
    law = law_for(date(2006, 12, 31))
    assert not law.host_model_basis
    assert "Før 1.1.2007" in law.notes[0]


def test_draft_dated_2006_is_refused_with_the_reason():
    with pytest.raises(NoHostModelBasis, match="ingen generell lovhjemmel"):
        build_draft(seed_inputs(decided_on=date(2006, 6, 1)))


def test_council_constituted_in_october_2019_uses_the_new_act_from_that_day():
    assert law_for(date(2019, 11, 15), new_act_from=date(2019, 10, 20)).chapter == "kapittel 20"
    assert law_for(date(2019, 10, 19), new_act_from=date(2019, 10, 20)).chapter == "kapittel 5 A"


def test_cut_over_outside_autumn_2019_is_rejected():
    with pytest.raises(InvalidData, match="mellom 1.9.2019 og 1.1.2020"):
        law_for(date(2019, 11, 1), new_act_from=date(2018, 10, 1))


def test_participants_on_different_acts_keep_the_1992_act_and_warn():
    dates = {"5516": date(2019, 10, 10), "5518": date(2019, 10, 10), "5522": date(2019, 10, 30)}
    draft = build_draft(seed_inputs(decided_on=date(2019, 10, 20), new_act_from=dates))
    assert draft.law.chapter == "kapittel 5 A"
    assert any("noen av deltakerne, men ikke alle" in w for w in draft.warnings)
    later = build_draft(seed_inputs(decided_on=date(2019, 11, 1), new_act_from=dates))
    assert later.law.chapter == "kapittel 20"
    assert later.law.state_office == "fylkesmannen"


def test_autumn_2019_without_council_dates_warns_about_the_simplification():
    draft = build_draft(seed_inputs(decided_on=date(2019, 11, 20)))
    assert draft.law.chief_title == "rådmann"
    assert any("forenkling" in w for w in draft.warnings)


def test_seed_case_2007_is_drafted_under_section_28_with_radmann_and_fylkesmannen():
    draft = build_draft(seed_inputs())
    text = text_of(draft)
    assert draft.law.act == "kommuneloven 1992"
    assert "kommuneloven 1992 § 28 b" in text
    assert "etter § 28 e" in text
    assert "28-1" not in text
    assert "rådmannen i vertskommunen" in text
    assert "til fylkesmannen" in text
    for later_term in ("kommunedirektør", "statsforvalter", "§ 20-"):
        assert later_term not in text
    assert draft.participants == ("5516", "5518", "5522")
    assert draft.title.endswith("om barnevern mellom Gratangen, Lavangen og Salangen kommuner")


def test_2026_draft_is_under_section_20_4_with_kommunedirektor_and_statsforvalteren():
    draft = build_draft(seed_inputs(decided_on=date(2026, 2, 1), effective_from=date(2026, 7, 1)))
    text = text_of(draft)
    assert "kommuneloven § 20-2" in text
    assert "§ 20-4" in text
    assert "kommunedirektøren i vertskommunen" in text
    assert "til statsforvalteren" in text
    assert "§ 20-8" in text  # withdrawal and dissolution cite the 2018 act
    for old_term in ("rådmannen", "fylkesmannen", "§ 28-1"):
        assert old_term not in text


# ---------------------------------------------------------------- checklist


def test_complete_seed_draft_fills_every_mandatory_point_and_can_be_marked_ready():
    draft = build_draft(seed_inputs())
    assert missing_checklist_points(draft) == ()
    letters = [item.letter for item in checklist(draft) if item.mandatory]
    assert letters == list("abcdefghi")
    ready = mark_ready(draft)
    assert ready.status is DraftStatus.READY
    assert draft.status is DraftStatus.DRAFT


@pytest.mark.parametrize(
    ("change", "letter"),
    [
        ({"tasks": None}, "c"),
        ({"tasks": "   "}, "c"),
        ({"effective_from": None}, "d"),
        ({"informed_decisions": None}, "e"),
        ({"cost_key": None}, "f"),
        ({"akonto_frequency": None}, "f"),
        ({"notice_months": None}, "g"),
        ({"exit_cost_terms": None}, "g"),
        ({"dissolution_terms": ""}, "h"),
        ({"other_legal_terms": None}, "i"),
    ],
)
def test_each_missing_mandatory_point_is_detected_and_blocks_readiness(
    change: dict[str, Any], letter: str
):
    inputs = seed_inputs(**change)
    draft = build_draft(inputs)
    assert [item.letter for item in missing_checklist_points(draft)] == [letter]
    assert checklist(inputs) == checklist(draft)
    assert "[MANGLER:" in text_of(draft)  # the printed draft shows the gap too
    with pytest.raises(NotReadyForAdoption) as raised:
        mark_ready(draft)
    assert raised.value.points == (letter,)
    assert f"{letter})" in raised.value.message


@pytest.mark.parametrize("change", [{"shares": {}}, {"budget_year": None}, {"amounts": {}}])
def test_the_yearly_illustration_never_blocks_adoption(change: dict[str, Any]):
    assert missing_checklist_points(build_draft(seed_inputs(**change))) == ()


def test_the_refusal_names_every_missing_point():
    draft = build_draft(seed_inputs(tasks=None, dissolution_terms=None, effective_from=None))
    with pytest.raises(NotReadyForAdoption) as raised:
        mark_ready(draft)
    assert raised.value.points == ("c", "d", "h")
    assert "oppgaver og myndighet som overføres" in raised.value.message


OPTIONAL_FIELDS = {  # field -> the point it fills
    "tasks": "c",
    "effective_from": "d",
    "informed_decisions": "e",
    "akonto_frequency": "f",
    "exit_cost_terms": "g",
    "dissolution_terms": "h",
    "other_legal_terms": "i",
}


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(sorted(OPTIONAL_FIELDS))))
def test_exactly_the_points_of_the_left_out_fields_are_missing(left_out: set[str]):
    draft = build_draft(seed_inputs(**dict.fromkeys(left_out)))
    expected = sorted({OPTIONAL_FIELDS[f] for f in left_out})
    assert [item.letter for item in missing_checklist_points(draft)] == expected


def test_joint_board_needs_its_members_per_participant():
    unset = build_draft(seed_inputs(legal_form=LegalForm.JOINT_BOARD))
    assert [i.letter for i in missing_checklist_points(unset)] == ["nemnd"]
    board = build_draft(
        seed_inputs(legal_form=LegalForm.JOINT_BOARD, board_members_per_participant=2)
    )
    assert missing_checklist_points(board) == ()
    assert "velger 2 medlemmer" in text_of(board)
    assert "også i saker av prinsipiell betydning" in text_of(board)


def test_joint_board_with_one_member_per_participant_is_rejected():
    with pytest.raises(InvalidData, match="minst to medlemmer"):
        seed_inputs(legal_form=LegalForm.JOINT_BOARD, board_members_per_participant=1)


def test_administrative_model_delegates_only_matters_without_principle_significance():
    draft = build_draft(seed_inputs())
    delegation = next(c for c in draft.clauses() if c.point == "c" and "delegere" in c.text)
    assert "som ikke har prinsipiell betydning" in delegation.text
    assert "nemnd" not in [i.letter for i in checklist(draft)]


def test_recommended_points_are_shown_but_do_not_block_readiness():
    draft = build_draft(seed_inputs(policy=None))
    items = {i.letter: i for i in checklist(draft)}
    assert not items["personell"].filled
    assert not items["personell"].mandatory
    assert not items["tvister"].filled
    assert mark_ready(draft).status is DraftStatus.READY


def test_recommended_clauses_appear_when_filled_in():
    draft = build_draft(
        seed_inputs(
            reporting_terms="Årsrapport til alle kommunestyrene innen 1. april.",
            archive_terms="Vertskommunen har arkivansvaret.",
            dispute_terms="Tvister løses ved forhandling, deretter ved lovlig verneting.",
            review_on=date(2009, 12, 31),
        )
    )
    items = {i.letter: i for i in checklist(draft)}
    assert all(items[p].filled for p in ("rapportering", "arkiv", "tvister", "revisjon"))
    assert "revideres innen 31.12.2009" in text_of(draft)


# ---------------------------------------------------------------- clauses and appendices


def test_sections_and_clauses_are_numbered_for_templates():
    draft = build_draft(seed_inputs())
    assert [s.number for s in draft.sections] == list(range(1, len(draft.sections) + 1))
    for section in draft.sections:
        numbers = [c.number for c in section.clauses]
        assert numbers == [f"{section.number}.{k}" for k in range(1, len(numbers) + 1)]
    assert [a.number for a in draft.appendices] == [1, 2]


def test_participants_are_named_with_kommunenummer():
    participants = next(c for c in build_draft(seed_inputs()).clauses() if c.point == "a")
    assert "Gratangen kommune (kommunenummer 5516)" in participants.text
    assert "Salangen kommune (kommunenummer 5522)" in participants.text


def test_share_table_lists_every_participant_with_the_host_marked_and_a_total():
    table = build_draft(seed_inputs()).appendices[0]
    assert table.heading == "Illustrasjon: hva nøkkelen gir for budsjettåret 2008"
    assert table.illustration  # not part of the text the councils adopt
    assert [(r.number, r.is_host) for r in table.rows] == [
        ("5516", False),
        ("5518", False),
        ("5522", True),
    ]
    assert table.total_nok == Decimal(2_700_000)
    assert sum(r.share or 0 for r in table.rows) == pytest.approx(1)


def test_withdrawal_defaults_to_twelve_months_notice_and_can_be_changed():
    default = text_of(build_draft(seed_inputs()))
    assert "oppsigelse med 12 måneders frist" in default
    assert "oppsigelse med 24 måneders frist" in text_of(build_draft(seed_inputs(notice_months=24)))


def test_cost_key_clause_states_weights_reference_date_and_overhead():
    mixed = CostKey(
        "30/70",
        (
            KeyComponent(KeyKind.EQUAL, Decimal("0.3")),
            KeyComponent(KeyKind.POPULATION, Decimal("0.7")),
        ),
        population_date=date(2025, 1, 1),
        host_overhead_pct=Decimal(5),
    )
    text = text_of(build_draft(seed_inputs(cost_key=mixed)))
    assert f"30{NBSP}% likt og 70{NBSP}% etter folketall per 01.01.2025" in text
    assert f"administrasjonstillegg på 5{NBSP}%" in text
    assert "beregner ikke administrasjonstillegg" in text_of(build_draft(seed_inputs()))


def test_personnel_appendix_states_chapter_16_rights_and_the_2007_grants():
    appendix = build_draft(seed_inputs()).appendices[1]
    text = " ".join(c.text for c in appendix.clauses)
    assert "Salangen kommune blir ny arbeidsgiver" in text  # the host is named
    assert "virksomhetsoverdragelse etter arbeidsmiljøloven kapittel 16" in text
    assert "§ 16-5)" in text
    assert "(§ 16-6)" in text  # the old employer's information duty
    assert "settes av den tidligere arbeidsgiveren og er 14 dager" in text  # § 16-3
    assert "ikke være kortere enn 14 dager" in text
    # fortrinnsrett: needs reservation, dismissal for lack of other work, 12 months in two
    # years, and lasts one year
    assert "har reservert seg og blir sagt opp" in text
    assert "ikke har annet passende arbeid" in text
    assert "minst 12 måneder de siste to årene" in text
    assert "gjelder i ett år" in text
    assert "pensjonsrettigheter" in text
    assert "(arbeidsmiljøloven § 16-2)." in text
    assert "gir deltakerkommunene de ansatte de samme rettighetene etter denne avtalen" in text
    assert f"15{NBSP}000{NBSP}kr ved reisevei under 40 km" in text
    assert f"25{NBSP}000{NBSP}kr ved reisevei på 40 km eller mer" in text
    assert "faktiske flytteutgifter" in text
    assert f"omstillingstilskudd på 25{NBSP}000{NBSP}kr" in text
    assert "Lysbildene" not in text  # the policy's planning note is never printed


def test_policy_semantics_are_printed_exactly_as_set():
    seed = seed_inputs().policy
    assert seed is not None
    over = replace(
        seed,
        threshold_inclusive=False,
        one_way_km=False,
        grant_years=3,
        transition_grant_to="flyttere",
    )
    text = " ".join(c.text for c in build_draft(seed_inputs(policy=over)).appendices[1].clauses)
    assert f"15{NBSP}000{NBSP}kr ved reisevei til og med 40 km" in text
    assert f"25{NBSP}000{NBSP}kr ved reisevei over 40 km" in text
    assert "samlet per dag" in text
    assert "utbetalt per år i 3 år" in text
    assert (
        "Ansatte som overføres og flytter på grunn av overføringen, får et omstillingstilskudd"
        in text
    )
    once = replace(seed, yearly=False)
    text = " ".join(c.text for c in build_draft(seed_inputs(policy=once)).appendices[1].clauses)
    assert "utbetalt som engangsbeløp" in text
    assert "én vei mellom bosted og nytt arbeidssted" in text
    assert "Alle ansatte som overføres, får et omstillingstilskudd" in text


def test_reservation_deadline_below_fourteen_days_is_rejected():
    with pytest.raises(InvalidPolicy, match="minst 14 dager"):
        seed_inputs(reservation_days=10)


def test_tax_collection_after_november_2020_is_limited_to_municipal_collection():
    later = build_draft(
        seed_inputs(service="skatt-innfordring", decided_on=date(2021, 3, 1), effective_from=None)
    )
    assert any("særnamsmann" in w for w in later.warnings)
    early = build_draft(seed_inputs(service="skatt-innfordring"))
    assert not any("særnamsmann" in w for w in early.warnings)
    takes_effect_later = build_draft(
        seed_inputs(
            service="skatt-innfordring",
            decided_on=date(2020, 6, 1),
            effective_from=date(2020, 11, 1),
        )
    )
    assert any("særnamsmann" in w for w in takes_effect_later.warnings)


def test_transfer_dated_before_the_agreement_is_warned_about():
    draft = build_draft(seed_inputs(effective_from=date(2007, 1, 1)))
    assert any("ligger før avtaledatoen" in w for w in draft.warnings)


def test_amounts_not_matching_the_budget_are_warned_about():
    draft = build_draft(seed_inputs(budget_total_nok=Decimal(3_000_000)))
    assert any("summerer til" in w for w in draft.warnings)


def test_shares_must_sum_to_one():
    with pytest.raises(InvalidData, match="ikke 100 %"):
        seed_inputs(shares={"5516": Decimal("0.5"), "5518": Decimal("0.3"), "5522": Decimal(0)})


def test_shares_must_cover_exactly_the_participants():
    with pytest.raises(InvalidData, match="nøyaktig deltakerkommunene"):
        seed_inputs(shares={"5516": Decimal("0.5"), "5522": Decimal("0.5")})


def test_participant_without_municipality_data_is_named():
    known = {n: m for n, m in MUNICIPALITIES.items() if n != "5518"}
    with pytest.raises(UnknownMunicipality) as raised:
        seed_inputs(municipalities=known)
    assert raised.value.number == "5518"


def test_participant_outside_the_projects_service_membership_is_rejected():
    narrow = dataclasses.replace(project(), participants={"barnevern": BARNEVERN_2007})
    with pytest.raises(InvalidData, match="5514"):
        seed_inputs(project=narrow, participants=BARNEVERN_2007 | {"5514"})


def test_participants_are_listed_in_norwegian_alphabetical_order():
    names = {"0301": "Oslo", "3422": "Åmot", "5001": "Ørland", "3430": "Zzz"}
    towns = {n: Municipality(n, name, "X", 1, date(2024, 1, 1), "c") for n, name in names.items()}
    coop = CooperationProject(
        "p",
        "P",
        tuple(towns),
        (Service("barnevern", "Barnevern"),),
        {"barnevern": frozenset(towns)},
    )
    draft = build_draft(
        seed_inputs(
            project=coop,
            municipalities=towns,
            arrangement=ServiceArrangement("barnevern", "0301", frozenset(towns)),
            shares={},
            amounts={},
        )
    )
    assert [draft.names[n] for n in draft.participants] == ["Oslo", "Zzz", "Ørland", "Åmot"]


def test_bokmal_formatting_of_money_percent_and_dates():
    assert format_nok(Decimal("1234567.4")) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert format_nok(Decimal("-900")) == f"\u2212900{NBSP}kr"  # the minus sign, not a hyphen
    assert format_share(Decimal(1) / 3) == f"33,33{NBSP}%"
    assert format_share(Decimal("0.3")) == f"30{NBSP}%"
    assert format_share(1) == f"100{NBSP}%"  # a whole key
    assert format_share(0.125) == f"12,5{NBSP}%"
    assert format_share(Decimal("0.12345")) == f"12,35{NBSP}%"  # half up
    assert format_share(Decimal("-0.125")) == f"\u221212,5{NBSP}%"
    assert format_share(Decimal("-0.00001")) == f"0{NBSP}%"  # no «−0 %»
    assert format_date(date(2007, 5, 24)) == "24.05.2007"
