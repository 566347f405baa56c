"""Every action of the app's screens, declared once, each key with it.

Key bindings, the footer, the help screen and the command palette are all derived from
these tables (``agenda_commands.AGENDA_COMMANDS``, :data:`HOME_COMMANDS`,
:data:`WRAPUP_COMMANDS`, and
:data:`QUIT` for every screen), so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

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
