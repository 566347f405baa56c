"""The meeting header and the section clock: they show what the core clock says, refreshed by
the screen's timer; they never count ticks themselves."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from kickoff_tui.core.clock import format_duration
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.tui.text import visible


class MeetingHeader(Static):
    """Title, meeting clock (elapsed / planned) and projected end time."""

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
        end = clock.projected_end(wall_now)
        text.append(f"   ends ~{end:%H:%M}")
        late = clock.projected_overrun()
        if late >= 60:
            text.append(f" (+{int(late // 60)} min)", style="bold")
        if meeting.ended:
            text.append("   ENDED", style="bold")
        elif clock.paused:
            text.append("   ⏸ PAUSED", style="bold")
        self.set_class(late >= 60, "-late")
        self.set_class(clock.paused, "-paused")
        self.update(text, layout=False)  # one fixed line: no layout pass twice a second


class SectionClock(Static):
    """The current section's time box as a countdown; past the end, the overrun as +mm:ss."""

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
        text = Text(no_wrap=True)
        text.append(label, style="bold")
        text.append(f"  of {format_duration(clock.box(index))}", style="dim")
        self.set_class(over, "-over")
        self.set_class(not over and clock.near_end(index), "-warning")
        self.update(text, layout=False)  # fixed width in agenda.tcss
