"""The agenda screen's actions, declared once, each key with it (see :mod:`.commands`).

Apart from the other screens' tables because its "Add …" commands come from the item-kind
registry, which imports the core's models: the home screen, drawn first, does not wait for
them (importing them there cost start-up about 0.2 s).
"""

from __future__ import annotations

from textual.binding import BindingType

from kickoff_tui.core.kinds import TABLE_KINDS, table_of
from kickoff_tui.tui.commands import HELP, QUIT, Command

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


def agenda_bindings() -> list[BindingType]:
    """Bindings for the agenda screen, from the one command list."""
    return [command.binding() for command in AGENDA_COMMANDS if command.keys]
