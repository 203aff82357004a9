"""Every ``coop`` command: its module under ``web.cli``, its function and its one-line help.

Kept as data so ``coop --help`` lists the commands without importing them (issue 16.9);
tests/e2e/test_cli_startup.py checks each entry against the command itself. A new command
gets a line here.
"""

# ruff: noqa: E501

# command name → (module under web.cli, function, short help as the command gives it)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init-db": (
        "setup",
        "init_db",
        "Opprett eller oppgrader databaseskjemaet (Alembic upgrade head).",
    ),
    "load-demo": (
        "setup",
        "load_demo",
        "Last inn demoprosjektene (Gratangen–Lavangen–Salangen–Ibestad 2007, Os–Røros–Holtålen).",
    ),
    "projects": (
        "setup",
        "projects",
        "Vis samarbeidsprosjektene med kommuner, tjenester og årsverk.",
    ),
    "create-user": (
        "setup",
        "create_user",
        "Opprett en bruker (den første administratoren lages her).",
    ),
    "network": (
        "planning",
        "network",
        "Vis korteste reise mellom prosjektets kommuner (reisematrise med rute).",
    ),
    "transition-cost": (
        "planning",
        "transition_cost",
        "Beregn omstillingskostnader (reisetilskudd, flytting, tjenestereiser, AGA).",
    ),
    "import-budget": (
        "imports",
        "import_budget",
        "Importer et budsjett eller regnskap (CSV) og lag grunnlag per tjeneste.",
    ),
    "place": (
        "planning",
        "place",
        "Foreslå vertskommune per tjeneste (bevist optimalt) med rangerte alternativer.",
    ),
    "split": (
        "split",
        "split",
        "Fordel en tjenestes årlige kostnad etter nøkkel eller rettferdig deling.",
    ),
    "split-game": (
        "split",
        "split_game",
        "Fordel et kostnadsspill gitt som tabell (GAME.json) og sjekk kjernen.",
    ),
    "serve": ("setup", "serve", "Start webappen."),
    "demo": (
        "setup",
        "demo",
        "Opprett databasen, last demodata hvis den er tom, og start webappen.",
    ),
    "agreement": (
        "agreements",
        "agreement",
        "Skriv avtaleutkastet for en tjeneste som PDF (--pdf) eller HTML (--html).",
    ),
    "case-package": (
        "casework",
        "case_package_command",
        "Skriv saksframlegget for ett kommunestyre, med avtalene som vedlegg (--pdf eller --html).",
    ),
    "create-project": (
        "projects",
        "create_project",
        "Opprett et samarbeidsprosjekt av kommuner fra registeret og tjenester fra katalogen.",
    ),
    "add-member": (
        "projects",
        "add_member",
        "Ta en kommune med i prosjektet (i alle tjenester, eller bare i --services).",
    ),
    "remove-member": (
        "projects",
        "remove_member",
        "Ta en kommune ut av prosjektet; nektes hvis et alternativ, en nøkkel eller avtale bruker den.",
    ),
    "delete-scenario": (
        "removal",
        "delete_scenario",
        "Slett et alternativ (nektes hvis det har lagrede avtaleutkast).",
    ),
    "delete-key": (
        "removal",
        "delete_key",
        "Slett en fordelingsnøkkel (nektes hvis et alternativ bruker den).",
    ),
    "delete-policy": (
        "removal",
        "delete_policy",
        "Slett personalpolitiske retningslinjer (nektes hvis et alternativ viser til dem).",
    ),
    "add-service": (
        "projects",
        "add_service",
        "Legg til en tjeneste fra katalogen (KODE) eller en egen tjeneste (--own NAVN).",
    ),
    "remove-service": (
        "projects",
        "remove_service",
        "Ta en tjeneste ut av prosjektet (nektes hvis et alternativ eller en avtale bruker den).",
    ),
    "participation": (
        "projects",
        "participation",
        "Sett om en kommune deltar i en tjeneste, fra hvilken dato, eller kan bli med senere.",
    ),
    "catalogue": (
        "projects",
        "catalogue",
        "Vis tjenestekatalogen: kode, navn, KOSTRA-funksjoner, reiser og advarsler.",
    ),
    "set-baseline": (
        "project_data",
        "set_baseline",
        "Før inn én kommunes tall for én tjeneste og ett år, med grunnlag.",
    ),
    "travel": (
        "project_data",
        "travel",
        "Vis reisen mellom hvert par av prosjektets kommuner og hvor tallene kommer fra.",
    ),
    "set-travel": (
        "project_data",
        "set_travel",
        "Før inn reisen mellom to kommuner (begge veier); erstatter anslaget.",
    ),
    "remove-travel": (
        "project_data",
        "remove_travel",
        "Glem de innførte tallene for et par; reisenettet eller anslaget gjelder igjen.",
    ),
    "import-travel": (
        "project_data",
        "import_travel",
        "Les reiser fra en fil med par (fra;til;km;minutter) eller en matrise (ruteplanlegger).",
    ),
    "assumptions": (
        "project_data",
        "assumptions",
        "Vis eller endre prosjektets forutsetninger (budsjettår, planperiode, reiser, gevinst …).",
    ),
    "save-option": (
        "projects",
        "save_option",
        "Lagre et plasseringsalternativ: vert per tjeneste; alle deltakerne er med.",
    ),
    "changes": (
        "transfer",
        "changes",
        "Vis endringsloggen: hvem endret hva og når (nyeste først).",
    ),
    "export-project": (
        "transfer",
        "export_project",
        "Skriv hele prosjektet til én JSON-fil (sikkerhetskopi, flytting, til en konsulent).",
    ),
    "import-project": (
        "transfer",
        "import_project",
        "Les inn et prosjekt fra en prosjektfil; alt eller ingenting.",
    ),
    "regions": (
        "regions",
        "regions",
        "Foreslå hvem som bør samarbeide om en tjeneste, og hvem som bør være vert.",
    ),
    "change-password": (
        "accounts",
        "change_password",
        "Sett nytt passord for en bruker; brukeren logges ut overalt.",
    ),
    "deactivate-user": (
        "accounts",
        "deactivate_user",
        "Deaktiver en bruker: ingen innlogging, ingen API-token, alle økter avsluttet.",
    ),
    "activate-user": ("accounts", "activate_user", "Aktiver en deaktivert bruker igjen."),
    "tokens": ("accounts", "tokens", "API-token: list, lag, forny og trekk tilbake."),
    "backup": (
        "backup",
        "backup",
        "Skriv en sikkerhetskopi av hele databasen (med opplastede originalfiler) til FILE.",
    ),
    "restore": (
        "backup",
        "restore",
        "Erstatt alt i databasen med innholdet i sikkerhetskopien FILE.",
    ),
    "plan": (
        "process",
        "plan",
        "Vis prosjektplanen: milepæler med type, frist, ansvarlig og status, og varsler.",
    ),
    "savings": (
        "process",
        "savings",
        "Vis sparemål, vedtatte og realiserte besparelser per arbeidsgruppe.",
    ),
    "worker": ("jobs", "worker", "Kjør bakgrunnsjobber fra Redis-køen (krever COOP_REDIS_URL)."),
}
