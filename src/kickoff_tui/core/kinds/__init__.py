"""Item kinds: one declaration per kind of item, read by every part of Kickoff.

**Where do I add a new item kind?** In :mod:`kickoff_tui.core.kinds.registry` (its stored
model goes in :mod:`kickoff_tui.core.models`). Nothing else lists the kinds: the capture
parser, the lists, the edit dialog, the minutes and the wrap-up check read the registry.

- :mod:`~kickoff_tui.core.kinds.registry`: the declarations, one :class:`ItemKind` per kind;
- :mod:`~kickoff_tui.core.kinds.spec`: what a declaration holds;
- :mod:`~kickoff_tui.core.kinds.lines`: what the minutes hold of one item.

This package never imports Textual.
"""

from __future__ import annotations

from typing import Any

from kickoff_tui.core.kinds.registry import DUE, KINDS, OWNER, STATUS
from kickoff_tui.core.kinds.spec import (
    CELL_LIMIT,
    Column,
    FormField,
    ItemKind,
    Prefix,
    ReferenceTable,
    fmt_due,
    fmt_owner,
    one_line,
)

#: Every kind by its stored ``type``.
BY_NAME: dict[str, ItemKind] = {kind.name: kind for kind in KINDS}

#: The kinds a template section may show as reference tables (``tables = [...]``).
TABLE_KINDS: tuple[str, ...] = tuple(kind.name for kind in KINDS if kind.table is not None)


def kind_named(name: str) -> ItemKind:
    """The kind of this stored ``type``.

    Raises:
        KeyError: no such kind.
    """
    return BY_NAME[name]


def table_of(name: str) -> ReferenceTable:
    """The reference table of a kind that has one (see :data:`TABLE_KINDS`).

    Raises:
        KeyError: no such kind, or it is not a reference table.
    """
    table = BY_NAME[name].table
    if table is None:
        raise KeyError(name)
    return table


def kind_of(item: Any) -> ItemKind:
    """The kind of an item."""
    return BY_NAME[item.type]


def label_of(item: Any) -> str:
    """Short label of an item's kind ("Risk", "Private", "Action"…)."""
    kind = BY_NAME.get(item.type)
    return kind.label_of(item) if kind is not None else str(item.type)


def main_text(item: Any) -> str:
    """What an item says: its text, or the name of an attendee, activity or plan row."""
    kind = BY_NAME.get(item.type)
    return kind.text_of(item) if kind is not None else ""


def _owner_of(item: Any) -> str:
    return BY_NAME[item.type].owner(item)


def _due_of(item: Any) -> str:
    return BY_NAME[item.type].due(item)


def _state_of(item: Any) -> str:
    return BY_NAME[item.type].state(item)


def _state_style(item: Any) -> str:
    return BY_NAME[item.type].state_style(item)


#: The columns of a list that mixes every kind (the current section's): each kind fills the
#: owner, due and status cells from its own declaration.
SECTION_COLUMNS: tuple[Column, ...] = (
    Column("kind", "Kind", label_of, 10, 8, style=lambda item: "bold"),
    Column("text", "What", lambda item: one_line(main_text(item)), None),
    Column("owner", "Owner", _owner_of, OWNER, 10, name=True),
    Column("due", "Due", _due_of, DUE, 6, date=True),
    Column("status", "Status", _state_of, STATUS, 8, style=_state_style),
)


def columns_of(name: str, people: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The columns of a kind's own list (``"section"``: the mixed list), with a column per
    person where the kind has one (the RACI grid)."""
    if name == "section":
        return SECTION_COLUMNS
    kind = BY_NAME[name]
    if kind.person_column is None:
        return kind.columns
    return (*kind.columns, *(kind.person_column(person) for person in people))


__all__ = [
    "BY_NAME",
    "CELL_LIMIT",
    "KINDS",
    "SECTION_COLUMNS",
    "TABLE_KINDS",
    "Column",
    "FormField",
    "ItemKind",
    "Prefix",
    "ReferenceTable",
    "columns_of",
    "fmt_due",
    "fmt_owner",
    "kind_named",
    "kind_of",
    "label_of",
    "main_text",
    "one_line",
    "table_of",
]
