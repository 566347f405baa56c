"""One undoable step of a meeting: what it was, and what to put back.

:class:`~kickoff_tui.core.meeting.Meeting` keeps a stack of these; undoing a step restores the
item copies it held, tombstones the items it added and puts the next step back as it was.
Kept apart from the meeting so the record of a step reads on its own.

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import time as clock_time
from typing import Any

#: The next step as the session holds it: its text, the next meeting's day and time.
NextStep = tuple[str, date | None, clock_time | None]


@dataclass(frozen=True)
class UndoStep:
    """One undoable step: what it was, and the items to put back as they were before it."""

    description: str
    before: tuple[Any, ...]  # item copies to restore (by id)
    added: tuple[str, ...] = ()  # ids of items the step added (undo tombstones them)
    #: The next step as it was before the step (a ``next:`` line), to put back.
    next_step: NextStep | None = None
