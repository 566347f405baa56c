"""GitHub-flavoured Markdown minutes: headings, pipe tables and ``- [ ]`` task lists.

User text is escaped so that it reads as typed and can never change the document's structure:
a note that starts with ``#`` or ``1.`` stays a note, a ``|`` never splits a table cell, and
``<script>`` is text, not raw HTML. Escaping stays minimal elsewhere (an underscore inside a
word is left alone) so the source remains pleasant to read where it is pasted unrendered.
"""

from __future__ import annotations

import re

from kickoff_tui.core.minutes.layout import Bullets, Facts, Heading, Table, Tasks, layout
from kickoff_tui.core.minutes.model import ActionLine, Minutes

# Characters that start inline markup (code, emphasis, links, raw HTML, strikethrough) or a
# table cell boundary; a ">" matters only at the start of a line (see below). The backslash
# comes first so the escapes added after it are not escaped again.
_INLINE = "\\`*[]<|~"
# An underscore only at a word edge, where it can open emphasis (snake_case stays readable),
# and an "&" only where it would start an entity reference.
_EDGES = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&(?=#?[0-9A-Za-z]+;)")
# What a line may start with that would make it a heading, quote, list, rule or setext line.
_LINE_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")


def escape_inline(text: str) -> str:
    """Backslash-escape the characters of ``text`` that would start inline markup."""
    escaped = text
    # A test and a replace per character beats str.translate and re.sub by 5-10x here (both
    # slow down on non-ASCII text), and the renderer must stay fast on a 2,000-item meeting.
    for char in _INLINE:
        if char in escaped:
            escaped = escaped.replace(char, f"\\{char}")
    if "_" in escaped or "&" in escaped:
        escaped = _EDGES.sub(r"\\\g<0>", escaped)
    return escaped


def _escape_line(line: str) -> str:
    """Escape one line of block text: inline markup and what would start a block."""
    line = escape_inline(line.lstrip())  # leading blanks would turn it into a code block
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1)[0].isdigit():  # "1." -> "1\." : an ordered-list marker no more
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return f"\\{line}"


def escape_block(text: str, indent: str) -> str:
    """Escape multi-line text for a list item; continuation lines get ``indent``.

    Blank lines are kept (as paragraphs inside the item), so a long note keeps its shape.
    """
    lines = text.split("\n")
    out = [_escape_line(lines[0])]
    for line in lines[1:]:
        out.append(f"{indent}{_escape_line(line)}" if line.strip() else "")
    return "\n".join(out)


def escape_cell(text: str) -> str:
    """Escape text for a table cell: pipes escaped, line breaks as ``<br>``."""
    escaped = escape_inline(text)
    return escaped.replace("\n", "<br>") if "\n" in escaped else escaped


def _heading_text(text: str) -> str:
    escaped = escape_inline(" ".join(text.split()))
    # A trailing "#" run would be read as the heading's closing sequence and vanish.
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped


def _table(block: Table, out: list[str]) -> None:
    out.append("| " + " | ".join(escape_cell(h) for h in block.headers) + " |")
    out.append("|" + "|".join(" --- " for _ in block.headers) + "|")
    for row in block.rows:
        out.append("| " + " | ".join(escape_cell(c) for c in row) + " |")


def _task(action: ActionLine) -> str:
    box = "[x]" if action.done else "[ ]"
    status = " **cancelled**" if action.status == "cancelled" else ""
    text = escape_block(action.text, "  ")
    return f"- {box} {text} — due: **{action.due_shown}**{status}"


def render_markdown(m: Minutes) -> str:
    """Render the minutes as GitHub-flavoured Markdown.

    Args:
        m: the minutes, from :func:`~kickoff_tui.core.minutes.build_minutes`.

    Returns:
        The document, ending with one newline.
    """
    out: list[str] = []
    for block in layout(m):
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {_heading_text(block.text)}")
        elif isinstance(block, Facts):
            out.extend(f"- **{label}:** {escape_inline(value)}" for label, value in block.rows)
        elif isinstance(block, Table):
            _table(block, out)
        elif isinstance(block, Bullets):
            for item in block.items:
                text = escape_block(item.text, "  ")
                label = f"**{escape_inline(item.label)}:**" if item.label else ""
                out.append(f"- {label} {text}".rstrip() if label else f"- {text}")
                # An empty child would read as a setext underline ("  -") and make a heading.
                out.extend(f"  - {escape_block(child, '    ')}" for child in item.children
                           if child.strip())
        elif isinstance(block, Tasks):
            out.extend(_task(a) for a in block.actions)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
