"""The question asked when ctrl+q cannot save: save again, quit anyway, or stay."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from kickoff_tui.tui.screens.base import KickoffModal
from kickoff_tui.tui.text import plain
from kickoff_tui.tui.widgets.too_small import TooSmall


class UnsavedQuitScreen(KickoffModal):
    """Dismisses with ``"retry"``, ``"quit"`` (unsaved changes are lost) or ``"cancel"``."""

    BINDINGS = [
        Binding("escape", "dismiss('cancel')", "Stay"),
        Binding("s", "dismiss('retry')", "Save again"),
        Binding("q", "dismiss('quit')", "Quit anyway"),
        # With shift (or caps lock) held: Textual names a typed capital "S", not "s".
        Binding("S", "dismiss('retry')", "Save again", show=False),
        Binding("Q", "dismiss('quit')", "Quit anyway", show=False),
    ]

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        """What failed, and the three ways on."""
        yield TooSmall()
        with Vertical(id="dialog", classes="confirm-dialog"):
            yield Static(plain(f"⚠ Not saved: {self.error}"), classes="dialog-title")
            yield Static("Quitting now loses what was typed since the last save that worked. "
                        "Free some space or fix the folder, then save again.")
            with Horizontal(classes="buttons"):
                yield Button("Save again (s)", variant="primary", id="retry")
                yield Button("Quit anyway (q)", variant="error", id="quit")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        """Save again is the safe default."""
        self.query_one("#retry", Button).focus()
        self.check_size()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)
