"""This seat among the others: presence, private notes, following the facilitator.

The meeting controller owns one :class:`SeatView` and beats it every second, off the UI thread;
the agenda screen asks it when it fills its tables and before it opens an item. The rules
themselves live in :mod:`kickoff_tui.core.presence`, so they are tested without a terminal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.paths import config_dir
from kickoff_tui.core.presence import (
    BROWSER,
    Presence,
    as_seen_by,
    load_settings,
    may_read,
    save_settings,
    seat_kind,
    settings_file,
)


class SeatView:
    """What this seat shows of the session, and its heartbeat.

    Args:
        meeting: the meeting open on this seat (its ``seat_id`` names the seat).
        store_path: the store's main file (heartbeats live beside it).
        kind: ``"terminal"`` or ``"browser"`` (default: from the environment).
    """

    def __init__(self, meeting: Meeting, store_path: Path, kind: str | None = None) -> None:
        self.meeting = meeting
        self.seat = meeting.seat_id
        self.kind = kind or seat_kind()
        self.presence = Presence(store_path, meeting.session.id, self.seat, self.kind)
        self._settings_path = settings_file(config_dir())
        self.settings = load_settings(self._settings_path, self.seat)
        self.count = 1
        self._lead_seen: int | None = None

    def take_lead_if_vacant(self) -> bool:
        """On opening: lead the meeting if the facilitator's seat is not open (the
        facilitator resumed on another terminal, or is gone), so that someone's moves and
        clock are the meeting's. Returns whether this seat took the lead."""
        if self.leads or self.presence.section_of(self.meeting.session.facilitator) is not None:
            return False
        return self.meeting.take_lead()

    # -- private notes -----------------------------------------------------------------

    def shown(self, item: Any) -> Any:
        """The item as this seat may show it (another seat's private note is masked)."""
        return as_seen_by(item, self.seat, hide_own=self.settings.hide_private)

    def shown_all(self, items: Iterable[Any]) -> list[Any]:
        """:meth:`shown` for each item."""
        return [self.shown(item) for item in items]

    def may_open(self, item: Any) -> bool:
        """Whether this seat may open the item to read or edit it."""
        return may_read(item, self.seat, hide_own=self.settings.hide_private)

    def toggle_hide_private(self) -> bool:
        """Hide (or show again) this seat's own private notes (:meth:`remember` keeps it).
        Returns hidden."""
        self.settings.hide_private = not self.settings.hide_private
        return self.settings.hide_private

    # -- following ---------------------------------------------------------------------

    @property
    def leads(self) -> bool:
        """Whether this seat is the facilitator's (the one that started the meeting)."""
        return self.meeting.leads

    @property
    def following(self) -> bool:
        """Whether this seat keeps its section in step with the facilitator's."""
        return not self.leads and self.settings.following(self.kind)

    def toggle_follow(self) -> bool:
        """Start or stop following the facilitator (:meth:`remember` keeps it). Returns
        following."""
        self.settings.follow = not self.settings.following(self.kind)
        self._lead_seen = None  # following again: go to the facilitator's section at once
        return self.settings.follow

    def remember(self) -> None:
        """Keep this seat's settings for its next run (a file: call it off the UI thread)."""
        if self.kind == BROWSER:
            return  # a browser tab is a new seat each time: nothing to remember it by
        with contextlib.suppress(OSError):  # unwritable config: it still holds for this run
            save_settings(self._settings_path, self.seat, self.settings)

    # -- every second ------------------------------------------------------------------

    def beat(self) -> int | None:
        """Heartbeat and count the seats; the section to move to when following, or ``None``.

        Follows the facilitator's *moves*: a note-taker who steps away to another section stays
        there until the facilitator moves on.
        """
        self.presence.beat(self.meeting.clock.current)
        self.count = max(1, self.presence.count())
        if not self.following:
            return None
        lead = self.presence.section_of(self.meeting.session.facilitator)
        if lead is None or lead == self._lead_seen:
            return None
        self._lead_seen = lead
        return lead if lead != self.meeting.clock.current else None

    def leave(self) -> None:
        """This seat closes."""
        self.presence.leave()
