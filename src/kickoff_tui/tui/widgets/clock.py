"""The meeting header and the section clock: they show what the core clock says, refreshed by
the screen's timer; they never count ticks themselves.

The screen asks them to show the clock twice a second, but what they say (whole seconds)
changes at most once a second, and not at all while the clock is paused: each widget
repaints only when its text or its classes changed, so an idle meeting draws one small
frame a second (see :class:`Shown`).
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from kickoff_tui.core.clock import format_duration
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.tui.text import visible


class Shown:
    """What a widget last showed, to repaint it only when that changes.

    A repaint costs a frame (the compositor, and bytes to the terminal); building the text
    costs microseconds. Idle CPU of a running meeting comes from repaints, so they are
    skipped when nothing visible changed.
    """

    def __init__(self) -> None:
        self._last: Hashable = None

    def changed(self, key: Hashable) -> bool:
        """Whether ``key`` (everything the widget's look depends on) differs from last time."""
        if key == self._last:
            return False
        self._last = key
        return True


def _set_classes(widget: Widget, classes: dict[str, bool]) -> None:
    """Add or remove each class, touching the widget's styles only for a real change."""
    for name, on in classes.items():
        if widget.has_class(name) != on:
            widget.set_class(on, name)


class MeetingHeader(Static):
    """Title, meeting clock (elapsed / planned) and projected end time."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._shown = Shown()

    def show(self, meeting: Meeting, wall_now: datetime, seats: int = 1) -> None:
        """Redraw from the meeting's clock; ``seats`` open on the meeting (shown from two)."""
        clock = meeting.clock
        session = meeting.session
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" Kickoff ", style="bold reverse")
        text.append(f" {visible(session.title)}", style="bold")
        if session.project:
            text.append(f" · {visible(session.project)}", style="dim")
        text.append("   ")
        if seats > 1:
            text.append(f"{seats} seats", style="bold")
            text.append("   ")
        elapsed, planned = clock.elapsed(), clock.original_total()
        text.append(f"{format_duration(elapsed)} / {format_duration(planned)}")
        late = 0.0 if meeting.ended else clock.projected_overrun()
        if not meeting.ended:  # an ended meeting has no end to project
            end = clock.projected_end(wall_now)
            text.append(f"   ends ~{end:%H:%M}")
            if late >= 60:
                text.append(f" (+{int(late // 60)} min)", style="bold")
        if meeting.ended:
            text.append("   ENDED", style="bold")
        elif clock.paused:
            text.append("   ⏸ PAUSED", style="bold")
        _set_classes(self, {"-late": late >= 60, "-paused": clock.paused})
        if self._shown.changed((text.plain, tuple(text.spans))):
            self.update(text, layout=False)  # one fixed line: no layout pass


class SectionClock(Static):
    """The current section's time box as a countdown; past the end, the overrun as +mm:ss."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self._shown = Shown()

    def show(self, meeting: Meeting) -> None:
        """Redraw from the meeting's clock."""
        clock = meeting.clock
        index = clock.current
        remaining = clock.remaining(index)
        over = remaining < 0
        if over:
            label = f"+{format_duration(-remaining)} over"
        else:
            label = f"{format_duration(remaining)} left"
        boxed = f"  of {format_duration(clock.box(index))}"
        _set_classes(self, {"-over": over, "-warning": not over and clock.near_end(index)})
        if self._shown.changed((label, boxed)):
            text = Text(no_wrap=True)
            text.append(label, style="bold")
            text.append(boxed, style="dim")
            self.update(text, layout=False)  # fixed width in agenda.tcss
