"""The facilitator's screen: the agenda with live time boxes, and the one capture line.

The screen turns keys into calls on the core :class:`Meeting` and shows the result. The
meeting's lifecycle (saving, other seats, the heartbeat, wrap-up and next step) belongs to its
:class:`~kickoff_tui.tui.controller.MeetingController`, which runs every save in a worker and
tells this screen what happened with messages; the lists live in
:class:`~kickoff_tui.tui.screens.agenda_views.ItemViews`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Label, Static

from kickoff_tui.core.kinds import KINDS, TABLE_KINDS, kind_named, table_of
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.tui import messages
from kickoff_tui.tui.agenda_commands import AGENDA_COMMANDS, agenda_bindings
from kickoff_tui.tui.bindings import ordered
from kickoff_tui.tui.controller import MeetingController
from kickoff_tui.tui.preload import preload
from kickoff_tui.tui.resources import stylesheets
from kickoff_tui.tui.screens.agenda_views import ItemViews, ViewLayout
from kickoff_tui.tui.screens.base import KickoffScreen
from kickoff_tui.tui.screens.dialogs import ask_next_step
from kickoff_tui.tui.screens.item_dialogs import AddItemActions, ItemDialogs
from kickoff_tui.tui.text import plain, visible
from kickoff_tui.tui.widgets.blink import BlinkSettler
from kickoff_tui.tui.widgets.capture import CaptureInput
from kickoff_tui.tui.widgets.clock import MeetingHeader, SectionClock
from kickoff_tui.tui.widgets.echo import EchoLine, capture_echo
from kickoff_tui.tui.widgets.item_table import ItemTable, one_line
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
#: Seconds after the first frame before the hidden views' lists are built and saving starts.
AFTER_FIRST_FRAME = 0.05
CAPTURE_SAVE_DELAY = 0.2
#: The key shown on each view's tab, from the command list.
VIEW_KEYS = {view_id: next((c.key_display for c in AGENDA_COMMANDS
                            if c.action == f"show_view('{view_id}')"), "")
             for view_id, _title, _types in VIEWS}


#: The item panel's views, as declared above.
LAYOUT = ViewLayout(VIEWS, SHORT_TITLES, SECTION_TYPES,
                    {kind: PEOPLE_TITLES[kind] for kind in PEOPLE_TABLES}, VIEW_KEYS)


class AgendaScreen(AddItemActions, KickoffScreen):
    """Walks the agenda: sections with time boxes, capture, views of what was captured.

    Args:
        controller: the open meeting this screen shows.
    """

    BINDINGS = [*agenda_bindings(), ordered("escape", "focus_capture", show=False)]
    PALETTE = AGENDA_COMMANDS
    AUTO_FOCUS = "#capture"
    CSS_PATH = stylesheets("agenda.tcss")

    def __init__(self, controller: MeetingController) -> None:
        super().__init__()
        self.controller = controller
        self.dialogs = ItemDialogs(self, controller)
        self._shown_section: int | None = None

    @property
    def meeting(self) -> Meeting | None:
        """The meeting shown, once this screen shows it (``None`` while it is being built)."""
        return self.controller.meeting if self._shown_section is not None else None

    @property
    def _meeting(self) -> Meeting:
        return self.controller.meeting

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
                views = ItemViews(LAYOUT, self._meeting, self.controller.seats.shown, id="views")
                with views:
                    yield from views.panes()
        yield Static("", id="detail")
        yield SaveStatus("", id="save-status")
        yield EchoLine("", id="echo")
        yield CaptureInput(self._captured, id="capture")
        yield Footer()

    @property
    def views(self) -> ItemViews:
        """The item panel."""
        return self.query_one(ItemViews)

    def on_mount(self) -> None:
        """Show the meeting, start the clock's redraw and the controller's work."""
        self.controller.subscribe(self)
        capture = self.query_one(CaptureInput)
        self.views.typing_target = capture  # type-to-capture, in every list
        for table in self.query(ItemTable):
            table.typing_target = capture
        # The first show fills the one list built yet (this section's); the rest follow.
        self._show_section()
        self._tick()
        self.set_interval(TICK_SECONDS, self._tick)
        capture.focus()
        self._blink = BlinkSettler(capture)  # idle CPU: the cursor settles when nobody types
        preload("kickoff_tui.tui.screens.wrapup")  # ctrl+r finds its modules imported
        if self._meeting.ended:
            self.say("This meeting was wrapped up: ctrl+r shows the wrap-up again; "
                     "“Reopen meeting” (ctrl+p) restarts the clock.")
        self.check_size()
        # After the first frame (a timer, as the home screen's form: Textual's writer thread
        # is still sending that frame when the refresh is done): the hidden views' lists, and
        # the controller's first save and beat, whose worker would hold the GIL meanwhile.
        self.set_timer(AFTER_FIRST_FRAME, self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.controller.start()
        self.views.build_all()

    def on_unmount(self) -> None:
        """The seat closes (quit, a closed browser tab, the server stopping): the controller
        saves what is left and leaves, so the others count one seat fewer at once."""
        self.controller.unsubscribe(self)
        self.controller.close()

    def check_size(self) -> None:
        """Besides the too-small notice, tighten the layout at 80 columns and 24 rows."""
        super().check_size()
        size = self.app.size
        self.set_class(size.width < 110, "-narrow")
        self.set_class(size.height < 32, "-short")
        if self.is_mounted:
            self.views.update_counts(size.width)

    # -- showing -------------------------------------------------------------------------

    def _fill_all(self) -> None:
        """Fill every view from the session (at start, and after another seat's changes)."""
        self.views.fill_all()
        self.views.update_counts(self.app.size.width)

    def _show_section(self) -> None:
        """Show the current section: title, prompts, its items."""
        session = self._meeting.session
        index = self._meeting.clock.current
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
            self.views.fill_section()
            self.views.update_counts(self.app.size.width)
            table = next(iter(section.tables), None)
            if table is not None and not first_show:
                # This section works on a reference table: put it in view.
                self.action_show_view("people")
                self.say(f"{PEOPLE_TITLES[table].split(' (')[0]} below · ctrl+p “{ADD_ROW[table]}”"
                         " adds a row · F2 back to this section's items")
            elif table is None and self.views.active_view == "people":
                # The People view was for the sections before: this one's items come first.
                self.action_show_view("section")

    def _tick(self) -> None:
        """Redraw the clocks from the core clock (which measures, never counts ticks)."""
        meeting = self._meeting
        if self.views.counts_stale:
            self.views.update_counts(self.app.size.width)
        wall_now = self.controller.services.wall_clock()
        self.query_one(MeetingHeader).show(meeting, wall_now, seats=self.controller.seats.count)
        self.query_one(SectionClock).show(meeting)
        self.query_one(AgendaSidebar).show(meeting)
        if not meeting.ended and meeting.clock.take_bell():
            self.app.bell()
            section = meeting.session.current_section.title
            self.notify(f"Time box for “{visible(section)}” is used up.", severity="warning",
                        markup=False)

    def say(self, message: str | Text, *, problem: bool = False) -> None:
        """Show a line above the capture line (the echo of the last action)."""
        self.query_one(EchoLine).say(message, problem=problem)

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
        made = [c for c in (self._meeting.capture(line) for line in lines) if c is not None]
        if not made:
            return
        shown = [item for captured in made for item in captured.items]
        for item in shown:
            self.views.put(item)
        if shown:  # "next: ..." sets the next step and makes no item
            self.views.reveal(shown[-1])
        echo, problem = capture_echo(made, lines[-1], pasted=pasted, ended=self._meeting.ended)
        self.say(echo, problem=problem)
        # Saved a moment later, so the frame showing the item is not slowed by the save
        # (still on disk well within the second).
        self.set_timer(CAPTURE_SAVE_DELAY, self.request_save)

    @on(CaptureInput.Changed, "#capture")
    def _preview(self, event: CaptureInput.Changed) -> None:
        """While typing, show what Enter would create, so a slip is seen before it is added."""
        line = event.value[:2000]
        self.query_one(EchoLine).preview(self._meeting.preview(line) if line.strip() else None)

    # -- what the controller and the dialogs say -------------------------------------------

    def request_save(self) -> None:
        """Save soon, off the UI thread (the controller's worker)."""
        self.controller.request_save()

    @on(messages.SaveFinished)
    def _saved(self, message: messages.SaveFinished) -> None:
        outcome = message.outcome
        already_said = any(status.failed for status in self.query(SaveStatus))
        if outcome.error or outcome.saved:
            self.show_save_state(outcome.error)
        if message.kind == "now":
            if outcome.error:
                self.say(f"⚠ Not saved: {outcome.error}", problem=True)
            else:
                self.say(f"✓ Saved to {self.controller.services.store.path}")
        elif message.kind != "auto":
            return  # the wrap-up and the way out say it themselves
        # The failure line stays in view; the echo says it once, not at every retry, so the
        # echo of each capture is still read.
        elif outcome.error and not already_said:
            self.say(f"⚠ Not saved: {outcome.error} — your edits are kept and saving is retried.",
                     problem=True)
        elif outcome.recovered:
            self.say("✓ Saved again: every edit is on disk.")

    def show_save_state(self, error: str) -> None:
        """Keep a failed save in view until a save succeeds (``error`` empty: it did)."""
        for status in self.query(SaveStatus):
            status.show_error(error)

    @on(messages.MeetingChanged)
    def _other_seats_changed(self, message: messages.MeetingChanged) -> None:
        self._fill_all()
        self._show_section()
        self._tick()
        self.say(f"↻ {message.adopted} change(s) from another seat.")

    @on(messages.SectionFollowed)
    def _followed(self) -> None:
        self._show_section()
        self._tick()
        self.say("↪ Following the facilitator (ctrl+p “Follow the facilitator” stops).")

    @on(messages.SeatsCounted)
    def _seats_counted(self) -> None:
        self._tick()

    @on(messages.NextStepSet)
    def _next_step_set(self, message: messages.NextStepSet) -> None:
        self.say(f"✓ Next step: {one_line(message.text, 100)}")

    @on(messages.MeetingReopened)
    def _reopened(self) -> None:
        self._tick()
        self.say("Meeting reopened: the clock runs again.")

    @on(messages.OpenItem)
    def _open_item(self, message: messages.OpenItem) -> None:
        self.edit_item(message.item_id)

    @on(messages.GoToSection)
    def _go_to_section(self, message: messages.GoToSection) -> None:
        index = next((i for i, s in enumerate(self._meeting.session.sections)
                      if s.id == message.section_id), None)
        if index is not None and self._meeting.go(index):
            self._after_move()

    @on(messages.ItemEdited)
    def _item_edited(self, message: messages.ItemEdited) -> None:
        self.views.put(message.item)
        self.say(message.echo)
        self.request_save()

    # -- actions -------------------------------------------------------------------------

    def action_next_section(self) -> None:
        """Move to the next agenda section."""
        if self._meeting.next_section():
            self._after_move()
        else:
            self.say("This is the last section: ctrl+r wraps up.")

    def action_previous_section(self) -> None:
        """Move back to the previous agenda section."""
        if self._meeting.previous_section():
            self._after_move()
        else:
            self.say("This is the first section.")

    def _after_move(self) -> None:
        self._show_section()
        self._tick()
        self.request_save()

    def action_toggle_clock(self) -> None:
        """Pause or resume the meeting clock."""
        paused = self._meeting.toggle_pause()
        self.say("⏸ Clock paused (ctrl+t resumes)." if paused else "▶ Clock running.")
        self._tick()
        self.request_save()

    def action_undo(self) -> None:
        """Undo the last capture, edit or deletion."""
        what = self._meeting.undo()
        if what is None:
            self.say("Nothing to undo.")
            return
        self._fill_all()
        self.say(f"↶ Undone: {what}.")
        self.request_save()

    def action_save(self) -> None:
        """Save now (in a worker: :class:`~kickoff_tui.tui.messages.SaveFinished` says)."""
        self.controller.save_now()

    def action_help(self) -> None:
        """Open the help screen."""
        from kickoff_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_show_view(self, view: str) -> None:
        """Show one of the item views."""
        self.views.show_view(view)

    def action_focus_items(self) -> None:
        """Tab: from the capture line into the lists of the visible view, one after the other
        (the People view has four), then back to the capture line."""
        table = self.views.next_list(self.focused, self.query_one(CaptureInput))
        if table is None:
            self.action_focus_capture()
            return
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

    def action_extend(self, minutes: int) -> None:
        """Give the current section more time."""
        self._meeting.extend(minutes)
        self.say(f"+{minutes} min for “{self._meeting.session.current_section.title}”.")
        self._tick()
        self.request_save()

    def action_rebalance(self) -> None:
        """Resize the boxes still to come so the meeting ends as planned."""
        self._meeting.rebalance()
        self.say("Time boxes still to come resized to keep the planned end.")
        self._tick()
        self.request_save()

    def action_wrap_up(self) -> None:
        """End the meeting and open the wrap-up."""
        from kickoff_tui.tui.screens.wrapup import WrapUpScreen

        self.controller.end()
        self._tick()
        self.app.push_screen(WrapUpScreen(self.controller))

    def action_reopen(self) -> None:
        """Reopen a meeting that was ended by mistake."""
        if not self._meeting.ended:
            self.say("The meeting is running: nothing to reopen.")
            return
        self.controller.reopen()

    def action_next_step(self) -> None:
        """Record the next step agreed."""
        ask_next_step(self, self.controller)

    # -- editing -------------------------------------------------------------------------

    def edit_item(self, item_id: str) -> None:
        """Open the edit dialog for an item (from a table, or a wrap-up finding)."""
        refused = self.dialogs.edit(item_id)
        if refused:
            self.say(refused)

    @on(ItemTable.Chosen)
    def _row_chosen(self, event: ItemTable.Chosen) -> None:
        self.edit_item(event.item_id)

    @on(ItemTable.Highlighted)
    def _row_highlighted(self, event: ItemTable.Highlighted) -> None:
        """Under the list, the highlighted item in full (the list cuts long text)."""
        if event.table.has_focus:
            self.query_one("#detail", Static).update(self.views.detail(event.item_id,
                                                                        event.table))

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
            self.dialogs.confirm_delete(focused.selected_id)

    # -- seats -----------------------------------------------------------------------------

    def action_hide_private(self) -> None:
        """Hide this seat's own private notes too (its screen is shared), or show them again."""
        hidden = self.controller.toggle_hide_private()
        self._fill_all()
        self.say("Your private notes are hidden on this screen (ctrl+p again shows them)."
                 if hidden else "Your private notes are shown on this screen again.")

    def action_follow(self) -> None:
        """Keep this seat's section in step with the facilitator's, or stop."""
        if self.controller.seats.leads:
            self.say("This seat leads the meeting: the others may follow it.")
            return
        following = self.controller.toggle_follow()
        self.say("↪ Following the facilitator's section." if following
                 else "No longer following the facilitator: move freely.")
