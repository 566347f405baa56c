"""Cells of an item list: a kind's declared columns (plain text) turned into what is drawn.

The columns themselves are declared with each item kind, Textual-free
(:mod:`kickoff_tui.core.kinds.registry`); here a cell's text becomes a Rich ``Text`` and a
person's name is shortened to fit a narrow column by a rule a reader can follow.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from kickoff_tui.core.kinds import Column, one_line
from kickoff_tui.tui.text import plain

#: Below this width a table uses its columns' narrow widths.
NARROW_WIDTH = 80
#: The elastic text column never gets narrower than this.
MIN_TEXT = 12


def cell_of(column: Column, item: Any) -> str | Text:
    """One cell: emphasised (styled) cells as Rich text, drawn as they are; the others as
    one line of plain text, shortened to the column when drawn."""
    value = column.cell(item)
    if column.style is not None:
        return Text(value, style=column.style(item))
    return one_line(value)


def short_name(name: str, width: int) -> str:
    """A person's name in ``width`` cells, shortened by a rule a reader can follow.

    "Marcus Okafor" stays whole if it fits, else "M. Okafor", else "Okafor", else the
    initials "MO", else cut with an ellipsis.
    """
    name = " ".join(name.split())
    if len(name) <= width:
        return name
    if ", " in name:
        # Several people (a decision's deciders): shorten each, never blend two into one.
        people = name.split(", ")
        initialled = ", ".join(
            f"{p.split()[0][0]}. {p.split()[-1]}" if len(p.split()) > 1 else p for p in people
        )
        if len(initialled) <= width:
            return initialled
        more = f" +{len(people) - 1}"
        if width > len(more):
            return short_name(people[0], width - len(more)) + more
    parts = name.split(" ")
    if len(parts) > 1:
        for candidate in (f"{parts[0][0]}. {parts[-1]}", parts[-1],
                          "".join(p[0] for p in parts)):
            if len(candidate) <= width:
                return candidate
    return name[: max(0, width - 1)] + "…" if width > 0 else ""


def fit_widths(columns: tuple[Column, ...], width: int) -> list[int]:
    """Each column's width in a list ``width`` cells wide (``0``: hidden): the fixed columns
    (their narrow widths below :data:`NARROW_WIDTH`), the elastic ones share what is left."""
    narrow = width < NARROW_WIDTH
    widths = [(c.narrow if narrow and c.narrow is not None else c.width) for c in columns]
    shown = [w for w in widths if w != 0]
    gaps = max(0, len(shown) - 1)
    fixed = sum(w for w in widths if w) + gaps
    elastic = [n for n, w in enumerate(widths) if w is None]
    spare = max(MIN_TEXT, width - fixed)
    result = [w or 0 for w in widths]
    for n in elastic:
        result[n] = spare // len(elastic)
    return result


def fit_cell(value: str | Text, column: Column, width: int) -> Text:
    """A cell (or a heading) drawn ``width`` cells wide: a name shortened, a date without its
    weekday when it does not fit, anything else cut with an ellipsis."""
    if isinstance(value, Text):
        cell = value.copy()
    elif column.name:
        cell = plain(short_name(value, width))
    elif column.date and len(value) > width and " " in value:
        cell = plain(value.split(" ", 1)[1])  # "Fri 4 Dec" -> "4 Dec"
    else:
        cell = plain(value)
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell
