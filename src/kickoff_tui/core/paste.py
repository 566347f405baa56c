"""What a paste into the capture line becomes.

A paste of one line is typed text: it goes into the line at the cursor. A paste of several
lines is captured at once, and keeps what was pasted:

* every line starts with a capture prefix (``a:``, ``r:``, ``q:``…, a list of actions copied
  from a chat): one item per line;
* otherwise: one note that keeps its line breaks.

Pure functions on the prefix table of :mod:`kickoff_tui.core.capture`, so the UI decides
nothing about the syntax.
"""

from __future__ import annotations

import re

from kickoff_tui.core.capture import PREFIXES

_LEADING_PREFIX = re.compile(r"\s*([A-Za-z]{1,12}):")


def has_prefix(line: str) -> bool:
    """Whether ``line`` starts with a capture prefix ("a:", "Risk:", "pn:"…)."""
    match = _LEADING_PREFIX.match(line)
    return bool(match) and match is not None and match[1].lower() in PREFIXES


def pasted_lines(text: str) -> list[str]:
    """The non-blank lines of a paste (any line ending: ``\\n``, ``\\r\\n``, ``\\r``)."""
    return [line for line in text.splitlines() if line.strip()]


def split_paste(text: str) -> list[str]:
    """The capture lines a multi-line paste stands for, in order.

    Args:
        text: what was pasted (more than one non-blank line).

    Returns:
        One capture line per pasted line when every line starts with a prefix; otherwise a
        single note (``"n: "`` and the pasted text, its line breaks kept, blank lines
        between paragraphs kept too); ``[]`` for a paste of blank lines.
    """
    lines = pasted_lines(text)
    if not lines:
        return []
    if all(has_prefix(line) for line in lines):
        return [line.strip() for line in lines]
    body = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return [f"n: {body}"]
