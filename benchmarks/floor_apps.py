"""What a screen costs before any of Kickoff's own code runs: the floor under a start-up bar.

``benchmarks/run.py`` times these beside ``bare_app.py`` and Kickoff's ways in, so the report
can say how much of a start-up ratio is Textual drawing the widgets a screen needs, and how
much is the stack's data layer (pydantic and the session models), before Kickoff's code adds
anything. None of Kickoff's screens, stores or styles are used.

* ``home``: the Textual widgets of Kickoff's home form and session list, in one frame.
* ``agenda``: the session models imported (pydantic builds their validators), then the
  Textual widgets of the agenda's first frame: a tabbed list panel, an input and a footer.

Run: ``python benchmarks/floor_apps.py home`` (or ``agenda``).
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, Static

#: What each floor draws (the same texts ``run.py`` waits for on Kickoff's screens).
MARKERS = {
    "home": ("New kick-off", "Start meeting (ctrl+s)", "^q Quit"),
    "agenda": ("Objectives", "Type a note", "^q Quit"),
}


class FloorApp(App[None]):
    """A screen's widgets, with the footer keys Kickoff's screens show."""

    BINDINGS = [("ctrl+q", "quit", "Quit"), ("f1", "help", "Help"), ("ctrl+r", "bell", "Wrap up")]
    CSS = """
    Horizontal { height: 1fr; }
    Vertical { width: 1fr; }
    .side { width: 24; }
    TextArea { height: 4; }
    Select { height: 3; }
    """

    def __init__(self, which: str) -> None:
        super().__init__()
        self.which = which

    def compose(self) -> ComposeResult:
        """The home form or the agenda's first frame."""
        if self.which == "home":
            yield from self._home()
        else:
            yield from self._agenda()
        yield Footer()

    def _home(self) -> ComposeResult:
        from textual.widgets import Button, DataTable, Select, TextArea

        with Horizontal():
            with Vertical():
                yield Label("New kick-off")
                yield Input(placeholder="e.g. Apollo kick-off")
                yield Input(placeholder="optional")
                yield Select([("kickoff · 60 min", "kickoff")], value="kickoff",
                             allow_blank=False)
                yield Input(placeholder="60", type="integer")
                yield TextArea(show_line_numbers=False)
                yield Select([], prompt="— none: a new kick-off —")
                yield Button("Start meeting (ctrl+s)", variant="primary")
            with Vertical():
                yield Label("Sessions")
                yield Button("Resume latest unfinished (ctrl+l)", disabled=True)
                table: DataTable[str] = DataTable(cursor_type="row")
                table.add_columns("Date", "Title", "Project", "Status", "Items", "Id")
                yield table

    def _agenda(self) -> ComposeResult:
        from textual.widgets import TabbedContent, TabPane

        import kickoff_tui.core.models  # noqa: F401 - the data layer's cost is the point

        yield Static("Benchmark call · 00:00 of 60 min")
        with Horizontal():
            yield Static("\n".join(f"{n}. Section {n}" for n in range(1, 9)), classes="side")
            with Vertical():
                yield Label("1/8  Objectives", id="head")
                with TabbedContent():
                    for title in ("Section", "Decisions", "Actions", "RAID", "Questions",
                                  "Parking lot", "People"):
                        with TabPane(title):
                            yield Static("")
        yield Input(placeholder="Type a note, or d: a: r: q: p: …")


if __name__ == "__main__":
    FloorApp(sys.argv[1] if len(sys.argv) > 1 else "home").run()
