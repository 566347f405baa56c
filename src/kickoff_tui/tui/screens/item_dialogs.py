"""The dialogs that add, edit and delete a meeting's items, opened from the agenda screen.

Each dialog's outcome is applied to the meeting through its controller and announced to the
screen with an :class:`~kickoff_tui.tui.messages.ItemEdited` message, which puts the item in
every list it belongs in and says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from kickoff_tui.core.kinds import kind_named
from kickoff_tui.tui.controller import MeetingController
from kickoff_tui.tui.messages import ItemEdited
from kickoff_tui.tui.widgets.item_table import ItemTable, kind_label, main_text, one_line


class ItemDialogs:
    """Opens the item dialogs above ``screen`` for the meeting of ``controller``."""

    def __init__(self, screen: Screen[Any], controller: MeetingController) -> None:
        self.screen = screen
        self.controller = controller

    def edit(self, item_id: str) -> str:
        """Open the edit dialog of an item (from a list, or a wrap-up finding).

        Returns:
            Why it cannot be opened (another seat's private note), or ``""``.
        """
        item = self.controller.meeting.session.find(item_id)
        # Keys typed after the Enter that chose the row wait in the list for the dialog.
        source = self.screen.focused
        release = source.release_typed_ahead if isinstance(source, ItemTable) else None
        if item is not None and not self.controller.seats.may_open(item):
            if release is not None:
                release()
            return "A private note: only the seat that wrote it can open it."
        if item is not None and not item.deleted:
            self._open(item, on_ready=release)
        elif release is not None:
            release()
        return ""

    def new(self, item: Any) -> None:
        """Open a blank form for a new item, filed under the current section."""
        session = self.controller.meeting.session
        self._open(item.model_copy(update={"section": session.current_section.id}),
                   is_new=True)

    def _open(self, item: Any, *, is_new: bool = False,
              on_ready: Callable[[], None] | None = None) -> None:
        from kickoff_tui.tui.screens.edit import EditItemScreen

        meeting = self.controller.meeting
        attendees = [a.name for a in meeting.session.attendees]

        def done(result: dict[str, Any] | None) -> None:
            if result is not None:
                self._apply(item, result)

        today = self.controller.services.today()
        self.screen.app.push_screen(EditItemScreen(item, attendees, today=today, is_new=is_new,
                                                   on_ready=on_ready),
                                    done)

    def _apply(self, item: Any, fields: dict[str, Any]) -> None:
        meeting = self.controller.meeting
        if meeting.session.find(item.id) is None:
            new = meeting.add(type(item).model_validate({**item.model_dump(), **fields}),
                              f"{kind_label(item).lower()} added")
            echo = f"✓ {kind_label(new)} added."
        else:
            new = meeting.update(item.id, **fields)
            echo = f"✓ {kind_label(new)} updated."
        self.screen.post_message(ItemEdited(new, echo))

    def confirm_delete(self, item_id: str) -> None:
        """Ask, then delete an item (ctrl+z brings it back)."""
        from kickoff_tui.tui.screens.dialogs import ConfirmScreen

        meeting = self.controller.meeting
        item = meeting.session.find(item_id)
        if item is None:
            return
        label = kind_label(item)
        text = one_line(main_text(self.controller.seats.shown(item)), 60)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.screen.post_message(ItemEdited(
                    meeting.delete(item_id), f"✗ {label} deleted (ctrl+z brings it back)."))

        self.screen.app.push_screen(
            ConfirmScreen(f"Delete {label.lower()} “{text}”?", "Delete"), done)


class AddItemActions:
    """Mixin for the agenda screen: the palette's "Add …" commands, each opening a blank form
    for a reference-table kind (attendee, RACI row, deliverable, communication-plan row)."""

    dialogs: ItemDialogs

    def action_add(self, kind: str) -> None:
        """Add an item of ``kind`` (a stored ``type`` with a reference table)."""
        self.dialogs.new(kind_named(kind).blank())
