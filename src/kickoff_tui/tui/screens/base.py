"""What every Kickoff screen shares: keys handled in the order they were typed, and the
"terminal too small" notice instead of a broken layout.

Why keys need ordering: Textual's App hands each key, as it arrives, to the widget focused at
that moment, onto that widget's queue. A key bound on the screen (Tab, ctrl+s, Enter that
submits a form) only acts once it has bubbled back up from that widget, and by then the App has
already handed the keys typed after it to the old widget: a burst "Title⇥Project" (a fast
typist, a text expander, a paste through tmux) ends up all in Title. Priority bindings are the
exception: Textual runs them when the key arrives, before it forwards the next key.

So every key that moves the focus or leaves a screen is a priority binding here, and its action
first waits (:meth:`OrderedKeys.settle`) until the focused widget has handled every key sent to
it before, then acts, and moves the focus with ``Screen.set_focus`` (immediate; ``Widget.focus``
is deferred behind the keys still queued). The keys after it then go to the right widget.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, ClassVar

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input

from kickoff_tui.tui.commands import Command
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
                auto = screen.AUTO_FOCUS
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


#: Longest wait for the focused widget to catch up with the keys before a bound key (a guard:
#: it takes well under a millisecond).
SETTLE_TIMEOUT = 1.0

#: Tab and shift+tab move between fields in typing order, on every screen.
FIELD_BINDINGS: list[BindingType] = [
    Binding("tab", "move_focus(1)", "Next field", show=False, priority=True),
    Binding("shift+tab", "move_focus(-1)", "Previous field", show=False, priority=True),
]


class OrderedKeys:
    """Mixin for screens: bound keys act in the order they were typed (see the module doc)."""

    async def settle(self) -> None:
        """Wait until the focused widget has handled every key the App has sent it so far.

        A callback posted to the widget's queue runs after the keys already in it.
        """
        screen: Any = self
        target = screen.focused
        if target is None:
            return
        done = asyncio.Event()
        if not target.call_later(done.set):
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), SETTLE_TIMEOUT)

    async def action_ordered(self, action: str) -> None:
        """Run a screen action once the keys typed before it have been handled."""
        await self.settle()
        screen: Any = self
        await screen.run_action(action)

    async def action_move_focus(self, step: int) -> None:
        """Tab / shift+tab: the next or previous field, after the keys typed before."""
        await self.settle()
        screen: Any = self
        if step > 0:
            screen.focus_next()
        else:
            screen.focus_previous()


class KickoffScreen(OrderedKeys, SizeAware, Screen[None]):
    """A full screen of the app."""

    BINDINGS = FIELD_BINDINGS
    #: The screen's commands for the command palette (the App lists them first).
    PALETTE: ClassVar[tuple[Command, ...]] = ()


class KickoffModal(OrderedKeys, SizeAware, ModalScreen):
    """A dialog of the app.

    Enter on a one-line field submits the dialog (:meth:`submit_field`) in typing order:
    the keys typed after it go where the focus is next (the capture line, after an edit).
    """

    CSS_PATH = stylesheets("dialogs.tcss")

    BINDINGS = [
        *FIELD_BINDINGS,
        Binding("enter", "enter_field", "Submit", show=False, priority=True),
    ]

    async def action_enter_field(self) -> None:
        """Enter on a one-line field: settle, then :meth:`submit_field`. Elsewhere (a list,
        a button, a multi-line field) Enter does what that widget does."""
        focused = self.focused
        if not isinstance(focused, Input):
            raise SkipAction()
        await self.settle()
        self.submit_field(focused)

    def submit_field(self, field: Input) -> None:
        """What Enter on a one-line field does in this dialog (default: nothing more)."""
