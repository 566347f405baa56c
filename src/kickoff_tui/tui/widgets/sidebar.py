"""The agenda sidebar: every section, done / current / upcoming, with time used against its box."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kickoff_tui.core.clock import format_duration
from kickoff_tui.core.meeting import Meeting


class AgendaSidebar(Static):
    """Every agenda section with its state and its time used against its box."""

    def show(self, meeting: Meeting) -> None:
        """Redraw from the meeting."""
        clock = meeting.clock
        width = max(8, self.content_size.width or 26)
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, section in enumerate(meeting.session.sections):
            used = clock.used(index)
            box = clock.box(index)
            if index == clock.current:
                mark, style = "▶", "bold"
            elif used > 0:
                mark, style = "✓", "dim"
            else:
                mark, style = "·", ""
            over = used > box
            label = f"{mark} {index + 1} {section.title}"
            if len(label) > width:
                label = label[: width - 1] + "…"
            text.append(label + "\n", style=style)
            timing = f"    {format_duration(used)} / {format_duration(box)}"
            text.append(timing + "\n", style="red" if over else "dim")
        self.update(text)
