"""The home screen: start a new session, resume the latest unfinished one, browse past ones."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static, TextArea

from kickoff_tui.tui.screens.base import KickoffScreen
from kickoff_tui.tui.text import plain
from kickoff_tui.tui.widgets.too_small import TooSmall


class HomeScreen(KickoffScreen):
    """Start, resume, or browse kick-off sessions."""

    AUTO_FOCUS = "#new-title"

    BINDINGS = [
        Binding("ctrl+s", "start", "Start meeting"),
        Binding("ctrl+l", "resume_latest", "Resume latest"),
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        """The new-session form beside the list of past sessions."""
        yield TooSmall()
        yield Static(" Kickoff  ·  run your project kick-off call", id="home-title")
        with Horizontal(id="home-body"):
            with VerticalScroll(id="new-form"):
                yield Label("New kick-off", classes="section-head")
                yield Label("Title", classes="field-label")
                yield Input(placeholder="e.g. Apollo kick-off", id="new-title")
                yield Label("Project", classes="field-label")
                yield Input(placeholder="optional", id="new-project")
                with Horizontal(id="template-row"):
                    with Vertical():
                        yield Label("Agenda template", classes="field-label")
                        yield Select([("kickoff · 60 min", "kickoff")], value="kickoff",
                                     allow_blank=False, id="new-template")
                    with Vertical(id="duration-box"):
                        yield Label("Minutes", classes="field-label")
                        yield Input(placeholder="60", id="new-duration", type="integer")
                yield Label("Attendees: one per line, “Name, Role, Organisation”",
                            classes="field-label")
                yield TextArea(id="new-attendees", show_line_numbers=False)
                yield Static("", id="new-error")
                yield Button("Start meeting (ctrl+s)", variant="primary", id="start")
            with Vertical(id="past"):
                yield Label("Sessions", classes="section-head")
                yield Button("Resume latest unfinished (ctrl+l)", id="resume-latest",
                             disabled=True)
                table: DataTable[Any] = DataTable(id="sessions", cursor_type="row")
                yield table
                yield Static("Enter on a session opens it.", classes="hint", id="sessions-hint")
        yield Footer()

    def check_size(self) -> None:
        """Compact the form on short terminals."""
        super().check_size()
        self.set_class(self.app.size.height < 32, "-short")

    def on_mount(self) -> None:
        """Focus the title; load templates and sessions off the UI thread."""
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Date", "Title", "Project", "Status", "Items", "Id")
        self.query_one("#new-title", Input).focus()
        self.check_size()

    def on_screen_resume(self) -> None:
        """Shown (first time, or back from a meeting): load the list after this frame is up."""
        self.call_after_refresh(self._load)

    @work(thread=True, exclusive=True, group="home-load")
    def _load(self) -> None:
        from kickoff_tui.core.agenda import list_templates

        store = self.app.store  # type: ignore[attr-defined]
        sessions = store.list_sessions()
        templates = list_templates()
        self.app.call_from_thread(self._loaded, sessions, templates, list(store.warnings))

    def _loaded(self, sessions: list[Any], templates: list[Any], warnings: list[str]) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for summary in sessions:
            table.add_row(
                f"{summary.created.astimezone():%Y-%m-%d}", plain(summary.title),
                plain(summary.project),
                str(summary.status.value if hasattr(summary.status, "value") else summary.status),
                str(summary.items), summary.id, key=summary.id,
            )
        if not sessions:
            self.query_one("#sessions-hint", Static).update(
                "No sessions yet: fill in the form to start your first kick-off."
            )
        latest = next((s for s in sessions if str(getattr(s.status, "value", s.status)) != "ended"),
                      None)
        button = self.query_one("#resume-latest", Button)
        button.disabled = latest is None
        self._latest = latest.id if latest else None
        options = []
        for template, source, _error in templates:
            if template is not None:
                label = f"{template.name} · {template.total_minutes:g} min"
                options.append((label, template.name if source == "built-in" else source))
        if options:
            select = self.query_one("#new-template", Select)
            select.set_options(options)
            select.value = options[0][1]
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)

    def action_start(self) -> None:
        """Create the session from the form and open the agenda."""
        from kickoff_tui.core.agenda import TemplateError, find_template, new_session

        error = self.query_one("#new-error", Static)
        title = self.query_one("#new-title", Input).value.strip()
        if not title:
            error.update("⚠ Give the meeting a title.")
            self.query_one("#new-title", Input).focus()
            return
        duration_text = self.query_one("#new-duration", Input).value.strip()
        attendees = [line.strip() for line in
                     self.query_one("#new-attendees", TextArea).text.splitlines() if line.strip()]
        try:
            template = find_template(str(self.query_one("#new-template", Select).value))
            session = new_session(
                title,
                project=self.query_one("#new-project", Input).value.strip(),
                template=template,
                duration=float(duration_text) if duration_text else None,
                attendees=attendees,
            )
        except (TemplateError, ValueError) as problem:
            error.update(plain(f"⚠ {problem}"))
            return
        error.update("")
        self.app.open_meeting(session)  # type: ignore[attr-defined]

    def action_resume_latest(self) -> None:
        """Reopen the latest unfinished session."""
        if getattr(self, "_latest", None):
            self.app.open_meeting(None, self._latest)  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Keys and capture syntax."""
        from kickoff_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#resume-latest")
    def _resume_pressed(self) -> None:
        self.action_resume_latest()

    @on(DataTable.RowSelected, "#sessions")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_meeting(None, str(event.row_key.value))  # type: ignore[attr-defined]
