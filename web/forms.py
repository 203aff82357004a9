"""Turn submitted form fields into the plain values use cases take (no rules here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from werkzeug.datastructures import MultiDict

from coop.domain.errors import InvalidData
from coop.domain.limits import optional, read_version

T = TypeVar("T")


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


class FieldProblems(dict[str, str]):
    """Messages by form field id, gathered so a page shows them all at once beside the fields.

    A page that stops at the first bad value makes the user fix one field per round trip and,
    rendered as an error page, loses what they typed; gathering keeps the form on screen.
    """

    def read(self, field: str, reader: Callable[..., T], *args: object) -> T | None:
        """``reader(*args)``, or None with the message kept under ``field`` when it is refused."""
        try:
            return reader(*args)
        except InvalidData as error:
            self.setdefault(field, error.message)
            return None
