"""The agenda sidebar: every section, done / current / upcoming, with time used against its box.

The screen shows the clock twice a second. While the meeting runs, one line of the sidebar
changes a second (the current section's time used), and none while it is paused; repainting
the whole column for that cost most of an idle meeting's CPU and most of the bytes it sent to
the terminal. So the sidebar is drawn line by line (Textual's Line API, ``render_line``) and
only the lines whose text or style changed are repainted.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from kickoff_tui.core.clock import format_duration
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.tui.text import visible

#: One line of the sidebar: its text and its style (theme variables, so every theme reads well).
Line = tuple[str, str]


def sidebar_lines(meeting: Meeting) -> list[Line]:
    """The sidebar's lines for the meeting: per section its title line and its time line.

    Titles are whole here; :class:`AgendaSidebar` cuts them to its width when it draws them.
    """
    clock = meeting.clock
    lines: list[Line] = []
    for index, section in enumerate(meeting.session.sections):
        used = clock.used(index)
        box = clock.box(index)
        if index == clock.current:
            mark, style = "▶", "bold $text-primary"
        elif used > 0:
            mark, style = "✓", "$text-muted"
        else:
            mark, style = "·", ""
        lines.append((f"{mark} {index + 1} {visible(section.title)}", style))
        timing = f"    {format_duration(used)} / {format_duration(box)}"
        lines.append((timing, "bold $text-error" if used > box else "$text-muted"))
    return lines


class AgendaSidebar(Widget):
    """Every agenda section with its state and its time used against its box."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._lines: list[Line] = []

    def show(self, meeting: Meeting) -> None:
        """Show the meeting's sections; repaint only the lines that changed."""
        lines = sidebar_lines(meeting)
        before, self._lines = self._lines, lines
        if len(before) != len(lines):
            self.refresh()
            return
        width = self.size.width
        for y, (old, new) in enumerate(zip(before, lines, strict=True)):
            if old != new:
                self.refresh(Region(0, y, width, 1))

    @property
    def lines(self) -> list[str]:
        """The text of every line as drawn now, at the sidebar's width (for tests)."""
        return [self._fit(text) for text, _style in self._lines]

    def _fit(self, text: str) -> str:
        width = max(8, self.size.width or 26)
        return text if len(text) <= width else text[: width - 1] + "…"

    def render_line(self, y: int) -> Strip:
        """One line of the sidebar (blank below the last section)."""
        width = self.size.width
        if y >= len(self._lines):
            return Strip.blank(width, self.visual_style.rich_style)
        text, style = self._lines[y]
        content = Content.styled(self._fit(text), style)
        strips = Visual.to_strips(self, content, width, 1, self.visual_style, pad=True)
        return strips[0] if strips else Strip.blank(width, self.visual_style.rich_style)
