"""The echo line above the capture line: what the last action did, or what Enter would add.

While a line is being typed it previews what Enter would create, so a slip is seen before it is
added; once the line is empty again, the last action's echo comes back.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from kickoff_tui.core.capture import Capture
from kickoff_tui.core.meeting import Captured
from kickoff_tui.tui.text import plain, visible


class EchoLine(Static):
    """One fixed line: the echo of the last action (a problem in the warning colour)."""

    _last: str | Text = ""
    _last_problem = False

    def say(self, message: str | Text, *, problem: bool = False) -> None:
        """Show what an action did (and keep it for when a preview ends)."""
        message = plain(message)
        self._last, self._last_problem = message, problem
        self._show(message, problem)

    def preview(self, capture: Capture | None) -> None:
        """Show what Enter would add (``None``: the line is empty, the last echo comes back)."""
        if capture is None:
            self._show(self._last, self._last_problem)
            return
        text = Text("Enter adds: ", style="dim")
        text.append(visible(capture.echo()))
        self._show(text, bool(capture.problems))

    def _show(self, message: str | Text, problem: bool) -> None:
        self.set_class(problem, "-problem")
        self.update(message, layout=False)  # one fixed line: no layout pass per capture


def capture_echo(made: Sequence[Captured], last_line: str, *, pasted: bool,
                 ended: bool) -> tuple[str, bool]:
    """What the echo says after Enter (or a paste) added ``made``, and whether it is a problem.

    Args:
        made: what each line captured, in order (at least one).
        last_line: the last line captured (a pasted note may hold line breaks).
        pasted: the lines came from a paste.
        ended: the meeting was wrapped up already.
    """
    last = made[-1]
    echo = f"✓ {last.capture.echo()}"
    if pasted and len(made) > 1:
        echo = f"✓ {len(made)} items from the paste · last: {last.capture.echo()}"
    elif pasted and "\n" in last_line:
        echo += " · pasted lines kept as one note"
    problem = any(c.capture.problems for c in made)
    if ended:
        # Kept, but the minutes written at the wrap-up do not hold it yet.
        echo += " · ⚠ added after the wrap-up: ctrl+r writes the minutes again"
        problem = True
    return echo, problem
