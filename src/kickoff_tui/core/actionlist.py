"""The action list across meetings, as ``kickoff actions`` shows it: one place for its rules.

What a row is (:class:`ActionRow`), how replicas of a carried item become one row
(:func:`tracked_actions`), the order (:func:`sort_actions`: overdue first, then by due
date), which owners ``--owner`` means (:func:`owners_matching`), the short ids, and the
listing itself as text or JSON (:func:`action_listing`). Both ways of reading the rows use
it: the store through ``core/tracking.py`` (pydantic models, repairs) and the store's index
read with plain ``json`` (``core/store/quick.py``, fast over SSH), so their output cannot
drift apart.

This module imports the standard library and other standard-library-only core modules
(``people``, ``safetext``) only: never Textual, pydantic, tinydb or the models.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kickoff_tui.core.dates import aware
from kickoff_tui.core.people import Roster
from kickoff_tui.core.safetext import visible

#: ``models.ActionStatus.OPEN``'s value (the enum lives with the models, which this module
#: must not import).
OPEN = "open"
#: ``models.ActionStatus.DONE``'s value.
DONE = "done"


@dataclass(frozen=True)
class ActionRow:
    """One action item as the command line lists it."""

    id: str
    text: str
    owner: str | None
    due: date | None
    status: str
    #: The session this row was read from (a home or a follow-up carrying it).
    session_id: str
    session_title: str
    updated: datetime
    #: Its home session's id ("" when ``session_id`` is its home).
    origin: str = ""

    @property
    def home_id(self) -> str:
        """The session the item was raised in."""
        return self.origin or self.session_id

    def overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return self.status == OPEN and self.due is not None and self.due < today

    def as_json(self) -> dict[str, Any]:
        """The row for ``kickoff actions --json``."""
        return {
            "id": self.id,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status,
            "session_id": self.home_id,
            "session_title": self.session_title,
            "updated": aware(self.updated).isoformat(),
        }


def tracked_actions(rows: Iterable[ActionRow]) -> list[ActionRow]:
    """One row per item: the newest replica's state, named after the item's home session.

    A home that is no longer stored leaves its replicas named after the meeting they are in.
    """
    newest: dict[str, ActionRow] = {}
    titles: dict[str, str] = {}
    for row in rows:
        titles[row.session_id] = row.session_title
        held = newest.get(row.id)
        if held is None or aware(row.updated) > aware(held.updated) or (
            row.updated == held.updated and not row.origin
        ):
            newest[row.id] = row
    result = []
    for row in newest.values():
        title = titles.get(row.home_id, row.session_title)
        result.append(ActionRow(row.id, row.text, row.owner, row.due, row.status,
                                row.home_id if row.home_id in titles else row.session_id,
                                title, row.updated))
    return result


def sort_actions(rows: Iterable[ActionRow], today: date) -> list[ActionRow]:
    """Overdue first, then by due date (no date last), then by owner and text."""
    def key(row: ActionRow) -> tuple[Any, ...]:
        return (not row.overdue(today), row.status != OPEN,
                row.due is None, row.due or date.max, (row.owner or "").casefold(),
                row.text.casefold(), row.id)
    return sorted(rows, key=key)


def short_ids(ids: Sequence[str], minimum: int = 6) -> dict[str, str]:
    """The shortest prefix of each id (at least ``minimum`` characters) unique among ``ids``."""
    ordered = sorted(set(ids))
    result: dict[str, str] = {}
    for position, item_id in enumerate(ordered):
        need = minimum
        for neighbour in ordered[max(0, position - 1):position + 2]:
            if neighbour == item_id:
                continue
            common = next((k for k, (a, b) in enumerate(zip(item_id, neighbour, strict=False))
                           if a != b), min(len(item_id), len(neighbour)))
            need = max(need, common + 1)
        result[item_id] = item_id[:need]
    return result


def owners_matching(query: str, owners: Iterable[str]) -> set[str]:
    """The owners ``--owner QUERY`` means, matched as ``@name`` is (``core/people.py``).

    Case-insensitive on the first name, the last name, the full name (with or without
    spaces, or with a dot), or a unique prefix of any of these. An ambiguous query means
    every candidate (a listing is better too wide than silently empty).
    """
    typed = query.strip().lstrip("@")
    if not typed:
        return set()
    found = Roster(o for o in owners if o).match(typed)
    if found.kind == "attendee":
        return {found.name}
    return set(found.candidates)


@dataclass(frozen=True)
class ActionListing:
    """What ``kickoff actions`` prints: ``note`` on standard error, ``text`` on output."""

    #: One line for standard error ("'dan' matches ..."), or ``None``.
    note: str | None
    #: The whole output, one string per line.
    lines: list[str]


def action_listing(rows: Iterable[ActionRow], today: date, *, owner: str | None = None,
                   show_all: bool = False, as_json: bool = False) -> ActionListing:
    """The action list of stored rows (replicas not yet merged), as the command prints it.

    Args:
        rows: every stored row (:func:`tracked_actions` makes one per item).
        today: the day "overdue" is measured against.
        owner: ``--owner``: only the items of the owners it matches.
        show_all: ``--all``: done and cancelled items too (``rows`` must hold them).
        as_json: the JSON array instead of the table.
    """
    listed = tracked_actions(rows)
    if not show_all:
        listed = [r for r in listed if r.status == OPEN]
    note = None
    if owner is not None:
        names = owners_matching(owner, (r.owner or "" for r in listed))
        listed = [r for r in listed if r.owner in names]
        if len(names) > 1:
            # Names come from files (another seat, a received file): never raw to a terminal.
            note = f"'{visible(owner)}' matches {visible(', '.join(sorted(names)))}"
    listed = sort_actions(listed, today)
    if as_json:
        text = json.dumps([r.as_json() for r in listed], indent=2, ensure_ascii=False)
        return ActionListing(note, [text])
    if not listed:
        who = f" for {owner}" if owner else ""
        return ActionListing(note, [f"No {'' if show_all else 'open '}action items{visible(who)}."])
    short = short_ids([r.id for r in listed])
    table = [("ID", "OWNER", "DUE", "STATUS", "SESSION", "ACTION")]
    for r in listed:
        due = r.due.isoformat() if r.due else "TBD"
        if r.overdue(today):
            due += " overdue"
        table.append((short[r.id], visible(r.owner or "TBD"), due, r.status,
                      visible(r.session_title), visible(r.text)))
    widths = [min(max(len(row[i]) for row in table), 28) for i in range(5)]
    lines = []
    for row in table:
        cells = [cell[:widths[i]].ljust(widths[i]) for i, cell in enumerate(row[:5])]
        lines.append("  ".join([*cells, row[5]]).rstrip())
    return ActionListing(note, lines)
