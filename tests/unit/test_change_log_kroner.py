"""The change log writes kroner the Norwegian way (it printed «25000.00 kr» before)."""

from __future__ import annotations

from decimal import Decimal

from coop.domain.changes import policy_fields
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

NBSP = "\u00a0"


def test_a_policy_in_the_change_log_has_grouped_kroner_without_oere() -> None:
    policy = PersonnelPolicy(
        "Retningslinjer",
        (TravelBand(Decimal(0), Decimal("25000.00")), TravelBand(Decimal(80), Decimal(50000))),
        relocation_nok=Decimal("100000.00"),
        relocation_share=Decimal("0.5"),  # a fraction: half of those who move relocate
        transition_grant_nok=Decimal("12500.50"),
    )
    fields = policy_fields(policy)
    bands = f"fra 0 km: 25{NBSP}000{NBSP}kr; fra 80 km: 50{NBSP}000{NBSP}kr"
    assert fields["reisetilskudd"] == bands
    assert fields["flytting"] == f"100{NBSP}000{NBSP}kr, 50{NBSP}% flytter"
    assert fields["omstillingstilskudd"] == f"12{NBSP}500,50{NBSP}kr"
