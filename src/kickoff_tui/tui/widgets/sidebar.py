"""The agenda sidebar: every section, done / current / upcoming, with time used against its box."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from kickoff_tui.core.clock import format_duration
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.tui.text import visible


class AgendaSidebar(Static):
    """Every agenda section with its state and its time used against its box."""

    def show(self, meeting: Meeting) -> None:
        """Redraw from the meeting (theme colours, so every theme reads well)."""
        clock = meeting.clock
        width = max(8, self.content_size.width or 26)
        parts: list[tuple[str, str]] = []
        for index, section in enumerate(meeting.session.sections):
            used = clock.used(index)
            box = clock.box(index)
            if index == clock.current:
                mark, style = "▶", "bold $text-primary"
            elif used > 0:
                mark, style = "✓", "$text-muted"
            else:
                mark, style = "·", ""
            label = f"{mark} {index + 1} {visible(section.title)}"
            if len(label) > width:
                label = label[: width - 1] + "…"
            parts.append((label + "\n", style))
            timing = f"    {format_duration(used)} / {format_duration(box)}\n"
            over = used > box
            parts.append((timing, "bold $text-error" if over else "$text-muted"))
        self.update(Content.assemble(*parts), layout=False)  # the sidebar's size is fixed
