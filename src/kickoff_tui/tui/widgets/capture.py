"""The capture line: one Input that has the focus on the agenda screen, with a history that up
and down recall, like a shell.

Enter, up and down are handled here by a public ``on_key`` handler, in the order the keys
arrive, so "type, Enter, type, Enter" files each line as typed. Keys that leave the line (Tab,
the agenda's commands) are the screen's priority bindings: they run once this line has handled
every key typed before them (see :mod:`kickoff_tui.tui.screens.base`).

A paste of one line is inserted once at the cursor; a paste of several lines is captured at
once (:func:`kickoff_tui.core.paste.split_paste`): one item per prefixed line, or one note
that keeps its line breaks.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.geometry import Size
from textual.reactive import Reactive

from kickoff_tui.core.paste import pasted_lines, split_paste
from kickoff_tui.tui.widgets.fields import OrderedInput

PLACEHOLDER = (
    "Type a note · a: action @owner due:fri · d: decision · r: risk !high · q: question · "
    "p: park · F1 help"
)


class CaptureInput(OrderedInput):
    """An Input that hands each line to ``on_lines`` on Enter, and recalls earlier lines.

    Args:
        on_lines: called with the lines to capture and whether they came from a paste of
            several lines.
        id: the widget id.
    """

    # Every keystroke changes an Input's virtual width, and Textual answers that with a layout
    # of the whole screen. This line has a fixed size and no scrollbars: a repaint is enough.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self) -> None:
        """Repaint (the text scrolls within the line); no layout pass."""
        self.refresh()

    def __init__(
        self,
        on_lines: Callable[[list[str], bool], None],
        *,
        id: str | None = None,
    ) -> None:
        # Focus comes back here after every dialog and list: a line half typed must stay as it
        # is, not be selected whole and replaced by the next key.
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.on_lines = on_lines
        self.history: list[str] = []
        self.history_cursor = 0
        self.draft = ""

    def submit_line(self) -> None:
        """Capture what the line holds (Enter) and clear it."""
        line = self.value
        if line.strip():
            self.remember(line)
            self.value = ""
            self.on_lines([line], False)

    async def on_key(self, event: events.Key) -> None:
        """Enter captures, up and down recall: here, in the order the keys were typed.

        ``prevent_default`` keeps Input's own key handling out; ``stop`` keeps the key from
        reaching a binding later (after keys typed behind it).
        """
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.submit_line()
        elif event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.action_history(-1 if event.key == "up" else 1)

    def on_paste(self, event: events.Paste) -> None:
        """One pasted line goes in at the cursor (once); several are captured at once.

        ``prevent_default`` stops Input's own paste handler, which would insert it again.
        """
        event.stop()
        event.prevent_default()
        lines = pasted_lines(event.text)
        if len(lines) <= 1:
            if not lines:
                return
            line = lines[0]
            if self.selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *self.selection)
            return
        typed = self.value.strip()
        lines = split_paste(event.text)
        if typed:
            # What was typed before the paste is kept: captured first, as its own line.
            self.remember(typed)
            lines = [typed, *lines]
        self.value = ""
        self.on_lines(lines, True)

    def remember(self, line: str) -> None:
        """Add a submitted line to the history (no repeats in a row)."""
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self.history_cursor = len(self.history)
        self.draft = ""

    def action_history(self, step: int) -> None:
        """Recall an earlier (``-1``) or later (``1``) line; past the newest, the draft returns."""
        if not self.history:
            return
        if self.history_cursor == len(self.history):
            self.draft = self.value
        self.history_cursor = max(0, min(len(self.history), self.history_cursor + step))
        at_draft = self.history_cursor == len(self.history)
        self.value = self.draft if at_draft else self.history[self.history_cursor]
        self.cursor_position = len(self.value)
