"""Every action of the app's screens, declared once, each key with it.

Key bindings, the footer, the help screen and the command palette are all derived from
these tables (:data:`AGENDA_COMMANDS`, :data:`HOME_COMMANDS`, :data:`WRAPUP_COMMANDS`, and
:data:`QUIT` for every screen), so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from kickoff_tui.core.kinds import TABLE_KINDS, table_of
from kickoff_tui.tui.bindings import ordered


@dataclass(frozen=True)
class Command:
    """One user action.

    Attributes:
        action: the screen action it runs (``action_<name>`` on the screen).
        title: the name in the palette and the help screen.
        help: one line saying what it does.
        keys: Textual key names, comma separated ("" for palette-only commands).
        key_display: how the help screen and footer write the keys.
        footer: shown in the footer.
        short: its label in the footer, short so that every footer key fits in 80 columns
            (the title when empty).
        priority: acts even while a field has the focus (plain bindings only; the agenda's
            are all priority bindings, see :meth:`binding`).
    """

    action: str
    title: str
    help: str
    keys: str = ""
    key_display: str = ""
    footer: bool = False
    short: str = ""
    priority: bool = False

    @property
    def palette_title(self) -> str:
        """The command's line in the palette: its title and its keys."""
        return f"{self.title} ({self.key_display})" if self.key_display else self.title

    def binding(self) -> Binding:
        """The Textual binding for this command: it acts in typing order (after the capture
        line has dealt with every key typed before it), so "type, Enter, PageDown" always files
        the line under the section it was typed in; see :func:`ordered`."""
        return ordered(
            self.keys,
            self.action,
            self.short or self.title,
            show=self.footer,
            key_display=self.key_display or None,
        )

    def plain_binding(self, *, action: str | None = None) -> Binding:
        """A binding that acts when its key reaches the screen (forms and the wrap-up, where
        no capture line runs ahead of the keys); ``action`` overrides the action (``app.quit``
        shows the App's quit in a screen's footer)."""
        return Binding(self.keys, action or self.action, self.short or self.title,
                       show=self.footer, priority=self.priority, tooltip=self.help)


#: Quit, on every screen (the App runs it; a screen's footer shows it).
QUIT = Command("quit", "Quit", "Leave; the session stays resumable.", "ctrl+q", "^q", footer=True)
HELP = Command("help", "Help", "Keys and the capture syntax.", "f1", "F1", footer=True)

#: The App's own keys: quit from anywhere, saving first.
APP_BINDINGS: list[BindingType] = [
    Binding(QUIT.keys, QUIT.action, QUIT.title, key_display=QUIT.key_display, priority=True,
            tooltip="Quit; the session is saved and stays resumable."),
    # ctrl+c in a terminal app is a key, not SIGINT: by reflex people press it to leave,
    # so it saves and quits as ctrl+q does (rather than copy nothing, silently).
    Binding("ctrl+c", QUIT.action, show=False, priority=True),
]

AGENDA_COMMANDS: tuple[Command, ...] = (
    Command("next_section", "Next section", "Move to the next agenda section.",
            "ctrl+n,pagedown", "^n/PgDn", footer=True, short="Next"),
    Command("previous_section", "Previous section", "Move back to the previous agenda section.",
            "pageup", "PgUp", short="Prev"),
    Command("toggle_clock", "Pause / resume", "Pause or resume the meeting clock.",
            "ctrl+t", "^t", footer=True, short="Pause"),
    Command("undo", "Undo", "Undo the last capture, edit or deletion.", "ctrl+z", "^z",
            footer=True),
    Command("save", "Save now", "Save the session now (changes are saved anyway).", "ctrl+s", "^s"),
    Command("wrap_up", "Wrap up", "End the meeting, save the JSON session, copy the minutes.",
            "ctrl+r", "^r", footer=True),
    HELP,
    Command("show_view('section')", "View: this section", "What was captured in this section.",
            "f2", "F2"),
    Command("show_view('decision')", "View: decisions", "Every decision of the meeting.",
            "f3", "F3"),
    Command("show_view('action')", "View: action items", "Every action item of the meeting.",
            "f4", "F4"),
    Command("show_view('raid')", "View: RAID log", "Risks, assumptions, issues, dependencies, "
            "constraints.", "f5", "F5"),
    Command("show_view('question')", "View: questions", "Every question, open and answered.",
            "f6", "F6"),
    Command("show_view('parking')", "View: parking lot", "Off-topic items to take elsewhere.",
            "f7", "F7"),
    Command("show_view('people')", "View: people & plans",
            "Attendees, RACI, deliverables and the communication plan.", "f8", "F8"),
    Command("focus_items", "Select items", "Move into the list to edit or delete an item "
            "(Esc returns to the capture line).", "tab", "Tab"),
    Command("extend(1)", "Extend box by 1 minute", "Give the current section one more minute.",
            "f9", "F9"),
    Command("extend(5)", "Extend box by 5 minutes", "Give the current section five more minutes.",
            "f10", "F10"),
    Command("rebalance", "Rebalance time boxes",
            "Resize the sections still to come so the meeting ends as planned."),
    # "Add attendee", "Add RACI row"…: one for each reference-table kind of the registry.
    *(Command(f"add({name!r})", table_of(name).add, table_of(name).add_help)
      for name in TABLE_KINDS),
    Command("reopen", "Reopen meeting", "Reopen a meeting that was wrapped up by mistake."),
    Command("hide_private", "Hide private notes while sharing",
            "Hide this seat's own private notes too (or show them again); remembered per seat."),
    Command("follow", "Follow the facilitator",
            "Keep this seat's section in step with the facilitator's (or stop)."),
    Command("next_step", "Set next step", "Record the next step agreed (asked for at wrap-up)."),
    QUIT,
)

HOME_COMMANDS: tuple[Command, ...] = (
    Command("start", "Start meeting", "Create the session from the form and open the agenda.",
            "ctrl+s", footer=True),
    Command("resume_latest", "Resume latest", "Reopen the latest unfinished session.",
            "ctrl+l", footer=True),
    HELP,
)

WRAPUP_COMMANDS: tuple[Command, ...] = (
    # Short labels, the way out first: at 80 columns the footer still shows every key.
    Command("back", "Back", "Back to the agenda (the meeting stays ended).", "escape",
            footer=True),
    Command("copy('md')", "Copy MD", "Copy the Markdown minutes (and save them to a file).",
            "ctrl+y", footer=True, priority=True),
    Command("copy('txt')", "Copy text",
            "Copy the plain-text minutes, for e-mail (and save them to a file).", "ctrl+o",
            footer=True, priority=True),
    Command("export_all", "Export all", "Write every format to the export folder.", "ctrl+e",
            footer=True, priority=True),
    Command("toggle_source", "Source",
            "Switch the preview between the rendered minutes and their source.", "ctrl+t",
            footer=True, priority=True),
)


def agenda_bindings() -> list[BindingType]:
    """Bindings for the agenda screen, from the one command list."""
    return [command.binding() for command in AGENDA_COMMANDS if command.keys]


def quit_binding() -> Binding:
    """Quit in a screen's footer (the App's priority binding does the quitting)."""
    return QUIT.plain_binding(action=f"app.{QUIT.action}")


def home_bindings() -> list[BindingType]:
    """Bindings for the home screen, from its command list."""
    return [*(command.plain_binding() for command in HOME_COMMANDS), quit_binding()]


def wrapup_bindings() -> list[BindingType]:
    """Bindings for the wrap-up screen, from its command list (quit second, as it was)."""
    first, *rest = (command.plain_binding() for command in WRAPUP_COMMANDS)
    return [first, quit_binding(), *rest]
