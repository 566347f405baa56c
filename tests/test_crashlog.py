"""The crash log keeps the traceback and drops every frame's local variables (they hold
meeting notes, private ones among them)."""

from __future__ import annotations

from kickoff_tui.core.crashlog import without_locals

FRAME = "│ /src/kickoff_tui/tui/screens/agenda.py:120 in capture_line"


def _box(width: int, cut: bool) -> list[str]:
    top = "│ ╭" + "─" * 20 + " locals " + "─" * 20 + ("" if cut else "╮")
    return [top, "│ │ secret = 'pn: the budget is 1.2M'" + ("" if cut else " │"),
            "│ ╰" + "─" * 48 + ("" if cut else "╯")]


def test_a_locals_box_is_dropped_whole() -> None:
    report = "\n".join([FRAME, *_box(60, cut=False), "KeyError: 'x'"])
    kept = without_locals(report)
    assert "1.2M" not in kept and "locals" not in kept
    assert FRAME in kept and "KeyError: 'x'" in kept


def test_a_locals_box_cut_at_the_consoles_width_is_dropped_too() -> None:
    """Rich draws the traceback at the console's width; a wide box loses its right corner."""
    report = "\n".join([FRAME, *_box(60, cut=True), "KeyError: 'x'"])
    kept = without_locals(report)
    assert "1.2M" not in kept and "locals" not in kept
    assert FRAME in kept and "KeyError: 'x'" in kept
