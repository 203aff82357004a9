"""Domain errors with messages a municipal user can read (bokmål), and ``require``.

Every layer raises these; the web layer maps them to status codes (404, 403, 409, 422).
"""

from __future__ import annotations


class CoopError(Exception):
    """A domain error whose message a municipal user can read (bokmål)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidData(CoopError):
    """A value breaks a domain rule."""


class UnknownMunicipality(CoopError):
    """A kommunenummer that is not in the register."""

    def __init__(self, number: str) -> None:
        super().__init__(f"Kommunenummer {number} finnes ikke i kommuneregisteret.")
        self.number = number


class InvalidPolicy(CoopError):
    """A personnel policy that cannot be applied."""


def require(condition: bool, message: str, error: type[CoopError] = InvalidData) -> None:
    """Raise ``error(message)`` unless the condition holds."""
    if not condition:
        raise error(message)


class NotFound(CoopError):
    """Something asked for by its natural key does not exist."""


class SavedMeanwhile(CoopError):
    """A save clashed with a row someone else stored at the same moment (e.g. the same name)."""

    def __init__(self) -> None:
        super().__init__(
            "Noen andre lagret det samme samtidig (for eksempel med samme navn). "
            "Ingenting ble lagret; last siden på nytt og prøv igjen."
        )


class ConcurrentEdit(CoopError):
    """A save was based on a version someone else has changed since."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} er endret av noen andre etter at du åpnet det. "
            "Last siden på nytt og gjør endringen igjen; ingenting ble lagret."
        )
