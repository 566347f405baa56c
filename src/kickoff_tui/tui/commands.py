"""Every action of the agenda screen, declared once.

Key bindings, the footer, the help screen and the command palette are all derived from
:data:`AGENDA_COMMANDS`, so they can never disagree.
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
    """

    action: str
    title: str
    help: str
    keys: str = ""
    key_display: str = ""
    footer: bool = False
    short: str = ""

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
    Command("help", "Help", "Keys and the capture syntax.", "f1", "F1", footer=True),
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
    Command("add_attendee", "Add attendee", "Add somebody to the attendee list."),
    Command("add_raci", "Add RACI row", "Add a deliverable or activity to the RACI matrix."),
    Command("add_deliverable", "Add deliverable / milestone",
            "Add a deliverable or milestone with due date and acceptance criteria."),
    Command("add_comm", "Add communication-plan row",
            "What, audience, channel, frequency, owner."),
    Command("reopen", "Reopen meeting", "Reopen a meeting that was wrapped up by mistake."),
    Command("hide_private", "Hide private notes while sharing",
            "Hide this seat's own private notes too (or show them again); remembered per seat."),
    Command("follow", "Follow the facilitator",
            "Keep this seat's section in step with the facilitator's (or stop)."),
    Command("next_step", "Set next step", "Record the next step agreed (asked for at wrap-up)."),
    Command("quit", "Quit", "Leave; the session stays resumable.", "ctrl+q", "^q", footer=True),
)


def agenda_bindings() -> list[BindingType]:
    """Bindings for the agenda screen, from the one command list."""
    return [command.binding() for command in AGENDA_COMMANDS if command.keys]
