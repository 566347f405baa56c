"""The home screen: start a new session, resume the latest unfinished one, browse past ones."""

from __future__ import annotations

from asyncio import gather
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, Static

from kickoff_tui.tui.commands import home_bindings
from kickoff_tui.tui.messages import OpenMeeting
from kickoff_tui.tui.screens.base import KickoffScreen
from kickoff_tui.tui.services import Services
from kickoff_tui.tui.text import plain
from kickoff_tui.tui.widgets.fields import OrderedInput
from kickoff_tui.tui.widgets.too_small import TooSmall

#: Seconds after mounting before the rest of the home screen is built: long enough for the
#: first frame to be drawn and written first (at 0.01 s it was not), short enough not to
#: delay the complete frame (0.05 s cost that much on top).
COMPLETE_AFTER = 0.025
#: Below this many columns the home screen takes its narrow layout (styles/home.tcss).
NARROW = 100
#: How many recent sessions the "Follow-up from…" choice offers.
FOLLOWUP_CHOICES = 100


class HomeScreen(KickoffScreen):
    """Start, resume, or browse kick-off sessions."""

    AUTO_FOCUS = "#new-title"

    BINDINGS = home_bindings()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        """The first frame: the heading and the title field, ready to type in.

        The rest of the form and the session list follow right after the first frame is on
        screen (:meth:`_complete`): start-up is measured to the first screen, and the title is
        what a facilitator types first.
        """
        yield TooSmall()
        yield Static(" Kickoff  ·  run your project kick-off call", id="home-title")
        with Horizontal(id="home-body"):
            with VerticalScroll(id="new-form"):
                yield Label("New kick-off", classes="section-head")
                yield Label("Title", classes="field-label")
                yield OrderedInput(placeholder="e.g. Apollo kick-off", id="new-title")
            with Vertical(id="past"):
                yield Label("Sessions", classes="section-head")
        # In the first frame: a footer fills its keys a frame after it is mounted, so one
        # mounted with the rest of the form came a frame after it.
        yield Footer()

    async def _complete(self) -> None:
        """Mount the rest of the form and the session list, then load the sessions."""
        # Imported here: these widget modules are a good part of the first frame's cost.
        from textual.widgets import Button, DataTable, Select

        from kickoff_tui.tui.widgets.area import OrderedTextArea

        template_row = Horizontal(
            Vertical(
                Label("Agenda template", classes="field-label"),
                Select([("kickoff · 60 min", "kickoff")], value="kickoff", allow_blank=False,
                       id="new-template"),
            ),
            Vertical(
                Label("Minutes", classes="field-label"),
                OrderedInput(placeholder="60", id="new-duration", type="integer"),
                id="duration-box",
            ),
            id="template-row",
        )
        table: DataTable[Any] = DataTable(id="sessions", cursor_type="row")
        # Both at once, awaited together: one frame shows the whole form.
        await gather(
            self.query_one("#new-form").mount_all([
                Label("Project", classes="field-label"),
                OrderedInput(placeholder="optional", id="new-project"),
                template_row,
                Label("Attendees: one per line, “Name <e-mail>, Role, Organisation”",
                      classes="field-label"),
                OrderedTextArea(id="new-attendees", show_line_numbers=False),
                Label("Follow-up from… (carries its open items and attendees)",
                      classes="field-label"),
                Select([], prompt="— none: a new kick-off —", id="new-from"),
                Static("", id="new-error"),
                Button("Start meeting (ctrl+s)", variant="primary", id="start"),
            ]),
            self.query_one("#past").mount_all([
                Static("", id="action-counts"),
                Button("Resume latest unfinished (ctrl+l)", id="resume-latest", disabled=True),
                table,
                Static("Enter on a session opens it.", classes="hint", id="sessions-hint"),
            ]),
        )
        # What tells sessions apart first: at 80 columns the title is then cut at the edge,
        # instead of pushing the status out of view.
        table.add_columns("Date", "Status", "Title", "Items", "Project", "Id")
        self._built = True
        # The list loads once the complete frame is drawn: the worker imports the store and
        # its models, and would hold the GIL while that frame is being drawn.
        self.set_timer(COMPLETE_AFTER, self._load)

    def check_size(self) -> None:
        """Compact the form on short terminals, and on narrow ones (styles/home.tcss)."""
        super().check_size()
        self.set_class(self.app.size.height < 32, "-short")
        self.set_class(self.app.size.width < NARROW, "-narrow")

    _built = False
    #: The latest unfinished session's id, once the list is loaded.
    _latest: str | None = None
    #: Whether the session list has been read (until then ctrl+l has nothing to say).
    _listed = False

    def on_mount(self) -> None:
        """Focus the title; build the rest once the first frame is up."""
        self.set_focus(self.query_one("#new-title", Input))
        self.check_size()
        # Not call_after_refresh: the frame is rendered by then but still being written to
        # the terminal by Textual's writer thread, which building the rest would starve.
        self.set_timer(COMPLETE_AFTER, self._complete)

    def on_screen_resume(self) -> None:
        """Back from a meeting: the session list has changed."""
        if self._built:
            self.call_after_refresh(self._load)

    @work(thread=True, exclusive=True, group="home-load")
    def _load(self) -> None:
        from kickoff_tui.core.agenda import list_templates
        from kickoff_tui.core.tracking import action_counts

        store = self.services.store
        sessions = store.list_sessions()
        templates = list_templates()
        counts = action_counts(store, self.services.today())
        self.app.call_from_thread(self._loaded, sessions, templates, list(store.warnings),
                                  counts)

    def _loaded(self, sessions: list[Any], templates: list[Any], warnings: list[str],
                counts: Any = None) -> None:
        # Imported here, not at the top: the models (and pydantic) stay off the first frame.
        from kickoff_tui.core.store.index import first_unfinished

        table: Any = self.query_one("#sessions")
        table.clear()
        for summary in sessions:
            table.add_row(
                f"{summary.created.astimezone():%Y-%m-%d}", summary.status.value,
                plain(summary.title), str(summary.items), plain(summary.project),
                summary.id, key=summary.id,
            )
        if counts is not None:
            self.query_one("#action-counts", Static).update(
                f"Action items: {counts.open} open · {counts.overdue} overdue"
                "  (kickoff actions)" if counts.open else "No open action items.")
        follow: Any = self.query_one("#new-from")
        follow.set_options([  # the most recent ones: `kickoff new --from ID` reaches any
            (plain(f"{s.title} · {s.created.astimezone():%Y-%m-%d}"), s.id)
            for s in sessions[:FOLLOWUP_CHOICES]
        ])
        if not sessions:
            self.query_one("#sessions-hint", Static).update(
                "No sessions yet: fill in the form to start your first kick-off."
            )
        latest = first_unfinished(sessions)
        button: Any = self.query_one("#resume-latest")
        button.disabled = latest is None
        self._latest = latest.id if latest else None
        self._listed = True
        options = []
        for template, source, error in templates:
            if template is None:  # a broken or hostile file: one line naming it, no crash
                warnings = [*warnings, f"Template not used: {error}"]
                continue
            label = plain(f"{template.name} · {template.total_minutes:g} min")
            options.append((label, template.name if source == "built-in" else source))
        if options:
            select: Any = self.query_one("#new-template")
            select.set_options(options)
            select.value = options[0][1]
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)

    def action_start(self) -> None:
        """Create the session from the form and open the agenda."""
        from kickoff_tui.core.agenda import TemplateError, find_template, new_session
        from kickoff_tui.core.store import StoreError
        from kickoff_tui.core.tracking import build_followup

        if not self._built:  # ctrl+s within the first 50 ms: the form is still being built
            self.set_timer(COMPLETE_AFTER, self.action_start)
            return
        error = self.query_one("#new-error", Static)
        title = self.query_one("#new-title", Input).value.strip()
        if not title:
            error.update("⚠ Give the meeting a title.")
            self.query_one("#new-title", Input).focus()
            return
        duration_text = self.query_one("#new-duration", Input).value.strip()
        attendees = [line.strip() for line in
                     self._widget("#new-attendees").text.splitlines() if line.strip()]
        source = self._widget("#new-from").value
        try:
            template = find_template(str(self._widget("#new-template").value))
            project = self.query_one("#new-project", Input).value.strip()
            duration = float(duration_text) if duration_text else None
            if isinstance(source, str):  # a follow-up: the source's agenda after the review
                session = build_followup(self.services.store, source, title,
                                         project=project or None, duration=duration,
                                         attendees=attendees)
            else:
                session = new_session(title, project=project, template=template,
                                      duration=duration, attendees=attendees)
        except (TemplateError, StoreError, ValueError) as problem:
            error.update(plain(f"⚠ {problem}"))
            return
        error.update("")
        self.post_message(OpenMeeting(session))

    def action_resume_latest(self) -> None:
        """Reopen the latest unfinished session."""
        if self._latest:
            self.post_message(OpenMeeting(None, self._latest))
        elif self._listed:
            self.notify("No unfinished session to resume: start a new one, or pick a past "
                        "session from the list (Enter opens it).", timeout=6, markup=False)

    def action_help(self) -> None:
        """Keys and capture syntax."""
        from kickoff_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def _widget(self, selector: str) -> Any:
        """A widget of the part built after the first frame (typed loosely: its classes are
        imported late, see :meth:`_complete`)."""
        return self.query_one(selector)

    def on_button_pressed(self, event: Any) -> None:
        """Start, or resume the latest."""
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "resume-latest":
            self.action_resume_latest()

    def on_data_table_row_selected(self, event: Any) -> None:
        """Enter on a session opens it."""
        if event.row_key.value:
            self.post_message(OpenMeeting(None, str(event.row_key.value)))
