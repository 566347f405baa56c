"""The capture line: one Input that always has the focus on the agenda screen, with a history
that up and down recall, like a shell.

Enter and the agenda's keys are handled here, in the order keys arrive: the line is taken and the
field cleared before the next key is looked at, and "type, Enter, PageDown, type, Enter" files
each line under the section it was typed in. (A binding runs later, once the key has bubbled up
to the App: fast typing, a paste or tmux send-keys would otherwise mix lines and sections.)
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

PLACEHOLDER = (
    "Type a note · a: action @owner due:fri · d: decision · r: risk !high · q: question · "
    "p: park · F1 help"
)


class CaptureInput(Input):
    """An Input that hands each line to ``on_line`` on Enter, and recalls earlier lines."""

    # Input scrolls on PageUp/PageDown; here they move through the agenda (``shortcuts`` runs
    # them), and the footer should say so.
    BINDINGS = [
        Binding("pageup", "screen.previous_section", "Previous section", key_display="PgUp"),
        Binding("pagedown", "screen.next_section", "Next section", show=False),
    ]

    # Every keystroke changes an Input's virtual width, and Textual answers that with a layout
    # of the whole screen. This line has a fixed size and no scrollbars: a repaint is enough.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self) -> None:
        """Repaint (the text scrolls within the line); no layout pass."""
        self.refresh()

    def __init__(
        self,
        on_line: Callable[[str], None],
        *,
        shortcuts: dict[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)
        self.on_line = on_line
        #: Screen actions by key (ctrl+n, pagedown…), run here, in the order keys were typed.
        self.shortcuts = dict(shortcuts or {})
        self.history: list[str] = []
        self._cursor = 0
        self._draft = ""
        #: Lines joined from the last multi-line paste (the screen says so).
        self.pasted_lines = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            line = self.value
            if line.strip():
                self.remember(line)
                self.value = ""
                self.on_line(line)
            return
        action = self.shortcuts.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.app.run_action(action, self.screen)
            return
        if event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.action_history(-1 if event.key == "up" else 1)
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        """A multi-line paste is joined into one line (Input keeps only the first line)."""
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        self.pasted_lines = len(lines)
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            joined = " ".join(lines)
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
            return
        super()._on_paste(event)

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
