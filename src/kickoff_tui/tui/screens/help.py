"""The help screen: the keys and the capture syntax, from the same tables the app runs on."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from kickoff_tui.core.capture import syntax_help, syntax_notes
from kickoff_tui.tui.agenda_commands import AGENDA_COMMANDS
from kickoff_tui.tui.screens.base import KickoffModal
from kickoff_tui.tui.widgets.too_small import TooSmall

DUE_HELP = syntax_notes()


def keys_table() -> Table:
    """Every command with its keys, from the command list."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold")
    table.add_column("Key", no_wrap=True, width=10)
    table.add_column("Does")
    table.add_row("Enter", "Add the capture line's item (↑ ↓ recall earlier lines)")
    table.add_row("Paste", "One line goes into the capture line; several lines are added at "
                  "once: one item per line when every line starts with a prefix (a: r: q:…), "
                  "otherwise one note that keeps its line breaks")
    table.add_row("Lists", "Tab moves into the lists (and on through F8's four); ↑ ↓ choose, "
                  "Enter edits, Delete deletes, Esc goes back; typing goes to the capture line")
    for command in AGENDA_COMMANDS:
        keys = command.key_display or "palette"
        table.add_row(keys, f"{command.title}: {command.help}")
    table.add_row("ctrl+p", "Command palette: every action is there too")
    return table


def syntax_table() -> Table:
    """The capture syntax, from the parser's own table."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold")
    table.add_column("Type", no_wrap=True, ratio=1)
    table.add_column("Creates", ratio=1)
    for typed, creates in syntax_help():
        table.add_row(typed, creates)
    return table


class HelpScreen(KickoffModal):
    """Keys and capture syntax. Any of Esc, F1 or q closes it."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", priority=True)]

    def compose(self) -> ComposeResult:
        """Two tables and a line on dates."""
        yield TooSmall()
        with Vertical(id="dialog", classes="help-dialog"):
            yield Label("Kickoff help  (Esc closes)", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Label("Capture: type on the bottom line, press Enter", classes="help-head")
                yield Static(syntax_table(), id="help-syntax")
                yield Static(DUE_HELP, classes="hint")
                yield Label("Keys on the agenda screen", classes="help-head")
                yield Static(keys_table(), id="help-keys")

    def on_mount(self) -> None:
        """Scroll with the keys."""
        self.query_one("#help-body").focus()
        self.check_size()
