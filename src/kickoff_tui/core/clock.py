"""The meeting clock: time boxes measured on a monotonic clock, persisted as ``ClockState``.

Time is never counted in ticks. While the clock runs, one *interval* is open: it started at
a reading of the monotonic clock (``now()``), and it counts toward the meeting and toward the
current section. Pausing or switching section closes the interval and adds its length to the
accumulated seconds. A snapshot (taken every second by the saver) stores the accumulated
seconds plus the open interval so far, so a crash loses at most the time since the last save.

Restoring from a snapshot opens a fresh interval at the new process's ``now()``: the time the
app was closed is never counted, whatever the new monotonic base is (it restarts at boot,
and differs between processes on some systems).

Wall-clock time appears only in :meth:`MeetingClock.projected_end`, where the caller passes
the current wall time: a wall clock can jump (NTP, suspend, DST), a monotonic one cannot.

This module never imports Textual.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from kickoff_tui.core.models import AgendaSection, ClockState

#: Shortest box ``rebalance`` and ``extend`` shrink a section to, in seconds.
MIN_BOX_S = 60.0
#: "Near the end" starts at this many seconds left, or at :data:`NEAR_END_FRACTION` of the
#: box if that is more (a 20-minute box warns 4 minutes ahead, a 3-minute box 1 minute ahead).
NEAR_END_S = 60.0
NEAR_END_FRACTION = 0.2


class MeetingClock:
    """Elapsed meeting time, time used per agenda section, and the time boxes.

    Args:
        sections: the agenda; their ``box_minutes`` are the planned (template) boxes.
        state: a snapshot to continue from (``Session.clock``); a new clock when ``None``.
        current: the section the meeting is in (``Session.current``).
        now: the monotonic clock, in seconds; tests pass a fake they advance by hand.
    """

    def __init__(
        self,
        sections: Sequence[AgendaSection],
        state: ClockState | None = None,
        *,
        current: int = 0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        if not sections:
            raise ValueError("a meeting clock needs at least one agenda section")
        self._sections = list(sections)
        self._now = now
        state = state if state is not None else ClockState()
        self._started = state.started
        self._paused = state.paused
        self._elapsed = state.elapsed_s
        # Ids not on this agenda are kept so that a snapshot never drops stored time.
        self._used: dict[str, float] = dict(state.section_used_s)
        self._box: dict[str, float] = dict(state.box_s)
        for section in self._sections:
            self._box.setdefault(section.id, section.box_minutes * 60.0)
        self._bells: list[str] = list(state.bell_rung)
        self._current = min(max(current, 0), len(self._sections) - 1)
        # Only the interval measured from here on is added: time while closed never counts.
        self._mark: float | None = self._now() if self.running else None

    # -- state ----------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """Whether the meeting has started (stays true once started)."""
        return self._started

    @property
    def paused(self) -> bool:
        """Whether the clock is paused."""
        return self._paused

    @property
    def running(self) -> bool:
        """Whether time is being counted now (started and not paused)."""
        return self._started and not self._paused

    @property
    def current(self) -> int:
        """Index of the section time counts toward."""
        return self._current

    @property
    def sections(self) -> list[AgendaSection]:
        """The agenda (a copy of the list)."""
        return list(self._sections)

    def _open_interval(self) -> float:
        """Seconds of the interval open now (0 when not running)."""
        if self._mark is None:
            return 0.0
        # max(): a fake or misbehaving clock must never make time flow backwards.
        return max(0.0, self._now() - self._mark)

    def _close_interval(self) -> None:
        """Add the open interval to the totals and start a new one from now."""
        if self._mark is None:
            return
        reading = self._now()
        spent = max(0.0, reading - self._mark)
        self._elapsed += spent
        section_id = self._sections[self._current].id
        self._used[section_id] = self._used.get(section_id, 0.0) + spent
        self._mark = reading

    def _check_index(self, index: int) -> str:
        if not 0 <= index < len(self._sections):
            raise IndexError(f"no agenda section {index} (there are {len(self._sections)})")
        return self._sections[index].id

    # -- control --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the meeting clock. Does nothing if the meeting has started already."""
        if self._started:
            return
        self._started = True
        self._paused = False
        self._mark = self._now()

    def pause(self) -> None:
        """Stop counting time (does nothing if not running)."""
        if not self.running:
            return
        self._close_interval()
        self._paused = True
        self._mark = None

    def resume(self) -> None:
        """Count time again; starts the meeting if it has not started."""
        if not self._started:
            self.start()
            return
        if self._paused:
            self._paused = False
            self._mark = self._now()

    def toggle(self) -> bool:
        """Pause if running, else resume (or start). Returns whether it is now paused."""
        if self.running:
            self.pause()
        else:
            self.resume()
        return self._paused

    def switch(self, index: int) -> None:
        """Move to section ``index``: time from now on counts toward it.

        Raises:
            IndexError: no such section.
        """
        self._check_index(index)
        self._close_interval()
        self._current = index

    # -- readings -------------------------------------------------------------------------

    def elapsed(self) -> float:
        """Meeting seconds spent so far, pauses excluded."""
        return self._elapsed + self._open_interval()

    def used(self, index: int) -> float:
        """Seconds spent in section ``index``."""
        return self._used_with(index, self._open_interval())

    def _used_with(self, index: int, open_s: float) -> float:
        section_id = self._check_index(index)
        spent = self._used.get(section_id, 0.0)
        return spent + open_s if index == self._current else spent

    def box(self, index: int) -> float:
        """Section ``index``'s time box in seconds, after extensions and rebalancing."""
        return self._box[self._check_index(index)]

    def remaining(self, index: int) -> float:
        """Seconds left in section ``index``'s box; negative once it is over."""
        return self.box(index) - self.used(index)

    def overrun(self, index: int) -> float:
        """Seconds section ``index`` has run past its box (0 if it has not)."""
        return max(0.0, -self.remaining(index))

    def planned_total(self) -> float:
        """Sum of the current boxes, in seconds (extensions included)."""
        return sum(self._box[s.id] for s in self._sections)

    def original_total(self) -> float:
        """Sum of the template boxes, in seconds: the planned length of the meeting."""
        return sum(s.box_minutes * 60.0 for s in self._sections)

    def time_left(self) -> float:
        """Meeting seconds still to run at this pace.

        What is left of the current box (nothing once it is over: the overrun is already in
        the elapsed time) plus what is left of every later box. Earlier sections left early
        are not counted: the meeting moved on.
        """
        open_s = self._open_interval()
        return sum(
            max(self._box[self._sections[i].id] - self._used_with(i, open_s), 0.0)
            for i in range(self._current, len(self._sections))
        )

    def projected_end(self, wall_now: datetime) -> datetime:
        """When the meeting will end at this pace, given the wall time now."""
        return wall_now + timedelta(seconds=self.time_left())

    def projected_overrun(self) -> float:
        """Seconds the meeting will run past its planned length at this pace.

        Negative when it is on course to finish early. Pauses are not counted: they move the
        planned end too.
        """
        return self.elapsed() + self.time_left() - self.original_total()

    def near_end(self, index: int) -> bool:
        """Whether section ``index`` should show the warning colour: close to its end, not over.

        Close means at most ``max(60 s, 20 % of the box)`` left.
        """
        left = self.remaining(index)
        return 0 < left <= max(NEAR_END_S, NEAR_END_FRACTION * self.box(index))

    def take_bell(self) -> bool:
        """True exactly once when the current section's box has run out.

        Remembered in the snapshot (``bell_rung``), so a restored clock does not ring again
        for a box that already rang. Giving the section more time re-arms its bell.
        """
        if not self._started:
            return False
        section_id = self._sections[self._current].id
        if section_id in self._bells or self.remaining(self._current) > 0:
            return False
        self._bells.append(section_id)
        return True

    # -- changing the boxes ---------------------------------------------------------------

    def _set_box(self, index: int, seconds: float) -> None:
        section_id = self._sections[index].id
        self._box[section_id] = seconds
        if section_id in self._bells and self.remaining(index) > 0:
            self._bells.remove(section_id)

    def extend(self, index: int, seconds: float) -> None:
        """Give section ``index`` more time (or less, with a negative number of seconds).

        A box is never shortened below one minute (or below its size, if already shorter).
        """
        current = self.box(index)
        self._set_box(index, max(current + seconds, min(MIN_BOX_S, current)))

    def rebalance(self) -> None:
        """Resize the later sections so the meeting ends on time, if it can.

        What is left of each later box is scaled by the same factor so that elapsed time +
        what is left equals the planned length. No box is shrunk below one minute (nor below
        its size, if already shorter); when the time cannot be found that way, the later boxes
        are as short as allowed. Sections already over their box are left alone.
        """
        open_s = self._open_interval()
        later = [
            i
            for i in range(self._current + 1, len(self._sections))
            if self._box[self._sections[i].id] > self._used_with(i, open_s)
        ]
        if not later:
            return
        used = {i: self._used_with(i, open_s) for i in later}
        left_now = {i: self._box[self._sections[i].id] - used[i] for i in later}
        floor = {
            i: max(min(MIN_BOX_S, self._box[self._sections[i].id]) - used[i], 0.0) for i in later
        }
        current_left = max(
            self._box[self._sections[self._current].id] - self._used_with(self._current, open_s),
            0.0,
        )
        budget = self.original_total() - (self._elapsed + open_s) - current_left

        # Water-filling: share the budget in proportion to what is left; a section whose
        # share is below its floor gets the floor, and the rest is shared again.
        fixed: dict[int, float] = {}
        free = list(later)
        shares: dict[int, float] = {}
        while free:
            rest = budget - sum(fixed.values())
            weight = sum(left_now[i] for i in free)
            shares = {i: max(rest, 0.0) * left_now[i] / weight for i in free}
            low = [i for i in free if shares[i] < floor[i]]
            if not low:
                break
            for i in low:
                fixed[i] = floor[i]
            free = [i for i in free if i not in fixed]
        for i in later:
            self._set_box(i, used[i] + fixed.get(i, shares.get(i, 0.0)))

    # -- persistence ----------------------------------------------------------------------

    def snapshot(self) -> ClockState:
        """The state to persist: accumulated seconds up to now, boxes and bells rung."""
        open_s = self._open_interval()
        used = dict(self._used)
        if open_s:
            section_id = self._sections[self._current].id
            used[section_id] = used.get(section_id, 0.0) + open_s
        return ClockState(
            started=self._started,
            paused=self._paused,
            elapsed_s=self._elapsed + open_s,
            section_used_s=used,
            box_s=dict(self._box),
            bell_rung=list(self._bells),
        )


def format_duration(seconds: float, *, signed: bool = False) -> str:
    """``07:05``, ``1:02:03``; with ``signed``, ``+02:13`` or ``-00:30``.

    The one duration format of Kickoff: the live clocks, the sidebar and the minutes.
    Seconds are rounded to the nearest whole second (Python's ``round``: an exact half goes to
    the even second), not truncated, so "used" and "left" always add up to the box on screen
    (299.6 s used of 300 shows ``05:00`` used and ``00:00`` left, not ``04:59`` and ``00:00``),
    and the minutes' "over plan" test, which rounds too, agrees with the figure printed.
    A negative duration shows its sign unless it rounds to zero; zero shows ``+00:00`` when
    signed. Not-a-number shows ``--:--``.
    """
    if not math.isfinite(seconds):
        return "--:--"
    whole = round(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    if seconds < 0 and whole:
        return "-" + text
    return "+" + text if signed else text
