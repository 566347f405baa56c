"""The notice shown instead of a broken layout when the terminal is smaller than 80x24."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


class TooSmall(Static):
    """Says the terminal is too small, and how small it is."""

    def show(self, width: int, height: int) -> None:
        """Update the message for the current size."""
        self.update(
            f"Terminal too small: {width}x{height}.\n"
            f"Kickoff needs at least {MIN_WIDTH}x{MIN_HEIGHT}; enlarge the window "
            "(nothing is lost, the clock keeps running)."
        )
