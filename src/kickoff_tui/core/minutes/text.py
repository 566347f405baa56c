"""Plain-text minutes for email: no markup, no line over 78 characters, for any input.

Most mail clients show plain text in a proportional font, where space-aligned columns only
line up as long as no cell wraps. So a table becomes aligned columns only when every cell
fits on one line within the width; otherwise it is a list, one entry per row, the other
cells after it as ``Label: value`` (the RACI lists people by letter). Every paragraph wraps,
and a token too long for any line (a 300-character URL) is broken, so the 78-character
promise holds for any input. Width is counted with ``len()``; wide characters are not
measured in terminal cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kickoff_tui.core.minutes.layout import (
    Bullets,
    Facts,
    Heading,
    Table,
    Tasks,
    TimeChart,
    actions_table,
    layout,
)
from kickoff_tui.core.minutes.model import Minutes

#: The longest line the plain-text minutes may hold (email clients rewrap beyond this).
WIDTH = 78
_GAP = "  "  # between columns


def _wrap_line(line: str, width: int) -> list[str]:
    """Greedy word wrap of one line at spaces; a token longer than ``width`` is cut.

    The common case (no token longer than the width) is one compiled regex, run in C: the
    plain-text minutes of a 2,000-item meeting must render in a few milliseconds, and
    :mod:`textwrap` is several times slower.
    """
    patterns = _WRAPS.get(width) if width > 1 else None
    if patterns is None and width > 1:
        # A line's worth: starts and ends on a non-space, at most ``width`` long, followed by
        # spaces or the end (so the scan skips the spaces between lines by itself).
        patterns = _WRAPS[width] = (
            re.compile(rf"[^ ]{{{width + 1}}}"),
            re.compile(rf"[^ ](?:.{{0,{width - 2}}}[^ ])?(?= |$)"),
        )
    if patterns is not None and patterns[0].search(line) is None:
        return patterns[1].findall(line) or [""]
    line = line.strip(" ")
    if not line:
        return [""]
    out: list[str] = []
    current: list[str] = []
    size = 0
    for word in line.split(" "):
        if not word:
            continue
        while len(word) > width:  # an unbreakable token: cut it at the width
            if current:
                out.append(" ".join(current))
                current, size = [], 0
            out.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if current and size + 1 + len(word) > width:
            out.append(" ".join(current))
            current, size = [word], len(word)
        else:
            size += len(word) + 1 if current else len(word)
            current.append(word)
    if current:
        out.append(" ".join(current))
    return out or [""]


#: Per width: a token too long for a line, and a line's worth of words.
_WRAPS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def wrap(text: str, width: int) -> list[str]:
    """Wrap text to ``width``, keeping its line breaks and breaking over-long tokens."""
    if len(text) <= width and "\n" not in text:
        return [text.rstrip()]
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line.rstrip())
        else:
            out.extend(_wrap_line(line, width))
    return out


def _indented(text: str, first: str, rest: str, width: int = WIDTH) -> list[str]:
    """Wrap ``text`` after a first-line prefix, with a hanging indent for the other lines."""
    room = width - len(first)
    if len(text) <= room and "\n" not in text:  # most entries: one line, as is
        return [first + text.rstrip() if text.strip() else first.rstrip()]
    lines = wrap(text, room)
    out = [first + lines[0] if lines[0] else first.rstrip()]
    out += [rest + line if line else "" for line in lines[1:]]
    return out


def _widths(natural: Sequence[int], floors: Sequence[int], budget: int) -> list[int]:
    """Column widths fitting ``budget``: the widest columns are narrowed first.

    Finds the largest cap so that every column at ``min(natural, max(cap, floor))`` fits,
    then hands the characters left over to the capped columns, left to right.
    """
    if sum(natural) <= budget:
        return list(natural)
    if sum(min(n, f) for n, f in zip(natural, floors, strict=True)) > budget:
        floors = [1] * len(natural)  # too many columns to honour the headers: squeeze all

    def fitted(cap: int) -> list[int]:
        return [min(n, max(cap, f)) for n, f in zip(natural, floors, strict=True)]

    low, high = 1, max(natural)
    while low < high:  # the largest cap that fits
        mid = (low + high + 1) // 2
        if sum(fitted(mid)) <= budget:
            low = mid
        else:
            high = mid - 1
    widths = fitted(low)
    spare = budget - sum(widths)
    for i, n in enumerate(natural):
        if spare <= 0:
            break
        if widths[i] < n:
            widths[i] += 1
            spare -= 1
    return widths


def _longest_line(cell: str) -> int:
    return max(map(len, cell.split("\n"))) if "\n" in cell else len(cell)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 width: int = WIDTH) -> list[str]:
    """Lay a table out as aligned columns no wider than ``width``, with a dashed rule.

    Only called for a table whose cells fit (see :func:`_table`); one that would not is
    written as a list by :func:`_as_list`.
    """
    count = len(headers)
    natural = [_longest_line(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            size = _longest_line(cell)
            if size > natural[i]:
                natural[i] = size
    # A column is not narrowed below its header's longest word, while that is possible.
    floors = [max(map(len, h.split()), default=1) for h in headers]
    widths = _widths(natural, floors, width - len(_GAP) * (count - 1))
    out: list[str] = []

    def emit(cells: Sequence[str]) -> None:
        wrapped = [
            [cell] if len(cell) <= w and "\n" not in cell else wrap(cell, w)
            for cell, w in zip(cells, widths, strict=True)
        ]
        for n in range(max(map(len, wrapped))):
            parts = [col[n] if n < len(col) else "" for col in wrapped]
            line = _GAP.join(p.ljust(w) for p, w in zip(parts, widths, strict=True))
            out.append(line.rstrip())

    emit(headers)
    out.append(_GAP.join("-" * w for w in widths))
    for row in rows:
        emit(row)
    return out


def _fits(block: Table, width: int = WIDTH) -> bool:
    """Whether the table shows as aligned columns with no cell wrapped."""
    natural = [len(h) for h in block.headers]
    for row in block.rows:
        for i, cell in enumerate(row):
            if "\n" in cell:
                return False
            if len(cell) > natural[i]:
                natural[i] = len(cell)
    return sum(natural) + len(_GAP) * (len(natural) - 1) <= width


def _bullets(block: Bullets, out: list[str]) -> None:
    for item in block.items:
        text = f"{item.label}: {item.text}".rstrip(": ") if item.label else item.text
        out.extend(_indented(text, "- ", "  "))
        for child in item.children:
            out.extend(_indented(child, "  - ", "    "))


def _as_list(block: Table, out: list[str]) -> None:
    """A table as a list: the first cell is the entry, the other cells follow it."""
    if block.as_list is not None:
        _bullets(block.as_list, out)
        return
    numbered = block.headers[0] == "No."  # "1. We ship…", not "1" then the decision
    first = 1 if numbered else 0
    headers = block.headers[first + 1 :]
    for row in block.rows:
        entry = f"{row[0]}. {row[1]}" if numbered else row[0]
        out.extend(_indented(entry, "- ", "  "))
        cells = row[first + 1 :]
        details = "; ".join(
            f"{header}: {cell}" for header, cell in zip(headers, cells, strict=True)
            if cell and "\n" not in cell
        )
        if details:
            out.extend(_indented(details, "  ", "  "))
        for header, cell in zip(headers, cells, strict=True):
            if "\n" in cell:  # a multi-line cell keeps its lines, under its label
                out.extend(_indented(f"{header}: {cell}", "  ", "    "))


def _table(block: Table, out: list[str]) -> None:
    if _fits(block):
        out.extend(render_table(block.headers, block.rows))
    else:
        _as_list(block, out)


def render_text(m: Minutes) -> str:
    """Render the minutes as plain text for an email body.

    Args:
        m: the minutes, from :func:`~kickoff_tui.core.minutes.build_minutes`.

    Returns:
        The document, every line at most :data:`WIDTH` characters, ending with one newline.
    """
    out: list[str] = []
    for block in layout(m):
        if isinstance(block, Heading):
            lines = wrap(" ".join(block.text.split()), WIDTH)
            out.extend(lines)
            if block.level < 3:
                rule = "=" if block.level == 1 else "-"
                out.append(rule * max(map(len, lines)))
        elif isinstance(block, Facts):
            pad = max(len(label) for label, _ in block.rows) + 2
            for label, value in block.rows:
                out.extend(_indented(value, f"{label}:".ljust(pad), " " * pad))
        elif isinstance(block, Table):
            _table(block, out)
        elif isinstance(block, Tasks):
            _table(actions_table(block.actions), out)
        elif isinstance(block, Bullets):
            _bullets(block, out)
        elif isinstance(block, TimeChart):
            continue  # the agenda table under it says the same in words
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
