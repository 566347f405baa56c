"""Attendees as people type them: ``"Dana Scully <dana@acme.example>, PM, Acme"``, and names
that tell two "Dana"s apart (names key the RACI columns and ``@name`` matching).

This module never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kickoff_tui.core.models import MAX_SHORT, Attendee


def parse_attendee(text: str) -> Attendee:
    """An attendee from ``"Name"``, ``"Name, Role"`` or ``"Name, Role, Organisation"``.

    The name may carry an e-mail address, as a mail client writes it:
    ``"Dana Scully <dana@acme.example>, PM, Acme"`` (the e-mail draft of the minutes is
    addressed to it). Anything after the second comma is the organisation
    (``"Dana, CFO, Acme, Inc."``).

    Raises:
        ValueError: the name is empty, the address is not one, or a part is too long.
    """
    parts = [part.strip() for part in text.split(",", 2)]
    name, email = _name_and_address(parts[0], text)
    if not name:
        raise ValueError(f'attendee {text.strip()!r} has no name (use "Name, Role, Organisation")')
    role = parts[1] if len(parts) > 1 else ""
    organisation = parts[2] if len(parts) > 2 else ""
    for label, value in (("name", name), ("role", role), ("organisation", organisation),
                         ("e-mail", email)):
        if len(value) > MAX_SHORT:
            raise ValueError(f"attendee {label} is longer than {MAX_SHORT:,} characters")
    return Attendee(name=name, role=role, organisation=organisation, email=email)


_ADDRESS_RE = re.compile(r"^(?P<name>[^<>]*?)\s*<(?P<address>[^<>\s]*)>\s*$")
_EMAIL_RE = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]+")


def _name_and_address(part: str, text: str) -> tuple[str, str]:
    """``"Dana Scully <dana@acme.example>"`` -> ``("Dana Scully", "dana@acme.example")``."""
    match = _ADDRESS_RE.match(part)
    if match is None:
        if "<" in part or ">" in part:
            raise ValueError(f"attendee {text.strip()!r}: write the address as "
                             '"Name <name@example.com>"')
        return part, ""
    address = match["address"]
    if not _EMAIL_RE.fullmatch(address):
        raise ValueError(f"attendee {text.strip()!r}: {address!r} is not an e-mail address")
    return match["name"].strip().strip('"').strip(), address


def _qualified(person: Attendee, taken: set[str], first: int = 2) -> str:
    """``"Dana (PM)"`` (role, else organisation), else ``"Dana (2)"``: a name not in ``taken``."""
    for extra in (person.role, person.organisation):
        if extra.strip():
            name = f"{person.name} ({extra.strip()})"
            if name.casefold() not in taken and len(name) <= MAX_SHORT:
                return name
    n = first
    while f"{person.name} ({n})".casefold() in taken:
        n += 1
    return f"{person.name} ({n})"


def distinct_name(person: Attendee, others: Sequence[Attendee]) -> Attendee:
    """``person``, renamed if an attendee in ``others`` already has the name.

    Names key the RACI columns and ``@name`` matching, so two "Dana"s must be told apart:
    the newcomer becomes "Dana (Dev)" (role, else organisation, else a number).
    """
    taken = {other.name.casefold() for other in others if other.id != person.id}
    if person.name.casefold() not in taken:
        return person
    return person.model_copy(update={"name": _qualified(person, taken)})


def distinct_names(people: Sequence[Attendee]) -> list[Attendee]:
    """Attendees with every shared name qualified: "Dana, PM" and "Dana, Dev" become
    "Dana (PM)" and "Dana (Dev)"."""
    counts: dict[str, int] = {}
    for person in people:
        counts[person.name.casefold()] = counts.get(person.name.casefold(), 0) + 1
    taken = {p.name.casefold() for p in people if counts[p.name.casefold()] == 1}
    result = []
    for person in people:
        if counts[person.name.casefold()] > 1:
            person = person.model_copy(update={"name": _qualified(person, taken, first=1)})
        taken.add(person.name.casefold())
        result.append(person)
    return result
