"""A Troms region that is not the demo, played by the ``coop`` command line only.

From ``coop init-db`` (no demo data): create the project, enter baselines and travel, run the
optimiser, save an option, split the cost, print the § 20-4 draft, then export and import it
into a second database. Bardu, Målselv, Sørreisa and Dyrøy have 3 986, 6 714, 3 485 and
1 073 inhabitants (SSB 1.1.2024); expected figures are derived by hand in the comments.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from web.cli import main

BARDU, MALSELV, SORREISA, DYROY, LAVANGEN = "5520", "5524", "5526", "5528", "5518"
POPULATION = {BARDU: 3986, MALSELV: 6714, SORREISA: 3485, DYROY: 1073}
SLUG = "midt-troms"
OPTION = "Målselv er vert"


class Coop:
    """``coop`` against one database; each call checks the exit code."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __call__(self, *args: str, code: int = 0) -> Any:
        result = CliRunner().invoke(main, [*args, "--database", self.url])
        assert result.exit_code == code, (args, result.output)
        if code == 0 and "--json" in args:
            return json.loads(result.stdout)
        return result


@pytest.fixture
def coop(tmp_path: Path) -> Coop:
    run = Coop(f"sqlite:///{tmp_path}/troms.sqlite")
    assert "357 kommuner" in run("init-db").stdout
    return run


def create(coop: Coop) -> int:
    """Create the project; return its baseline year (this year: a default)."""
    done = coop(
        "create-project", SLUG, "--name", "Midt-Troms barnevern og PPT",
        "--members", f"{BARDU}, Målselv,{SORREISA},5528", "--services", "barnevern,ppt",
    )  # fmt: skip
    assert "Opprettet «Midt-Troms barnevern og PPT» (midt-troms)" in done.stdout
    assert "Kommuner: Bardu, Dyrøy, Målselv og Sørreisa" in done.stdout
    year: int = coop("assumptions", SLUG, "--json")["baseline_year"]
    return year


def fill(coop: Coop, year: int) -> None:
    """Barnevern 3 + 5 + 2 + 1 FTE at 1 mill. kr each; PPT 1 FTE and 900 000 kr each."""
    for number, fte in ((BARDU, "3"), (MALSELV, "5"), (SORREISA, "2"), (DYROY, "1")):
        coop(
            "set-baseline", SLUG, "--service", "barnevern", "--municipality", number,
            "--year", str(year), "--fte", fte, "--gross-cost", f"{fte} 000 000",
            "--pay-cost", f"{fte} 000 000", "--usage", "meldinger=20", "--basis", "budsjett",
        )  # fmt: skip
        coop(
            "set-baseline", SLUG, "--service", "ppt", "--municipality", number, "--year",
            str(year), "--fte", "1", "--gross-cost", "900000", "--basis", "regnskap",
        )  # fmt: skip


def test_a_new_region_is_planned_split_and_drafted_by_the_command_line_only(
    coop: Coop, tmp_path: Path
) -> None:
    year = create(coop)
    fill(coop, year)
    travel = coop("travel", SLUG, "--json")
    assert (len(travel["pairs"]), travel["estimated"]) == (6, 6)  # 4·3/2 pairs, all anslag
    entered = coop("set-travel", SLUG, "Bardu", MALSELV, "--km", "40", "--minutes", "35")
    assert entered.stdout.startswith("Bardu–Målselv: 40\u00a0km, 35\u00a0min (oppgitt av ")
    matrix = tmp_path / "ruter.csv"
    matrix.write_text("minutter;Sørreisa;Dyrøy\nSørreisa;;27\nDyrøy;27;\n", encoding="utf-8")
    imported = coop("import-travel", SLUG, str(matrix))
    assert "ruter.csv: 2 reiser lagret." in imported.stdout
    listed = coop("travel", SLUG).stdout
    assert "Bardu–Målselv: 40\u00a0km, 35\u00a0min (oppgitt for prosjektet)" in listed
    assert "4 av 6 par er anslag." in listed
    proposal = coop("place", SLUG, "--top", "2", "--json")
    assert proposal["status"] == "optimal"
    assert {p["host"] for p in proposal["placements"]} <= set(POPULATION)
    saved = coop("save-option", SLUG, OPTION, "--host", f"barnevern={MALSELV}",
                 "--host", f"ppt={SORREISA}")  # fmt: skip
    assert "Barnevern (barnevernstjeneste): Målselv er vert for Bardu, Dyrøy, Målselv og" in (
        saved.stdout
    )
    assert "(11,0\u00a0årsverk, nøkkel «Folketall»)" in saved.stdout  # 3 + 5 + 2 + 1 FTE
    cost = coop("transition-cost", SLUG, "--scenario", OPTION, "--json")
    trips = {
        line["service"]: Decimal(line["amount_nok"])
        for line in cost["lines"]
        if line["kind"] == "tjenestereiser" and line["municipality"] == BARDU and line["year"] == 1
    }
    assert trips["barnevern"] == 42_400  # 100 trips × 2 legs × 40 km × 5,30 kr/km
    bs_km = next(Decimal(p["km"]) for p in travel["pairs"] if {p["a"], p["b"]} == {BARDU, SORREISA})
    assert trips["ppt"] == round(40 * 2 * bs_km * Decimal("5.30"))  # PPT from Sørreisa (anslag)
    split = coop("split", SLUG, "--service", "barnevern", "--scenario", OPTION, "--json")
    total = Decimal(split["total_nok"])
    shares = {m: Decimal(v) for m, v in split["allocation"].items()}
    assert sum(shares.values()) == total
    for number, people in POPULATION.items():  # Folketall: total × people / 15 258
        assert abs(shares[number] - total * people / 15_258) <= 1
    out = tmp_path / "avtale.html"
    drafted = coop("agreement", SLUG, "--service", "barnevern", "--scenario", OPTION,
                   "--html", str(out))  # fmt: skip
    assert "Skrev «Avtale om administrativt vertskommunesamarbeid om barnevern" in drafted.stdout
    html = out.read_text(encoding="utf-8")
    assert "Bardu, Dyrøy, Målselv og Sørreisa" in html
    assert "Målselv kommune" in html
    exported = tmp_path / "midt-troms.json"
    coop("export-project", SLUG, str(exported))
    other = Coop(f"sqlite:///{tmp_path}/kopi.sqlite")
    other("init-db")
    copied = other("import-project", str(exported))
    assert "Importerte «Midt-Troms barnevern og PPT» (midt-troms): 4 kommuner, 2 tjenester" in (
        copied.stdout
    )
    again = other("split", SLUG, "--service", "barnevern", "--scenario", OPTION, "--json")
    assert again == split


def test_members_services_and_participation_are_changed_by_name(coop: Coop) -> None:
    create(coop)
    added = coop("add-member", SLUG, "Lavangen", "--services", "ppt").stdout
    assert added.startswith("Lavangen er med i prosjektet.")
    assert "Barnevern (barnevernstjeneste): Bardu, Dyrøy, Målselv og Sørreisa\n" in added
    later = coop("participation", SLUG, "--service", "ppt", "--municipality", SORREISA,
                 "--status", "deltar", "--from", "01.08.2028").stdout  # fmt: skip
    assert later.startswith("Sørreisa: deltar fra 01.08.2028 i Pedagogisk-psykologisk tjeneste")
    waiting = coop("participation", SLUG, "--service", "ppt", "--municipality", DYROY,
                   "--status", "kan_bli_med", "--json")  # fmt: skip
    ppt = next(s for s in waiting["services"] if s["code"] == "ppt")
    assert (ppt["may_join"], ppt["joined_on"]) == ([DYROY], {SORREISA: "2028-08-01"})
    own = coop("add-service", SLUG, "--own", "Felles kommuneadvokat", "--functions", "120",
               "--trips", "6").stdout  # fmt: skip
    assert own.startswith("Felles kommuneadvokat (felles-kommuneadvokat) er lagt til")
    trips = coop("assumptions", SLUG, "--json")["trips_per_partner"]
    assert trips == {"barnevern": 100, "ppt": 40, "felles-kommuneadvokat": 6}
    assert coop("add-service", SLUG, "legevakt").stdout.startswith("Legevakt og legevaktsentral")
    removed = coop("remove-service", SLUG, "legevakt").stdout
    assert removed.startswith("Legevakt og legevaktsentral er tatt ut av prosjektet.")
    gone = coop("remove-member", SLUG, LAVANGEN, "--json")
    assert LAVANGEN not in [m["number"] for m in gone["municipalities"]]


def test_json_output_and_forgetting_an_entered_pair(coop: Coop, tmp_path: Path) -> None:
    done = coop("create-project", SLUG, "--name", "Midt-Troms", "--members",
                f"{BARDU},{MALSELV}", "--own-service", "Felles jurist", "--json")  # fmt: skip
    assert [s["name"] for s in done["services"]] == ["Felles jurist"]
    year = coop("assumptions", SLUG, "--json")["baseline_year"]
    figures = coop("set-baseline", SLUG, "--service", "felles-jurist", "--municipality", BARDU,
                   "--year", str(year), "--fte", "0,5", "--measures", "0", "--gross-cost",
                   "400000", "--basis", "anslag", "--json")  # fmt: skip
    assert (figures["fte"], figures["headcount"], figures["basis"]) == ("0.5", 1, f"anslag {year}")
    link = coop("set-travel", SLUG, BARDU, "Målselv", "--km", "40,5", "--minutes", "35",
                "--mode", "ferje", "--fare", "120", "--json")  # fmt: skip
    assert (link["km"], link["mode"], link["fare_nok"]) == ("40.5", "ferry", "120")
    assert coop("travel", SLUG, "--json")["estimated"] == 0
    forgot = coop("remove-travel", SLUG, "Bardu", MALSELV).stdout
    assert forgot == "Bardu–Målselv: innførte tall er fjernet.\n"
    assert coop("travel", SLUG, "--json")["estimated"] == 1
    pairs = tmp_path / "par.csv"
    pairs.write_text("fra;til;km;minutter\n5520;5524;41;36\n", encoding="utf-8")
    imported = coop("import-travel", SLUG, str(pairs), "--json")
    assert [(k["origin"], k["destination"], k["km"]) for k in imported["links"]] == [
        (BARDU, MALSELV, "41")
    ]


def test_assumptions_catalogue_and_change_log(coop: Coop) -> None:
    create(coop)
    shown = coop("assumptions", SLUG, "--set", "efficiency_gain_pct=7,5", "--set", "trips-ppt=12",
                 "--reason", "vedtak i styringsgruppen").stdout  # fmt: skip
    assert "Effektiviseringsgevinst ved samarbeid: 7,5\u00a0%; grunnlag: oppgitt av " in shown
    assert "Planperiode (år): 4 år; grunnlag: standard (anslag)" in shown
    assert "Pedagogisk-psykologisk tjeneste (PPT) 12" in shown
    catalogue = coop("catalogue").stdout
    assert "barnevern: Barnevern (barnevernstjeneste) (KOSTRA 244, 251, 252; 100 reiser/år)" in (
        catalogue
    )
    assert "skatteoppkreving: Skatteoppkrever (kemner) – historisk – kan ikke settes opp" in (
        catalogue
    )
    entries = coop("catalogue", "--json")
    assert "ppt" in [e["code"] for e in entries["available"]]
    log = coop("changes", SLUG).stdout.splitlines()
    assert "Effektiviseringsgevinst ved samarbeid 10\u00a0% → 7,5\u00a0%" in "\n".join(log)
    assert log[0].endswith("Begrunnelse: vedtak i styringsgruppen")
    rows = coop("changes", SLUG, "--json")
    assert rows[-1]["kind"] == "prosjekt"
    csv = coop("changes", SLUG, "--csv").stdout.splitlines()
    assert csv[0] == "tidspunkt;hvem;type;objekt;felt;fra;til;begrunnelse"
    assert len(csv) == len(rows) + 1


def _error(result: Any) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    line: str = lines[0]
    return line


def test_bad_input_exits_2_with_one_bokmal_line_and_changes_nothing(
    coop: Coop, tmp_path: Path
) -> None:
    unknown = coop("create-project", "x", "--name", "X", "--members", f"{BARDU},9999",
                   "--services", "barnevern", code=2)  # fmt: skip
    assert _error(unknown) == "Feil: Kommunenummer 9999 finnes ikke i kommuneregisteret."
    year = create(coop)
    bad = coop("set-baseline", SLUG, "--service", "barnevern", "--municipality", BARDU,
               "--year", str(year), "--fte", "4,5,6", "--basis", "budsjett", code=2)  # fmt: skip
    assert _error(bad) == "Feil: Årsverk: «4,5,6» er ikke et tall."
    basis = coop("set-baseline", SLUG, "--service", "barnevern", "--municipality", BARDU,
                 "--year", "3000", "--fte", "1", "--basis", "gjetning", code=2)  # fmt: skip
    assert _error(basis) == (
        "Feil: --basis: «gjetning» er ikke gyldig; velg anslag, budsjett, kostra, regnskap."
    )
    late = coop("set-baseline", SLUG, "--service", "barnevern", "--municipality", BARDU,
                "--year", "3000", "--fte", "1", "--basis", "anslag", code=2)  # fmt: skip
    assert _error(late) == "Feil: --year: 3000 er utenfor det tillatte (fra 1990 til 2100)."
    usage = coop("set-baseline", SLUG, "--service", "barnevern", "--municipality", BARDU,
                 "--year", str(year), "--usage", "meldinger", "--basis", "budsjett",
                 code=2)  # fmt: skip
    assert "--usage meldinger: bruk formen NØKKEL=VERDI" in _error(usage)
    both = coop("add-service", SLUG, "legevakt", "--own", "Noe", code=2)
    assert _error(both) == "Feil: Oppgi enten en tjenestekode fra katalogen eller --own NAVN."
    field = coop("assumptions", SLUG, "--set", "gevinst=5", code=2)
    assert _error(field).startswith("Feil: Ukjent forutsetning: gevinst")
    broken = tmp_path / "feil.csv"
    broken.write_text("fra;til;km\nBardu;Dyrøy;4x\n", encoding="utf-8")
    cell = coop("import-travel", SLUG, str(broken), code=2)
    assert "feil.csv, linje 2, kolonne «km»: «4x» er ikke et tall" in _error(cell)
    assert coop("travel", SLUG, "--json")["estimated"] == 6  # nothing was saved
    coop("save-option", SLUG, "Liten", "--host", f"barnevern={MALSELV}")
    used = coop("remove-member", SLUG, DYROY, code=2)
    assert "alternativet «Liten» (barnevern)" in _error(used)
    damaged = tmp_path / "skadet.json"
    damaged.write_text('{"format": "coop-prosjekt", "versjon": 99}', encoding="utf-8")
    newer = coop("import-project", str(damaged), code=2)
    assert "Oppdater coop først; ingenting er importert." in _error(newer)
    assert [p["slug"] for p in coop("projects", "--json")] == [SLUG]
