"""What every Kickoff screen shares: the "terminal too small" notice instead of a broken layout."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from kickoff_tui.tui.resources import stylesheets
from kickoff_tui.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall


class SizeAware:
    """Mixin: below 80x24 hide the screen's content and show :class:`TooSmall` instead."""

    _focus_before_small: Widget | None = None

    def check_size(self) -> None:
        """Toggle the notice for the app's current size.

        Hiding the content takes the focus away; when the terminal grows again the focus goes
        back where it was, so the next words typed are not lost.
        """
        screen: Any = self
        size = screen.app.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        was_small = screen.has_class("-too-small")
        if small and not was_small:
            self._focus_before_small = screen.focused
        screen.set_class(small, "-too-small")
        if small:
            for notice in screen.query(TooSmall):
                notice.show(size.width, size.height)
        elif was_small:
            target = self._focus_before_small
            self._focus_before_small = None
            if target is None or not target.is_attached:
                auto = getattr(screen, "AUTO_FOCUS", None)
                matches = screen.query(auto) if auto else None
                target = matches.first() if matches else None
            if target is not None:
                screen.call_after_refresh(target.focus)

    def on_resize(self, event: events.Resize) -> None:
        """Re-check on every resize."""
        self.check_size()

    def on_screen_resume(self) -> None:
        """Re-check when the screen comes back (the size may have changed under a dialog)."""
        self.check_size()


class KickoffScreen(SizeAware, Screen[None]):
    """A full screen of the app."""


class KickoffModal(SizeAware, ModalScreen):
    """A dialog of the app."""

    CSS_PATH = stylesheets("dialogs.tcss")
