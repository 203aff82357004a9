"""Turn submitted form fields into the plain values use cases take (no rules here)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from werkzeug.datastructures import MultiDict

from coop.domain.limits import optional, read_version


def arrangements_from_form(
    form: MultiDict[str, str], services: Iterable[str]
) -> list[dict[str, Any]]:
    """Read the per-service fields of the scenario form (only services marked as included)."""
    out = []
    for code in services:
        if not form.get(f"include-{code}"):
            continue
        out.append(
            {
                "service": code,
                "host": form.get(f"host-{code}", ""),
                "participants": form.getlist(f"participants-{code}"),
                "legal_form": form.get(f"legal_form-{code}", "20-2"),
                "joint_fte": form.get(f"joint_fte-{code}", "").strip() or "0",
                "local_fte": form.get(f"local_fte-{code}", "").strip() or "0",
                "cost_key": form.get(f"cost_key-{code}", ""),
            }
        )
    return out


def version_from_form(form: MultiDict[str, str]) -> int | None:
    """The version the user started editing from (None for a new scenario)."""
    return optional(read_version, form.get("version", ""), "Versjon")
