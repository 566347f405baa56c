"""Text fields whose own editing keys act in the order they were typed.

Textual hands a key to the focused widget at once, but a widget's own (non-priority) key
bindings run only once the key has bubbled back up to the App. A printable key, which an
Input or a TextArea inserts as it arrives, overtakes them: "abc⇠⇠X" typed in one burst (a
fast typist, a text expander, tmux send-keys) became "abcX", and a backspace in a burst
deleted the wrong letter. These fields run their own editing bindings (arrows, Home/End,
Backspace, Delete, word moves…) as the key arrives, in typing order. Keys they do not bind
go on as before (Tab, the screen's commands).

The multi-line field is in :mod:`kickoff_tui.tui.widgets.area`: Textual's ``TextArea`` costs
its import, and the first frames of the home screen and the agenda have only one-line fields.
"""

from __future__ import annotations

from functools import cache
from typing import cast

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input


@cache
def own_actions(widget_class: type[Widget]) -> dict[str, str]:
    """``key -> action`` for the non-priority bindings a widget class declares itself (and
    inherits), the nearest class winning, as Textual resolves them."""
    actions: dict[str, str] = {}
    for klass in reversed(widget_class.__mro__):
        declared = klass.__dict__.get("BINDINGS")
        if not declared:
            continue
        for binding in Binding.make_bindings(declared):
            if not binding.priority:
                actions[binding.key] = binding.action
    return actions


class KeysInOrder:
    """Mixin for a text field: its own editing bindings run when their key arrives.

    A plain class, listed before the widget class: Textual takes a widget's styles from its
    first widget base, and runs this ``on_key`` before the widget's own key handler.
    """

    async def on_key(self, event: events.Key) -> None:
        """Run this field's own binding for the key now, before the keys typed after it."""
        widget = cast(Widget, self)
        action = own_actions(type(widget)).get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        await widget.run_action(action)


class OrderedInput(KeysInOrder, Input):
    """An :class:`Input` whose editing keys act in typing order."""
