"""The plan as iCalendar (RFC 5545): one all-day event per milestone, for any calendar app.

Written by hand because it is small: text is escaped (backslash, semicolon, comma,
newline) and lines are folded at 75 octets, as the standard asks. UIDs are stable
(milestone key and project), so importing the file again updates the events instead of
duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from coop.domain.process.plan import Milestone

PRODID = "-//coop//prosjektplan//NB"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Split a content line into pieces of at most 75 octets (continuations start with a space)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + piece for piece in out[1:])]


def plan_calendar(slug: str, name: str, milestones: Iterable[Milestone], stamp: datetime) -> str:
    """A VCALENDAR with one all-day VEVENT per milestone (periods span their days)."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]  # fmt: skip
    for m in milestones:
        description = " · ".join(
            filter(None, [m.type.label, m.owner and f"Ansvarlig: {m.owner}", m.body.label,
                          m.status.label, m.when_text and f"I planen: {m.when_text}", m.basis])
        )  # fmt: skip
        lines += [
            "BEGIN:VEVENT",
            f"UID:{m.key}-{slug}@coop",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{m.first_day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{m.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{m.type.value}: {m.title}')}",
            f"DESCRIPTION:{_escape(description)}",
            f"STATUS:{'CANCELLED' if m.status.value == 'avlyst' else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))
