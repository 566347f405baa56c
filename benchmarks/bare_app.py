"""The yardstick for start-up time: the smallest Textual app that draws a marker.

``benchmarks/run.py`` starts it exactly as it starts ``kickoff`` (same interpreter, same
pseudo-terminal, same size) and times both to their first screen. Kickoff's bar is 1.3 times
this app's time, so everything Textual itself costs is paid by both and only what Kickoff adds
on top counts against it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

#: The text whose appearance on the terminal ends the timing.
MARKER = "Bare Textual app ready"


class BareApp(App[None]):
    """One Static showing :data:`MARKER`."""

    def compose(self) -> ComposeResult:
        """The marker, and nothing else."""
        yield Static(MARKER)


if __name__ == "__main__":
    BareApp().run()
