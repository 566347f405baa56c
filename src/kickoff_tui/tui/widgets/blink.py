"""A text cursor that stops blinking when nobody types, as GTK and GNOME Terminal do.

A blinking cursor repaints its line twice a second, forever: in a meeting left running while
people talk, that was a third of the app's idle CPU and of the bytes it sent to the terminal
(PRODUCT.md: a running meeting left idle uses under 1 % of a core). After
:data:`SETTLE_AFTER` seconds without a change to the line or its cursor, the cursor stays
shown, steady; the next key typed makes it blink again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.timer import Timer
from textual.widgets import Input

#: Seconds without typing after which the cursor stops blinking (GTK's default timeout).
SETTLE_AFTER = 10.0


class BlinkSettler:
    """Stops ``field``'s cursor blinking after ``after`` quiet seconds; typing restarts it.

    Args:
        field: the input whose cursor blinks.
        after: quiet seconds before the cursor stops blinking.
        clock: a monotonic clock (tests pass a fake one).
    """

    def __init__(
        self,
        field: Input,
        *,
        after: float = SETTLE_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.field = field
        self.after = after
        self._clock = clock
        self._last = clock()
        # Looked at a few times per quiet period; paused while the cursor is settled.
        self._check: Timer = field.set_interval(after / 4, self.check)
        field.watch(field, "value", self.woken, init=False)
        field.watch(field, "cursor_position", self.woken, init=False)

    @property
    def settled(self) -> bool:
        """Whether the cursor has stopped blinking."""
        return not self.field.cursor_blink

    def woken(self) -> None:
        """Something was typed (or the cursor moved): blink again, and count anew."""
        self._last = self._clock()
        if self.settled and self.field.has_focus:
            self.field.cursor_blink = True
            self._check.resume()

    def check(self) -> None:
        """Stop the blinking once the line has been quiet long enough."""
        if self._clock() - self._last >= self.after and not self.settled:
            self.field.cursor_blink = False  # the cursor stays shown, steady
            self._check.pause()
