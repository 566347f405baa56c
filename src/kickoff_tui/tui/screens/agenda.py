"""The facilitator's screen: the agenda with live time boxes, and the one capture line.

The screen turns keys into calls on the core :class:`Meeting` and shows the result; saving runs
in a worker thread so typing never waits for the disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Label, Static, TabbedContent, TabPane

from kickoff_tui.core.autosave import AutoSaver
from kickoff_tui.core.kinds import KINDS, TABLE_KINDS, kind_named, table_of
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import (
    Attendee,
    CommunicationRow,
    Deliverable,
    RaciRow,
    Session,
)
from kickoff_tui.core.presence import BEAT_EVERY
from kickoff_tui.core.store import StoreError
from kickoff_tui.tui.bindings import ordered
from kickoff_tui.tui.commands import AGENDA_COMMANDS, agenda_bindings
from kickoff_tui.tui.preload import preload
from kickoff_tui.tui.resources import stylesheets
from kickoff_tui.tui.screens.base import KickoffScreen
from kickoff_tui.tui.seats import SeatView
from kickoff_tui.tui.text import plain, visible
from kickoff_tui.tui.widgets.blink import BlinkSettler
from kickoff_tui.tui.widgets.capture import CaptureInput
from kickoff_tui.tui.widgets.clock import MeetingHeader, SectionClock
from kickoff_tui.tui.widgets.item_table import (
    VIEW_COLUMNS,
    ItemTable,
    kind_label,
    main_text,
    one_line,
    raci_columns,
)
from kickoff_tui.tui.widgets.save_status import SaveStatus
from kickoff_tui.tui.widgets.sidebar import AgendaSidebar
from kickoff_tui.tui.widgets.too_small import TooSmall

#: The reference tables of the People & plans view, in the registry's order.
PEOPLE_TABLES = TABLE_KINDS
#: The views of the item panel: (id, tab label, item types shown).
VIEWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("section", "Section", ()),
    *((name, kind_named(name).plural, (name,))
      for name in ("decision", "action", "raid", "question", "parking")),
    ("people", "People", PEOPLE_TABLES),
)
#: Tab titles at 80 columns.
SHORT_TITLES = {"section": "Sect", "decision": "Dec", "action": "Act", "question": "Q",
                "parking": "Park"}
#: Item types the "This section" view lists: every kind.
SECTION_TYPES = tuple(kind.name for kind in KINDS)
#: The palette command that adds a row to each reference table, and each table's title.
ADD_ROW = {name: table_of(name).add for name in PEOPLE_TABLES}
PEOPLE_TITLES = {name: table_of(name).title for name in PEOPLE_TABLES}

TICK_SECONDS = 0.5
#: How often other seats' changes are looked for (a stat of the journal when idle).
SEAT_SYNC_SECONDS = 0.5
CAPTURE_SAVE_DELAY = 0.2
#: The key shown on each view's tab, from the command list.
VIEW_KEYS = {view_id: next((c.key_display for c in AGENDA_COMMANDS
                            if c.action == f"show_view('{view_id}')"), "")
             for view_id, _title, _types in VIEWS}


class AgendaScreen(KickoffScreen):
    """Walks the agenda: sections with time boxes, capture, views of what was captured."""

    BINDINGS = [*agenda_bindings(), ordered("escape", "focus_capture", show=False)]
    AUTO_FOCUS = "#capture"
    CSS_PATH = stylesheets("agenda.tcss")

    def __init__(self, *, session: Session | None = None, session_id: str | None = None) -> None:
        super().__init__()
        self._new_session = session
        self._session_id = session_id
        self.meeting: Meeting | None = None
        self.saver: AutoSaver | None = None
        #: This seat among the others: presence, masked private notes, following.
        self.seats: SeatView | None = None
        self._save_pending = False
        self._saving = False
        self._shown_section: int | None = None
        self._raci_people: tuple[str, ...] = ()
        self._last_echo: str | Text = ""
        self._counts_stale = False
        self._tab_labels: dict[str, str] = {}
        self._last_problem = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The header, sidebar, section panel, item views and the capture line."""
        yield TooSmall(id="too-small")
        yield MeetingHeader(id="meeting-header")
        with Horizontal(id="body"):
            yield AgendaSidebar(id="sidebar")
            with Vertical(id="main"):
                with Horizontal(id="section-head"):
                    yield Label("", id="section-title")
                    yield SectionClock(id="section-clock")
                yield Static("", id="prompts")
                with TabbedContent(id="views"):
                    for view_id, title, _types in VIEWS:
                        with TabPane(title, id=f"view-{view_id}"):
                            if view_id == "people":
                                with VerticalScroll(id="people-scroll"):
                                    for kind in PEOPLE_TABLES:
                                        yield Label(PEOPLE_TITLES[kind], classes="table-title")
                                        yield ItemTable(
                                            VIEW_COLUMNS[kind], id=f"table-people-{kind}"
                                        )
                            else:
                                yield ItemTable(VIEW_COLUMNS[view_id], id=f"table-{view_id}")
        yield Static("", id="detail")
        yield SaveStatus("", id="save-status")
        yield Static("", id="echo")
        yield CaptureInput(self._captured, id="capture")
        yield Footer()

    def on_mount(self) -> None:
        """Load or create the session, start the clock and the saver."""
        store = self.app.store  # type: ignore[attr-defined]
        try:
            if self._new_session is not None:
                session = self._new_session
            else:
                session = store.load(self._session_id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", timeout=10, markup=False)
            self.app.pop_screen()
            return
        app = self.app
        self.meeting = Meeting(session, today=app.today, now=app.monotonic)  # type: ignore[attr-defined]
        self.saver = AutoSaver(self.meeting, store)
        if not self.meeting.ended:
            self.meeting.start()
        self.seats = SeatView(self.meeting, store.path)
        if not self.meeting.ended:
            self.seats.take_lead_if_vacant()
        capture = self.query_one(CaptureInput)
        for table in self.query(ItemTable):
            table.can_focus = True
            table.typing_target = capture  # type-to-capture
        self._fill_all()
        self._show_section()
        self._tick()
        self.set_interval(TICK_SECONDS, self._tick)
        self.set_interval(1.0, self.request_save)
        self._seat_beat()
        self.set_interval(BEAT_EVERY, self._seat_beat)
        self.set_interval(SEAT_SYNC_SECONDS, self._sync_seats)
        self.query_one(CaptureInput).focus()
        self._blink = BlinkSettler(capture)  # idle CPU: the cursor settles when nobody types
        preload("kickoff_tui.tui.screens.wrapup")  # ctrl+r finds its modules imported
        if self.meeting.ended:
            self.say("This meeting was wrapped up: ctrl+r shows the wrap-up again; "
                     "“Reopen meeting” (ctrl+p) restarts the clock.")
        self.request_save()
        self.check_size()

    def check_size(self) -> None:
        """Besides the too-small notice, tighten the layout at 80 columns and 24 rows."""
        super().check_size()
        size = self.app.size
        self.set_class(size.width < 110, "-narrow")
        self.set_class(size.height < 32, "-short")
        if self.meeting is not None:
            self._update_tab_counts()

    # -- showing -------------------------------------------------------------------------

    def _table(self, view: str) -> ItemTable:
        return self.query_one(f"#table-{view}", ItemTable)

    def _tables_for(self, item: Any) -> list[ItemTable]:
        """Every table an item belongs in (its kind's view, people & plans, this section)."""
        assert self.meeting is not None
        tables: list[ItemTable] = []
        if item.type in PEOPLE_TABLES:
            tables.append(self._table(f"people-{item.type}"))
        elif item.type != "note":
            tables.append(self._table(item.type))
        if item.section == self.meeting.session.current_section.id:
            tables.append(self._table("section"))
        return tables

    def _fill_all(self) -> None:
        """Fill every view from the session (at start, and after another seat's changes)."""
        assert self.meeting is not None
        session = self.meeting.session
        for view_id, _title, types in VIEWS[1:]:
            if view_id == "people":
                for kind in PEOPLE_TABLES:
                    self._table(f"people-{kind}").reload(self._shown(session.live(kind)))
            else:
                self._table(view_id).reload(self._shown(session.live(*types)))
        self._refresh_raci_columns()
        self._fill_section()
        self._update_tab_counts()

    def _fill_section(self) -> None:
        assert self.meeting is not None
        session = self.meeting.session
        self._table("section").reload(
            self._shown(session.in_section(session.current_section.id, *SECTION_TYPES))
        )

    def _shown(self, items: list[Any]) -> list[Any]:
        """Items as this seat may show them: another seat's private notes are masked."""
        return items if self.seats is None else self.seats.shown_all(items)

    def _refresh_raci_columns(self) -> None:
        """The RACI table has a column per person: rebuild it when the people change."""
        assert self.meeting is not None
        # One column per name, even if an old session holds two attendees of one name.
        people = tuple(dict.fromkeys(a.name for a in self.meeting.session.attendees))
        rows = self.meeting.session.live("raci")
        for row in rows:
            for person in row.assignments:
                if person not in people:
                    people = (*people, person)
        if people == self._raci_people:
            return
        self._raci_people = people
        table = self._table("people-raci")
        table.set_columns(raci_columns(people))
        table.reload(rows)

    def _show_item(self, item: Any) -> None:
        """Put one item (new, edited or deleted) into every table it belongs in."""
        if item.type == "attendee":
            self._refresh_raci_columns()  # a new or renamed person is a new RACI column
        shown = item if self.seats is None else self.seats.shown(item)
        for table in self._tables_for(item):
            table.put(shown)
        # Tab labels change width with their counts, and a width change means a full layout:
        # do it on the next clock tick, not in the frame that shows the new item.
        self._counts_stale = True

    def _view_shows(self, view: str, item: Any) -> bool:
        """Whether a view lists this item."""
        assert self.meeting is not None
        if view == "section":
            return bool(item.section == self.meeting.session.current_section.id)
        types = next((t for v, _title, t in VIEWS if v == view), ())
        return item.type in types

    def _active_view(self) -> str:
        return (self.query_one(TabbedContent).active or "view-section").removeprefix("view-")

    def _reveal(self, item: Any) -> None:
        """A captured item is on screen at once: the view switches to the section's if the
        one shown cannot list it, and its row is put in view and highlighted."""
        view = self._active_view()
        if not self._view_shows(view, item):
            view = "section"
            self.action_show_view(view)
        table_id = f"people-{item.type}" if view == "people" else view
        table = self._table(table_id)
        table.highlight(item.id)

    def _update_tab_counts(self) -> None:
        """Each tab says how many items its view holds (the tables hold exactly those)."""
        self._counts_stale = False
        tabs = self.query_one(TabbedContent)
        width = self.app.size.width
        for view_id, title, _types in VIEWS:
            if view_id == "people":
                count = sum(self._table(f"people-{kind}").row_count for kind in PEOPLE_TABLES)
            else:
                count = self._table(view_id).row_count
            # Every tab stays on screen: key names only where there is room, short titles at
            # 80 columns.
            name = title if width >= 110 else SHORT_TITLES.get(view_id, title)
            label = f"{name} {count}" if count else name
            markup = f"[dim]{VIEW_KEYS[view_id]}[/] {label}" if width >= 150 else label
            if self._tab_labels.get(view_id) != markup:
                self._tab_labels[view_id] = markup
                tabs.get_tab(f"view-{view_id}").label = markup

    def _show_section(self) -> None:
        """Show the current section: title, prompts, its items."""
        assert self.meeting is not None
        session = self.meeting.session
        index = self.meeting.clock.current
        section = session.sections[index]
        self.query_one("#section-title", Label).update(
            plain(f"{index + 1}/{len(session.sections)}  {section.title}")
        )
        prompts = Text()
        for prompt in section.prompts:
            prompts.append("• ", style="dim")
            prompts.append(visible(prompt) + "\n")
        self.query_one("#prompts", Static).update(prompts)
        if self._shown_section != index:
            first_show = self._shown_section is None
            self._shown_section = index
            self._fill_section()
            self._update_tab_counts()
            table = next(iter(section.tables), None)
            if table is not None and not first_show:
                # This section works on a reference table: put it in view.
                self.action_show_view("people")
                self.say(f"{PEOPLE_TITLES[table].split(' (')[0]} below · ctrl+p “{ADD_ROW[table]}”"
                         " adds a row · F2 back to this section's items")
            elif table is None and self._active_view() == "people":
                # The People view was for the sections before: this one's items come first.
                self.action_show_view("section")

    def _tick(self) -> None:
        """Redraw the clocks from the core clock (which measures, never counts ticks)."""
        meeting = self.meeting
        if meeting is None:
            return
        if self._counts_stale:
            self._update_tab_counts()
        seats = self.seats.count if self.seats is not None else 1
        self.query_one(MeetingHeader).show(meeting, self.app.wall_clock(), seats=seats)  # type: ignore[attr-defined]
        self.query_one(SectionClock).show(meeting)
        self.query_one(AgendaSidebar).show(meeting)
        if not meeting.ended and meeting.clock.take_bell():
            self.app.bell()
            section = meeting.session.current_section.title
            self.notify(f"Time box for “{visible(section)}” is used up.", severity="warning",
                        markup=False)

    def say(self, message: str | Text, *, problem: bool = False) -> None:
        """Show a line above the capture line (the echo of the last action)."""
        message = plain(message)
        self._last_echo, self._last_problem = message, problem
        echo = self.query_one("#echo", Static)
        echo.set_class(problem, "-problem")
        echo.update(message, layout=False)  # one fixed line: no layout pass per capture

    # -- capture -------------------------------------------------------------------------

    def _captured(self, lines: list[str], pasted: bool) -> None:
        """The capture line's Enter (one line) or a paste of several lines."""
        if len(lines) == 1 and not pasted:
            self.capture_line(lines[0])
        else:
            self.capture_lines(lines, pasted)

    def capture_line(self, line: str) -> None:
        """Add one line's item, as if typed on the capture line and Enter pressed."""
        self.capture_lines([line], False)

    def capture_lines(self, lines: list[str], pasted: bool) -> None:
        """Enter on the capture line (or a paste of several lines): add the items, echo what
        was understood."""
        if self.meeting is None:
            return
        made = [c for c in (self.meeting.capture(line) for line in lines) if c is not None]
        if not made:
            return
        for captured in made:
            for item in captured.items:
                self._show_item(item)
        last = made[-1]
        shown = [item for captured in made for item in captured.items]
        if shown:  # "next: ..." sets the next step and makes no item
            self._reveal(shown[-1])
        echo = f"✓ {last.capture.echo()}"
        if pasted and len(made) > 1:
            echo = f"✓ {len(made)} items from the paste · last: {last.capture.echo()}"
        elif pasted and "\n" in lines[-1]:
            echo += " · pasted lines kept as one note"
        problems = any(c.capture.problems for c in made)
        if self.meeting.ended:
            # Kept, but the minutes written at the wrap-up do not hold it yet.
            echo += " · ⚠ added after the wrap-up: ctrl+r writes the minutes again"
            problems = True
        self.say(echo, problem=problems)
        # Saved a moment later, so the frame showing the item is not slowed by the save
        # (still on disk well within the second).
        self.set_timer(CAPTURE_SAVE_DELAY, self.request_save)

    @on(CaptureInput.Changed, "#capture")
    def _preview(self, event: CaptureInput.Changed) -> None:
        """While typing, show what Enter would create, so a slip is seen before it is added."""
        if self.meeting is None:
            return
        if not event.value.strip():
            self.say(self._last_echo, problem=self._last_problem)
            return
        preview = self.meeting.preview(event.value[:2000])
        text = Text("Enter adds: ", style="dim")
        text.append(visible(preview.echo()))
        echo = self.query_one("#echo", Static)
        echo.set_class(bool(preview.problems), "-problem")
        echo.update(text, layout=False)

    # -- saving --------------------------------------------------------------------------

    def request_save(self) -> None:
        """Save soon, off the UI thread; a save already running is followed by one more."""
        if self.saver is None:
            return
        if self._saving:
            self._save_pending = True
            return
        if not self.saver.needed:
            return
        self._saving = True
        self._save_worker()

    @work(thread=True, group="save")
    def _save_worker(self) -> None:
        assert self.saver is not None
        outcome = self.saver.save()
        self.app.call_from_thread(self._saved, outcome)

    def _saved(self, outcome: Any) -> None:
        self._saving = False
        if not self.is_attached:
            return  # the app is closing: the final save reports for itself
        already_said = any(status.failed for status in self.query(SaveStatus))
        if outcome.error or outcome.saved:
            self.show_save_state(outcome.error)
        # The failure line stays in view; the echo says it once, not at every retry, so the
        # echo of each capture is still read.
        if outcome.error and not already_said:
            self.say(f"⚠ Not saved: {outcome.error} — your edits are kept and saving is retried.",
                     problem=True)
        elif outcome.recovered:
            self.say("✓ Saved again: every edit is on disk.")
        if outcome.adopted:
            self._fill_all()
            self.say(f"↻ {outcome.adopted} change(s) from another seat.")
        if self._save_pending:
            self._save_pending = False
            self.request_save()

    def show_save_state(self, error: str) -> None:
        """Keep a failed save in view until a save succeeds (``error`` empty: it did)."""
        for status in self.query(SaveStatus):  # none once the screen is gone
            status.show_error(error)

    # -- other seats' changes (read from the session's journal) ---------------------------
    # Runs in every state (paused clock, dialogs, wrap-up on top): the timer is this screen's.

    _syncing = False

    def _sync_seats(self) -> None:
        """Look for other seats' changes, off the UI thread (one look at a time)."""
        if self.saver is None or self._syncing or not self.saver.others_may_have_saved():
            return  # nothing new on disk (a stat): no worker
        self._syncing = True
        self._sync_worker()

    @work(thread=True, group="seats")
    def _sync_worker(self) -> None:
        assert self.saver is not None
        adopted = self.saver.sync()
        self.app.call_from_thread(self._synced, adopted)

    def _synced(self, adopted: int) -> None:
        self._syncing = False
        if adopted and self.meeting is not None and self.is_attached:
            self._fill_all()
            self._show_section()
            self._tick()
            self.say(f"↻ {adopted} change(s) from another seat.")

    def save_blocking(self) -> str:
        """Save now on this thread (quit, hang-up, ctrl+s). Returns the error, or "".

        Safe from any thread: it changes nothing on screen (callers on the UI thread show the
        result with :meth:`show_save_state`)."""
        if self.saver is None:
            return ""
        outcome = self.saver.save(force=True)
        return outcome.error

    # -- actions -------------------------------------------------------------------------

    def action_next_section(self) -> None:
        """Move to the next agenda section."""
        assert self.meeting is not None
        if self.meeting.next_section():
            self._after_move()
        else:
            self.say("This is the last section: ctrl+r wraps up.")

    def action_previous_section(self) -> None:
        """Move back to the previous agenda section."""
        assert self.meeting is not None
        if self.meeting.previous_section():
            self._after_move()
        else:
            self.say("This is the first section.")

    def _after_move(self) -> None:
        self._show_section()
        self._tick()
        self.request_save()

    def action_toggle_clock(self) -> None:
        """Pause or resume the meeting clock."""
        assert self.meeting is not None
        paused = self.meeting.toggle_pause()
        self.say("⏸ Clock paused (ctrl+t resumes)." if paused else "▶ Clock running.")
        self._tick()
        self.request_save()

    def action_undo(self) -> None:
        """Undo the last capture, edit or deletion."""
        assert self.meeting is not None
        what = self.meeting.undo()
        if what is None:
            self.say("Nothing to undo.")
            return
        self._fill_all()
        self.say(f"↶ Undone: {what}.")
        self.request_save()

    def action_save(self) -> None:
        """Save now."""
        error = self.save_blocking()
        self.show_save_state(error)
        if error:
            self.say(f"⚠ Not saved: {error}", problem=True)
        else:
            self.say(f"✓ Saved to {self.app.store.path}")  # type: ignore[attr-defined]

    def action_help(self) -> None:
        """Open the help screen."""
        from kickoff_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_show_view(self, view: str) -> None:
        """Show one of the item views."""
        self.query_one(TabbedContent).active = f"view-{view}"

    def action_focus_items(self) -> None:
        """Tab: from the capture line into the lists of the visible view, one after the other
        (the People view has four), then back to the capture line."""
        capture = self.query_one(CaptureInput)
        tables = self._visible_tables()
        focused = self.focused
        if focused is capture:
            following = tables[:1]
        elif isinstance(focused, ItemTable) and focused in tables:
            following = tables[tables.index(focused) + 1:][:1]
        else:
            following = []
        if not following:
            self.action_focus_capture()
            return
        table = following[0]
        if table.cursor_row < 0:
            table.select_newest()
        self.set_focus(table)
        self.say("↑↓ choose · Enter edit · Del delete · Tab next list · Esc back · "
                 "typing goes to the capture line")

    def action_focus_capture(self) -> None:
        """Back to the capture line, at once (the next key typed goes there)."""
        self.set_focus(self.query_one(CaptureInput))

    def on_screen_suspend(self) -> None:
        """A dialog, the palette, help or the wrap-up opens: when it closes, the focus is back
        on the capture line (kept by the screen while it is suspended)."""
        self.action_focus_capture()

    def _visible_tables(self) -> list[ItemTable]:
        """The lists of the view shown that hold something (the first one if none does)."""
        pane = self.query_one(TabbedContent).active_pane
        if pane is None:
            return []
        tables = list(pane.query(ItemTable))
        return [t for t in tables if t.row_count] or tables[:1]

    def action_extend(self, minutes: int) -> None:
        """Give the current section more time."""
        assert self.meeting is not None
        self.meeting.extend(minutes)
        self.say(f"+{minutes} min for “{self.meeting.session.current_section.title}”.")
        self._tick()
        self.request_save()

    def action_rebalance(self) -> None:
        """Resize the boxes still to come so the meeting ends as planned."""
        assert self.meeting is not None
        self.meeting.rebalance()
        self.say("Time boxes still to come resized to keep the planned end.")
        self._tick()
        self.request_save()

    def action_wrap_up(self) -> None:
        """End the meeting and open the wrap-up."""
        from kickoff_tui.tui.screens.wrapup import WrapUpScreen

        assert self.meeting is not None
        if not self.meeting.ended:
            self.meeting.end()
        self._tick()
        self.app.push_screen(WrapUpScreen(self), self._back_from_wrapup)

    def _back_from_wrapup(self, result: tuple[str, str | None] | None) -> None:
        """Wrap-up closed: maybe reopen, or go to what a finding pointed at."""
        assert self.meeting is not None
        if result is None:
            return
        what, target = result
        if what == "reopen":
            self.reopen()
        elif what == "item" and target:
            self.edit_item(target)
        elif what == "section":
            index = next((i for i, s in enumerate(self.meeting.session.sections)
                          if s.id == target), None)
            if index is not None and self.meeting.go(index):
                self._after_move()

    def action_reopen(self) -> None:
        """Reopen a meeting that was ended by mistake."""
        assert self.meeting is not None
        if not self.meeting.ended:
            self.say("The meeting is running: nothing to reopen.")
            return
        self.reopen()

    def reopen(self) -> None:
        """Reopen a meeting that was ended by mistake."""
        assert self.meeting is not None
        self.meeting.reopen()
        self._tick()
        self.say("Meeting reopened: the clock runs again.")
        self.request_save()

    # -- editing -------------------------------------------------------------------------

    def _edit(self, item: Any, *, is_new: bool = False) -> None:
        from kickoff_tui.tui.screens.edit import EditItemScreen

        assert self.meeting is not None
        attendees = [a.name for a in self.meeting.session.attendees]

        def done(result: dict[str, Any] | None) -> None:
            if result is None:
                return
            self._apply_edit(item, result)

        self.app.push_screen(
            EditItemScreen(item, attendees, today=self.app.today(), is_new=is_new),  # type: ignore[attr-defined]
            done,
        )

    def _apply_edit(self, item: Any, fields: dict[str, Any]) -> None:
        assert self.meeting is not None
        if self.meeting.session.find(item.id) is None:
            new = self.meeting.add(type(item).model_validate({**item.model_dump(), **fields}),
                                   f"{kind_label(item).lower()} added")
            self.say(f"✓ {kind_label(new)} added.")
        else:
            new = self.meeting.update(item.id, **fields)
            self.say(f"✓ {kind_label(new)} updated.")
        self._show_item(new)
        self.request_save()

    def edit_item(self, item_id: str) -> None:
        """Open the edit dialog for an item (from a table, or a wrap-up finding)."""
        assert self.meeting is not None
        item = self.meeting.session.find(item_id)
        if item is not None and self.seats is not None and not self.seats.may_open(item):
            self.say("A private note: only the seat that wrote it can open it.")
            return
        if item is not None and not item.deleted:
            self._edit(item)

    @on(ItemTable.Chosen)
    def _row_chosen(self, event: ItemTable.Chosen) -> None:
        self.edit_item(event.item_id)

    @on(ItemTable.Highlighted)
    def _row_highlighted(self, event: ItemTable.Highlighted) -> None:
        """Under the list, the highlighted item in full (the list cuts long text)."""
        if self.meeting is None or not event.table.has_focus:
            return
        item = self.meeting.session.find(event.item_id) if event.item_id else None
        detail = self.query_one("#detail", Static)
        if item is None:
            detail.update("")
            return
        if self.seats is not None:
            item = self.seats.shown(item)  # another seat's private note stays masked here too
        text = Text(f"{kind_label(item)}: ", style="bold")
        text.append(visible(main_text(item)))
        fields = event.table.row_fields(item.id)
        seat = getattr(item, "seat", "")
        if seat:  # who captured it: the seat's login and host
            fields = f"{fields} · by {seat}" if fields else f"by {seat}"
        if fields:
            text.append(f"\n{visible(fields)}", style="dim")
        detail.update(text)

    def on_descendant_focus(self, event: Any) -> None:
        """The full-text line shows only while a list has the focus."""
        self.query_one("#detail", Static).display = isinstance(self.focused, ItemTable)

    def on_key(self, event: events.Key) -> None:
        """While the terminal is too small the capture line is hidden, and nothing has the
        focus: what is typed still goes to it (Enter captures), so nothing typed is lost."""
        if not self.has_class("-too-small") or self.focused is not None:
            return
        capture = self.query_one(CaptureInput)
        if event.key == "enter":
            event.stop()
            capture.submit_line()
        elif event.is_printable and event.character is not None:
            event.stop()
            capture.insert_text_at_cursor(event.character)

    def key_delete(self) -> None:
        """Delete (with confirmation) the item under the cursor of the focused table."""
        focused = self.focused
        if isinstance(focused, ItemTable) and focused.selected_id:
            self._confirm_delete(focused.selected_id)

    def _confirm_delete(self, item_id: str) -> None:
        from kickoff_tui.tui.screens.dialogs import ConfirmScreen

        assert self.meeting is not None
        item = self.meeting.session.find(item_id)
        if item is None:
            return
        label = kind_label(item)
        text = one_line(main_text(self.seats.shown(item) if self.seats else item), 60)

        def done(confirmed: bool | None) -> None:
            if confirmed and self.meeting is not None:
                self._show_item(self.meeting.delete(item_id))
                self.say(f"✗ {label} deleted (ctrl+z brings it back).")
                self.request_save()

        self.app.push_screen(
            ConfirmScreen(f"Delete {label.lower()} “{text}”?", "Delete"), done
        )

    def _new(self, item: Any) -> None:
        assert self.meeting is not None
        item = item.model_copy(update={"section": self.meeting.session.current_section.id})
        self._edit(item, is_new=True)

    # model_construct: a blank form to fill in (defaults, ids and times are set; the
    # required names are validated when the dialog is saved).
    def action_add_attendee(self) -> None:
        """Add an attendee."""
        self._new(Attendee.model_construct(name=""))

    def action_add_raci(self) -> None:
        """Add a RACI row."""
        self._new(RaciRow.model_construct(activity=""))

    def action_add_deliverable(self) -> None:
        """Add a deliverable or milestone."""
        self._new(Deliverable.model_construct(name=""))

    def action_add_comm(self) -> None:
        """Add a communication-plan row."""
        self._new(CommunicationRow.model_construct(what=""))

    def action_next_step(self) -> None:
        """Record the next step agreed."""
        from kickoff_tui.tui.screens.dialogs import PromptScreen

        assert self.meeting is not None

        def done(text: str | None) -> None:
            if text is not None and self.meeting is not None:
                self.meeting.set_next_step(text)
                self.say(f"✓ Next step: {one_line(text, 100)}")
                self.request_save()

        self.app.push_screen(
            PromptScreen("Next step agreed", self.meeting.session.next_step,
                         "e.g. Follow-up on Tue 8 Dec, 10:00, with the SOW signed"),
            done,
        )

    # -- seats -----------------------------------------------------------------------------

    def _seat_beat(self) -> None:
        """Every second: say this seat is here, count the seats, follow the facilitator."""
        if self.seats is None or self.meeting is None:
            return
        before = self.seats.count
        section = self.seats.beat()
        if section is not None and self.meeting.go(section):
            self._after_move()
            self.say("↪ Following the facilitator (ctrl+p “Follow the facilitator” stops).")
        elif self.seats.count != before:
            self._tick()

    def action_hide_private(self) -> None:
        """Hide this seat's own private notes too (its screen is shared), or show them again."""
        assert self.seats is not None
        hidden = self.seats.toggle_hide_private()
        self._fill_all()
        self.say("Your private notes are hidden on this screen (ctrl+p again shows them)."
                 if hidden else "Your private notes are shown on this screen again.")

    def action_follow(self) -> None:
        """Keep this seat's section in step with the facilitator's, or stop."""
        assert self.seats is not None
        if self.seats.leads:
            self.say("This seat leads the meeting: the others may follow it.")
            return
        following = self.seats.toggle_follow()
        self.say("↪ Following the facilitator's section." if following
                 else "No longer following the facilitator: move freely.")
        if following:
            self._seat_beat()

    def on_unmount(self) -> None:
        """The seat closes (quit, a closed browser tab, the server stopping): save what is
        left and leave, so the others count one seat fewer at once."""
        if self.seats is not None:
            self.seats.leave()
        self.save_blocking()

    # -- palette ---------------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every agenda action for the command palette, from the one command list."""
        for command in AGENDA_COMMANDS:
            keys = f" ({command.key_display})" if command.key_display else ""
            yield SystemCommand(
                command.title + keys,
                command.help,
                lambda action=command.action: self.run_action(action),
            )
