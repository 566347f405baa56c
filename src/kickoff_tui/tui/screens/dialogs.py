"""Small dialogs: confirm a destructive step, ask for one line of text (the next step)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Label

from kickoff_tui.tui.bindings import ordered
from kickoff_tui.tui.screens.base import KickoffModal
from kickoff_tui.tui.text import plain
from kickoff_tui.tui.widgets.fields import OrderedInput
from kickoff_tui.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from kickoff_tui.tui.controller import MeetingController


class ConfirmScreen(KickoffModal):
    """Ask yes or no; dismisses with ``True`` only on an explicit yes."""

    # Priority: the answer takes effect as the key arrives, so what is typed next goes to the
    # screen below (see screens/base.py).
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel", priority=True),
                Binding("y", "dismiss(True)", "Yes", priority=True),
                Binding("n", "dismiss(False)", "No", priority=True),
                # A typed capital is "Y", not "y", to Textual.
                Binding("Y", "dismiss(True)", "Yes", show=False, priority=True),
                Binding("N", "dismiss(False)", "No", show=False, priority=True)]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        yield TooSmall()
        with Vertical(id="dialog", classes="confirm-dialog"):
            yield Label(plain(self.question), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("Cancel (n / Esc)", id="no")

    def on_mount(self) -> None:
        """Cancel is the safe default."""
        self.set_focus(self.query_one("#no", Button))
        self.check_size()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PromptScreen(KickoffModal):
    """Ask for one line of text; dismisses with it, or ``None`` on cancel."""

    BINDINGS = [ordered("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """A title, the line, and the buttons."""
        yield TooSmall()
        with Vertical(id="dialog", classes="prompt-dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield OrderedInput(self.value, placeholder=self.placeholder, id="prompt-input")
            with Horizontal(classes="buttons"):
                yield Button("OK (Enter)", variant="primary", id="ok")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        """Focus the line."""
        self.set_focus(self.query_one(Input))
        self.check_size()

    def submit_field(self, field: Input) -> None:
        """Enter on the line: done."""
        self.dismiss(field.value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.query_one(Input).value if event.button.id == "ok" else None)


def ask_next_step(screen: Screen[Any], controller: MeetingController) -> None:
    """Ask for the next step agreed (from the agenda or the wrap-up) and record it."""

    def done(text: str | None) -> None:
        if text is not None:
            controller.set_next_step(text)

    screen.app.push_screen(
        PromptScreen("Next step agreed", controller.meeting.session.next_step,
                     "e.g. Follow-up on Tue 8 Dec, 10:00, with the SOW signed"),
        done,
    )
