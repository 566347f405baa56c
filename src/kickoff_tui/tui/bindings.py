"""Bindings whose action runs in typing order (see :mod:`kickoff_tui.tui.screens.base` for why),
shared by the command list and the screens, so neither has to import the other."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding


def ordered(key: str, action: str, description: str = "", **options: Any) -> Binding:
    """A binding whose action runs in typing order (after the keys typed before it).

    Args:
        key: the keys, comma separated.
        action: the screen action to run (``"save"``, ``"show_view('raid')"``).
        description: the footer's label.
        **options: further :class:`Binding` arguments (``show``, ``key_display``…).
    """
    return Binding(key, f"ordered({action!r})", description, priority=True, **options)
