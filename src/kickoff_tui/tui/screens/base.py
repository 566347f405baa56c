"""What every Kickoff screen shares: the "terminal too small" notice instead of a broken layout."""

from __future__ import annotations

from textual import events
from textual.screen import ModalScreen, Screen

from kickoff_tui.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall


class SizeAware:
    """Mixin: below 80x24 hide the screen's content and show :class:`TooSmall` instead."""

    def check_size(self) -> None:
        """Toggle the notice for the app's current size."""
        size = self.app.size  # type: ignore[attr-defined]
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")  # type: ignore[attr-defined]
        if small:
            for notice in self.query(TooSmall):  # type: ignore[attr-defined]
                notice.show(size.width, size.height)

    def on_resize(self, event: events.Resize) -> None:
        """Re-check on every resize."""
        self.check_size()

    def on_screen_resume(self) -> None:
        """Re-check when the screen comes back (the size may have changed under a dialog)."""
        self.check_size()


class KickoffScreen(SizeAware, Screen[None]):
    """A full screen of the app."""


class KickoffModal(SizeAware, ModalScreen):  # type: ignore[type-arg]
    """A dialog of the app."""
