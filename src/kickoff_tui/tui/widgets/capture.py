"""The capture line: one Input that always has the focus on the agenda screen, with a history
that up and down recall, like a shell."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

PLACEHOLDER = (
    "Type a note · a: action @owner due:fri · d: decision · r: risk !high · q: question · "
    "p: park · F1 help"
)


class CaptureInput(Input):
    """An Input whose up and down keys walk through the lines entered before."""

    BINDINGS = [
        Binding("up", "history(-1)", "Previous line", show=False),
        Binding("down", "history(1)", "Next line", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, max_length=0)
        self.history: list[str] = []
        self._cursor = 0
        self._draft = ""

    def remember(self, line: str) -> None:
        """Add a submitted line to the history (no repeats in a row)."""
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self._cursor = len(self.history)
        self._draft = ""

    def action_history(self, step: int) -> None:
        """Recall an earlier (``-1``) or later (``1``) line; past the newest, the draft returns."""
        if not self.history:
            return
        if self._cursor == len(self.history):
            self._draft = self.value
        self._cursor = max(0, min(len(self.history), self._cursor + step))
        at_draft = self._cursor == len(self.history)
        self.value = self._draft if at_draft else self.history[self._cursor]
        self.cursor_position = len(self.value)
