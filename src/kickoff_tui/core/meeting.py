"""A meeting in progress: the session, its clock, and the undo history, in one core object.

The UI turns keys into calls on :class:`Meeting`; the CLI and the tests use it the same way.
Items in ``session.items`` are treated as immutable once added: an edit or a deletion puts a
changed *copy* in the list. That keeps the saver thread's snapshot (a shallow copy of the list,
taken under :attr:`Meeting.lock`) consistent without copying 2,000 items every second.

The meeting knows what changed since the last save (:meth:`Meeting.take_changes`: the ids of
the items touched and the session fields stamped), so saving appends only those to the
session's journal; another seat's changes come in through :meth:`Meeting.adopt`, by the one
merge rule of ``store/merge.py``.

This module never imports Textual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from datetime import time as clock_time
from typing import Any

from kickoff_tui.core.capture import Capture, parse_capture
from kickoff_tui.core.clock import MeetingClock
from kickoff_tui.core.history import with_change
from kickoff_tui.core.models import MAX_TEXT, Session, SessionStatus, utcnow
from kickoff_tui.core.people import Roster, resolve_people_fields
from kickoff_tui.core.presence import current_seat, user_at_host
from kickoff_tui.core.store.merge import (
    Changes,
    apply_changes,
    changes_of,
    clock_at,
    item_index,
)
from kickoff_tui.core.undo import NextStep, UndoStep


def default_seat() -> str:
    """Who is capturing: ``user@host``, so a second seat's items can be told apart."""
    return user_at_host()


@dataclass(frozen=True)
class Captured:
    """What one Enter on the capture line produced."""

    item: Any  # None for a line that sets the next step instead of adding an item
    capture: Capture
    items: tuple[Any, ...] = ()  # every item made (a very long paste makes several)


class Meeting:
    """A session being run: capture, navigation, clock, edits and undo.

    Args:
        session: the session to run (modified in place).
        now: monotonic clock, injectable for tests.
        today: returns today's date, injectable for tests (due-date words are relative to it).
        seat: recorded on each item captured here (``user@host``).
        seat_id: this seat's own name (see ``presence.current_seat``), recorded on each item
            too: a private note shows only on the seat that wrote it.
    """

    def __init__(
        self,
        session: Session,
        *,
        now: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        seat: str | None = None,
        seat_id: str | None = None,
    ) -> None:
        self.session = session
        self._now = now
        self.clock = MeetingClock(session.sections, session.clock, current=session.current, now=now)
        self._today = today
        self.seat = default_seat() if seat is None else seat
        self.seat_id = current_seat() if seat_id is None else seat_id
        self.lock = threading.RLock()
        self._undo: list[UndoStep] = []
        #: Bumped on every change here (not on changes adopted from another seat).
        self.revision = 0
        self._roster: tuple[int, Roster] | None = None
        self._index = item_index(session)
        # What changed since the last take_changes(): item ids (ordered) and field names.
        self._dirty_items: dict[str, None] = {}
        self._dirty_fields: set[str] = set()

    # -- state ---------------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        """Whether the meeting has been wrapped up."""
        return self.session.status is SessionStatus.ENDED

    def _changed(self) -> None:
        self.revision += 1
        self.session.updated = utcnow()

    def _touched(self, *items: Any) -> None:
        """Record items added or replaced (lock held)."""
        for item in items:
            self._dirty_items[item.id] = None

    def _set(self, **fields: Any) -> None:
        """Set session fields and stamp them now (lock held)."""
        now = utcnow()
        for name, value in fields.items():
            setattr(self.session, name, value)
        self.session.stamps = {**self.session.stamps, **dict.fromkeys(fields, now)}
        self._dirty_fields.update(fields)

    @property
    def leads(self) -> bool:
        """Whether this seat leads the meeting (the facilitator's, who started it).

        The leading seat's section is the meeting's: its moves are stored and time counts
        toward its section. Any other seat moves through the agenda on its own (a note-taker
        looking back at section 2 must not drag the shared screen there); it follows the
        facilitator only when asked to (see ``tui/seats.py``).
        """
        return self.session.facilitator in ("", self.seat_id)

    def take_lead(self) -> bool:
        """Lead the meeting from this seat: the facilitator's seat is not open (the
        facilitator came back on another terminal, or that seat is gone). The meeting's
        section becomes this seat's. Returns whether anything changed."""
        with self.lock:
            if self.leads:
                return False
            self._set(facilitator=self.seat_id)
            self._clock_changed()
            self._changed()
            return True

    def _clock_changed(self, *, moved: bool = False) -> None:
        """Record the clock as of now, after a start, pause, switch, extension... (lock held).

        Between such events the clock is not written: whoever reads it adds the time since
        its stamp while it ran (see ``store/merge.py``), so an idle meeting writes nothing.
        A section change made on a seat that does not lead stays on that seat (``moved``).
        """
        if self.leads:
            self._set(clock=self.clock.snapshot(), current=self.clock.current)
        elif moved:
            self.session.current = self.clock.current  # this seat's view; nothing is stored
        else:
            self._set(clock=self.clock.snapshot())  # a pause or a longer box is the meeting's

    def record_clock(self) -> None:
        """Record the running clock as of now (an explicit save: ctrl+s, wrap-up, quit)."""
        with self.lock:
            if self.clock.running and self.leads:
                self._set(clock=self.clock.snapshot())

    @property
    def has_changes(self) -> bool:
        """Whether anything changed here since the last :meth:`take_changes`."""
        return bool(self._dirty_items or self._dirty_fields)

    def take_changes(self) -> Changes:
        """What changed here since the last call (items and stamped fields), for saving.

        If saving them fails, give them back with :meth:`keep_changes`.
        """
        with self.lock:
            items = [self.session.items[self._index[i]] for i in self._dirty_items]
            stamps = self.session.stamps
            fields = {
                name: (getattr(self.session, name), stamps[name]) for name in self._dirty_fields
            }
            self._dirty_items, self._dirty_fields = {}, set()
            return Changes(items=items, fields=fields)

    def keep_changes(self, changes: Changes) -> None:
        """Mark changes taken by :meth:`take_changes` as unsaved again (a failed save)."""
        with self.lock:
            unsaved = {item.id: None for item in changes.items}
            unsaved.update(self._dirty_items)
            self._dirty_items = unsaved
            self._dirty_fields.update(changes.fields)

    def start(self) -> None:
        """Start (or continue) the meeting: the clock runs from now on."""
        with self.lock:
            if self.session.started_at is None:
                self._set(started_at=utcnow())
            if not self.session.facilitator:
                # The seat that starts the meeting leads it (a meeting started before seats
                # were named is led by the first seat that opens it again).
                self._set(facilitator=self.seat_id)
            if self.session.status is SessionStatus.PLANNED:
                self._set(status=SessionStatus.RUNNING)
            if not self.clock.started:
                self.clock.start()
                self._clock_changed()
            if self.has_changes:
                self._changed()

    def snapshot(self) -> Session:
        """A consistent copy of the session for the saver, with the clock as of now."""
        with self.lock:
            update: dict[str, Any] = {
                "items": list(self.session.items),
                "current": self.clock.current,
                "stamps": dict(self.session.stamps),
            }
            if self.clock.running and self.leads:
                # The clock as of now, stamped now: whoever reads it adds time from here.
                update["clock"] = self.clock.snapshot()
                update["stamps"]["clock"] = utcnow()
            return self.session.model_copy(update=update)

    def adopt(self, theirs: Changes | Session) -> int:
        """Take in another seat's changes (or a whole version), by the one merge rule.

        Items and session fields newer than ours replace ours; a newer clock (or section)
        restarts our clock from it, advanced by the time it has run since.

        Returns:
            How many items and fields changed here.
        """
        changes = changes_of(theirs) if isinstance(theirs, Session) else theirs
        with self.lock:
            taken = apply_changes(self.session, changes, self._index)
            if taken:
                self.revision += 1  # what is derived from the session (the roster) is stale
            if {"clock", "current", "sections"} & set(taken.fields):
                # Time is counted toward the leading seat's section; a seat that does not lead
                # keeps showing the section it is on.
                clock = clock_at(self.session, utcnow())
                if not self.leads:
                    self.session.current = min(self.clock.current, len(self.session.sections) - 1)
                self.clock = MeetingClock(
                    self.session.sections, clock, current=self.session.current, now=self._now
                )
            return len(taken.items) + len(taken.fields)

    # -- capture -------------------------------------------------------------------------

    @property
    def roster(self) -> Roster:
        """The attendees' names, for matching ``@name`` (rebuilt only after a change)."""
        cached = self._roster
        if cached is None or cached[0] != self.revision:
            names = [attendee.name for attendee in self.session.attendees]
            cached = (self.revision, Roster(names))
            self._roster = cached
        return cached[1]

    def preview(self, text: str) -> Capture:
        """Parse without adding: what Enter would create."""
        return parse_capture(text, self._today(), self.roster)

    def capture(self, text: str) -> Captured | None:
        """Add what the capture line holds to the current section.

        Returns:
            The item and its parse, or ``None`` for a blank line.
        """
        if not text.strip():
            return None
        parsed = parse_capture(text, self._today(), self.roster)
        if not parsed.makes_item:
            with self.lock:
                self._undo.append(UndoStep("next step restored", (), next_step=self._next_step()))
                self._set_next(parsed.text, parsed.next_date, parsed.next_time)
            return Captured(None, parsed, ())
        # A paste longer than an item holds is split into parts, never cut: nothing typed is lost.
        chunks = [parsed.text[i : i + MAX_TEXT] for i in range(0, len(parsed.text), MAX_TEXT)]
        if len(chunks) > 1:
            parsed = replace(parsed, problems=(
                *parsed.problems, f"very long text: kept whole, split into {len(chunks)} items"))
        with self.lock:
            section = self.session.current_section.id
            items = [
                replace(parsed, text=chunk).to_item(section, self.seat).model_copy(
                    update={"seat_id": self.seat_id})
                for chunk in chunks
            ]
            for item in items:
                self._append(item)
            self._undo.append(UndoStep(f"{parsed.label()} added", (), tuple(i.id for i in items)))
            self._changed()
        return Captured(items[-1], parsed, tuple(items))

    def add(self, item: Any, description: str | None = None) -> Any:
        """Add a ready-made item (attendee, RACI row, deliverable…), undoably."""
        with self.lock:
            if not item.section:
                item = item.model_copy(update={"section": self.session.current_section.id})
            if not item.seat:
                item = item.model_copy(update={"seat": self.seat, "seat_id": self.seat_id})
            if item.type == "attendee":  # a second "Dana" is told apart: "Dana (Dev)"
                from kickoff_tui.core.agenda import distinct_name

                item = distinct_name(item, self.session.attendees)
            self._append(item)
            self._undo.append(UndoStep(description or f"{item.type} added", (), (item.id,)))
            self._changed()
            return item

    # -- edits ---------------------------------------------------------------------------

    def _append(self, item: Any) -> None:
        """Add a new item (lock held)."""
        if item.id in self._index:
            raise KeyError(f"item {item.id} exists already")
        self._index[item.id] = len(self.session.items)
        self.session.items.append(item)
        self._touched(item)

    def _replace(self, new: Any) -> None:
        """Put a changed copy in place of the item with its id (lock held)."""
        index = self._index.get(new.id)
        if index is None:
            raise KeyError(new.id)
        self.session.items[index] = new
        self._touched(new)

    def update(self, item_id: str, **fields: Any) -> Any:
        """Change fields of an item (validated), undoably.

        Raises:
            KeyError: no such item.
            pydantic.ValidationError: a field value is not valid.
        """
        with self.lock:
            old = self.session.find(item_id)
            if old is None:
                raise KeyError(item_id)
            # A tracked item's change is dated in its history (who, when, in which meeting),
            # so the minutes of an earlier meeting can tell what became of it.
            new = with_change(old, resolve_people_fields(fields, self.roster), seat=self.seat,
                              session_id=self.session.id, session_title=self.session.title)
            self._replace(new)
            self._undo.append(UndoStep(f"edit of {old.type} undone", (old,)))
            self._changed()
            return new

    def delete(self, item_id: str) -> Any:
        """Delete an item (a tombstone, so the deletion reaches other seats), undoably."""
        with self.lock:
            old = self.session.find(item_id)
            if old is None or old.deleted:
                raise KeyError(item_id)
            new = old.tombstone()
            self._replace(new)
            self._undo.append(UndoStep(f"{old.type} restored", (old,)))
            self._changed()
            return new

    def undo(self) -> str | None:
        """Undo the last capture, edit or deletion.

        Returns:
            What was undone, for the status line, or ``None`` when there is nothing to undo.
        """
        with self.lock:
            if not self._undo:
                return None
            step = self._undo.pop()
            if step.next_step is not None:
                self._set_next(*step.next_step)
            for old in step.before:
                self._replace(old.model_copy(update={"updated": utcnow()}))
            for item_id in step.added:
                item = self.session.find(item_id)
                if item is not None and not item.deleted:
                    self._replace(item.tombstone())
            self._changed()
            return step.description

    # -- agenda and clock ----------------------------------------------------------------

    def go(self, index: int) -> bool:
        """Move to agenda section ``index``; time from now counts toward it.

        Returns:
            Whether the section changed.
        """
        index = max(0, min(index, len(self.session.sections) - 1))
        with self.lock:
            if index == self.clock.current:
                return False
            self.clock.switch(index)
            self._clock_changed(moved=True)
            self._changed()
            return True

    def next_section(self) -> bool:
        """Move to the next agenda section."""
        return self.go(self.clock.current + 1)

    def previous_section(self) -> bool:
        """Move to the previous agenda section."""
        return self.go(self.clock.current - 1)

    def toggle_pause(self) -> bool:
        """Pause or resume the clock. Returns whether it is now paused."""
        with self.lock:
            paused = self.clock.toggle()
            self._clock_changed()
            self._changed()
            return paused

    def extend(self, minutes: float) -> None:
        """Give the current section's time box ``minutes`` more."""
        with self.lock:
            self.clock.extend(self.clock.current, minutes * 60)
            self._clock_changed()
            self._changed()

    def rebalance(self) -> None:
        """Resize the boxes still to come so the meeting ends as planned."""
        with self.lock:
            self.clock.rebalance()
            self._clock_changed()
            self._changed()

    def _next_step(self) -> NextStep:
        session = self.session
        return session.next_step, session.next_meeting, session.next_meeting_time

    def _set_next(self, text: str, when: date | None, at: clock_time | None) -> None:
        self._set(next_step=text, next_meeting=when,
                  next_meeting_time=at if when is not None else None)
        self._changed()

    def set_next_step(
        self, text: str, when: date | None = None, at: clock_time | None = None, *,
        keep_date: bool = True,
    ) -> None:
        """Record the agreed next step and, when given, the next meeting's date and time.

        Without ``when``, a date in the text is read as a ``next:`` line reads it
        ("Design workshop 2026-12-08 10:00"), so the dialog sets the date too.

        Args:
            text: the next step.
            when: the next meeting's date.
            at: its time of day.
            keep_date: without ``when`` (given or in the text), keep the date already
                agreed (the text alone was edited); ``False`` clears it.
        """
        if when is None and text.strip():
            parsed = parse_capture(f"next: {text}", self._today(), self.roster)
            if parsed.next_date is not None:
                text, when, at = parsed.text, parsed.next_date, parsed.next_time
        with self.lock:
            if when is None and keep_date:
                when, at = self.session.next_meeting, self.session.next_meeting_time
            self._set_next(text, when, at)

    def end(self) -> None:
        """End the meeting (wrap-up): the clock stops, the end time is recorded."""
        with self.lock:
            if not self.clock.paused:
                self.clock.pause()
            self._clock_changed()
            self._set(status=SessionStatus.ENDED, ended_at=utcnow())
            self._changed()

    def reopen(self) -> None:
        """Reopen a meeting ended by mistake: the clock runs again."""
        with self.lock:
            self._set(status=SessionStatus.RUNNING, ended_at=None)
            if self.clock.paused:
                self.clock.resume()
            self._clock_changed()
            self._changed()
