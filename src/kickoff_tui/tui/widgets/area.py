"""The multi-line text field whose editing keys act in typing order.

Apart from :mod:`kickoff_tui.tui.widgets.fields` so that Textual's ``TextArea`` is imported
only by the screens that show one (the home form's attendees once its first frame is up, the
edit dialog), not before the first frame of the home screen or the agenda.
"""

from __future__ import annotations

from textual.widgets import TextArea

from kickoff_tui.tui.widgets.fields import KeysInOrder


class OrderedTextArea(KeysInOrder, TextArea):
    """A :class:`TextArea` whose editing keys act in typing order."""
