"""Text from files, made safe to show: one rule for the command line and for every screen.

A session file from another seat, a received JSON file or a shared template can hold escape
sequences (``ESC ]0;title BEL`` retitles the window, ``ESC ]52`` fills the clipboard, ``ESC [2J``
clears the screen) and bidirectional controls (U+202E makes ``txt.exe`` read ``exe.txt``).
Shown as they are, they drive the user's terminal. :func:`visible` turns each of them into a
visible stand-in, so the text is still telling but can no longer act; :func:`filename_safe`
removes them entirely before a title becomes part of a file name.

This module never imports Textual.
"""

from __future__ import annotations

import re

#: The bidirectional formatting characters that can reorder text (embeddings, overrides,
#: isolates): U+202E makes "txt.exe" read "exe.txt". The marks (LRM, RLM, ALM) only nudge
#: neutral characters and belong to ordinary right-to-left writing, so they are left alone.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# C0 controls become their Unicode "control pictures" (␛ for ESC), DEL becomes ␡, C1 controls
# become the replacement character: visible, harmless, and still telling. A bidi control
# becomes its code point in angle brackets, so "\u202eevil" reads ⟨U+202E⟩evil.
_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = "␡"
_VISIBLE.update({code: "�" for code in range(0x80, 0xA0)})
_VISIBLE[0x09] = " "  # a tab is just space on one line
_VISIBLE.update({ord(ch): f"⟨U+{ord(ch):04X}⟩" for ch in BIDI_CONTROLS})

#: Escape sequences a terminal would act on: CSI (ESC [ or the one-byte C1 CSI), OSC, DCS,
#: APC, PM and SOS strings up to their terminator, and two-byte ESC sequences.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]P_^X]|[\x90\x9d\x9e\x9f\x98]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[ -/]*[0-~]",
    re.DOTALL,
)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def visible(text: str) -> str:
    """``text`` on one line with every control character replaced by a visible stand-in.

    >>> visible("\\x1b[31mred")
    '␛[31mred'
    """
    if _CONTROLS.search(text) is None:  # the usual case, and one C-speed scan
        return text
    return text.translate(_VISIBLE)


def visible_block(text: str) -> str:
    """Like :func:`visible`, but line breaks stay line breaks (for multi-line text)."""
    return "\n".join(visible(line) for line in text.split("\n"))


#: Bidi controls as visible stand-ins, for the minutes: ``⟨U+202E⟩``.
BIDI_VISIBLE = {ord(ch): f"⟨U+{ord(ch):04X}⟩" for ch in BIDI_CONTROLS}


def bidi_visible(text: str) -> str:
    """``text`` with only its bidi controls made visible (the minutes keep their layout)."""
    return text.translate(BIDI_VISIBLE)


def filename_safe(text: str) -> str:
    """``text`` without escape sequences, control or bidi characters (before making a slug).

    A whole sequence goes, not only its ESC: ``"\\x1b[31mred"`` gives ``"red"``, not ``"31mred"``.
    """
    return _CONTROLS.sub("", _SEQUENCE.sub("", text))
