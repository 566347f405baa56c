"""Showing user text safely: never parsed as markup, never able to drive the terminal.

Everything typed in a meeting may contain ``[`` (Rich markup), escape sequences or other control
characters. Shown as a plain string, ``[/]`` would crash a widget and ``ESC ]0;…`` would retitle
the user's window. So user text reaches the screen only through :func:`plain`, which makes
control characters visible with the same rule as the command line
(:mod:`kickoff_tui.core.safetext`).
"""

from __future__ import annotations

from rich.text import Text

from kickoff_tui.core.safetext import visible

__all__ = ["plain", "visible"]


def plain(text: str | Text, style: str = "") -> Text:
    """A Rich ``Text`` that shows ``text`` literally (no markup), control characters visible."""
    if isinstance(text, Text):
        return text
    return Text(visible(text), style=style)
