"""Showing user text safely: never parsed as markup, never able to drive the terminal.

Everything typed in a meeting may contain ``[`` (Rich markup), escape sequences or other control
characters. Shown as a plain string, ``[/]`` would crash a widget and ``ESC ]0;…`` would retitle
the user's window. So user text reaches the screen only through :func:`plain`.
"""

from __future__ import annotations

from rich.text import Text

# C0 controls become their Unicode "control pictures" (␛ for ESC), DEL becomes ␡, C1 controls
# become the replacement character: visible, harmless, and still telling.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20)}
_VISIBLE[0x7F] = "␡"
_VISIBLE.update({code: "�" for code in range(0x80, 0xA0)})
_VISIBLE[0x09] = " "  # a tab is just space on one line


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible stand-in."""
    return text.translate(_VISIBLE)


def plain(text: str | Text, style: str = "") -> Text:
    """A Rich ``Text`` that shows ``text`` literally (no markup), control characters visible."""
    if isinstance(text, Text):
        return text
    return Text(visible(text), style=style)
