"""How a rule the placement optimiser had to bend reads to a steering group.

Kept apart from the use case so the wording (units, counts as counts) is tested on its own.
"""

from __future__ import annotations

from allocation.solver import Conflict

RULE_LABELS = {
    "lock": "låst plassering",
    "forbid": "utelukket vertskommune",
    "max_net_loss": "største tillatte tap av årsverk",
    "max_abs_net_change": "største tillatte endring i årsverk",
    "population_share": "andel av felles årsverk i forhold til folketall",
    "min_services": "minste antall tjenester per vertskommune",
    "max_services": "største antall tjenester per vertskommune",
    "max_staff_commute": "lengste pendling for ansatte",
    "max_partner_travel": "lengste reise for samarbeidskommunene",
    "participation": "deltakelse i tjenesten",
    "one_alternative": "valg mellom ett felles kontor og delte kontorer",
}


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _services(value: float) -> str:
    count = round(value)
    return f"{count} tjeneste" if count == 1 else f"{count} tjenester"


def conflict_amounts(c: Conflict) -> str:
    """What the best compromise needs against what the rule allows, in the rule's own unit.

    Counts read as counts («trenger 2 tjenester», not «2,0»); a yes/no rule (lock, ban,
    participation) has no amount, only that it must give way.
    """
    if c.rule == "min_services":
        return f": minst {_services(c.needed)} kreves, kan være vert for {_services(c.available)}"
    if c.rule == "max_services":
        return f": må være vert for {_services(c.needed)}, høyst {_services(c.available)} tillatt"
    if c.rule in ("max_net_loss", "max_abs_net_change"):
        return f": trenger {_decimal(c.needed)} årsverk, tillatt {_decimal(c.available)} årsverk"
    if c.rule == "population_share":
        return (f": avvik {_decimal(100 * c.needed)} prosentpoeng, "
                f"tillatt {_decimal(100 * c.available)} prosentpoeng")  # fmt: skip
    if c.rule in ("max_staff_commute", "max_partner_travel"):
        return f": trenger {round(c.needed)} minutter, tillatt {round(c.available)} minutter"
    return " kan ikke oppfylles"
