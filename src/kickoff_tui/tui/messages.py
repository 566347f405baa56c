"""The messages Kickoff's screens and its meeting controller exchange.

Screens never call one another: a screen asks the :class:`~kickoff_tui.tui.controller.
MeetingController` of its meeting to act, and the controller tells every screen showing that
meeting what happened with one of these messages (handled with ``@on(...)``). A screen that
wants the App to act (open a meeting) posts a message that bubbles up to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from textual.message import Message

if TYPE_CHECKING:
    from kickoff_tui.core.autosave import SaveOutcome
    from kickoff_tui.core.models import Session

#: Why a save ran: the autosave, ctrl+s, entering the wrap-up, or leaving the app.
SaveKind = Literal["auto", "now", "wrap-up", "quit"]


@dataclass
class SaveFinished(Message):
    """A save of the meeting ended (well or not)."""

    outcome: SaveOutcome
    #: Who asked for it: only an explicit save ("now") says where it went.
    kind: SaveKind = "auto"


@dataclass
class MeetingChanged(Message):
    """Other seats' changes were taken into the meeting: every view is stale."""

    #: How many items and fields changed.
    adopted: int


@dataclass
class SeatsCounted(Message):
    """The number of seats open on the meeting changed."""

    count: int


@dataclass
class SectionFollowed(Message):
    """This seat moved to the facilitator's section (it follows the facilitator)."""

    index: int


@dataclass
class NextStepSet(Message):
    """The next step agreed was recorded."""

    text: str


@dataclass
class MeetingReopened(Message):
    """A wrapped-up meeting was reopened: its clock runs again."""


@dataclass
class OpenItem(Message):
    """Go to an item and open its edit dialog (a wrap-up finding points at it)."""

    item_id: str


@dataclass
class GoToSection(Message):
    """Go to an agenda section (a wrap-up finding points at it)."""

    section_id: str


@dataclass
class OpenMeeting(Message):
    """Open the agenda for a new session or a stored one (posted by the home screen; the App
    handles it)."""

    session: Session | None = None
    session_id: str | None = None


@dataclass
class ItemEdited(Message):
    """An item was added, changed or deleted through a dialog."""

    #: The item as it now stands (a deleted one is a tombstone).
    item: Any
    #: What to tell the user ("✓ Action item updated.").
    echo: str
