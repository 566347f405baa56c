"""A child process for the crash test: the real ``kickoff`` with one planted bug.

Usage: ``python crash_child.py KICKOFF-ARGS...``. Entering a capture line holding ``BOOM``
raises an unexpected exception inside the app (as a bug would); everything else is the
shipped program, so the test sees what a user would see after a crash.
"""

from __future__ import annotations

import sys

from kickoff_tui.launch import main
from kickoff_tui.tui.screens.agenda import AgendaScreen

_capture = AgendaScreen.capture_line


def _buggy_capture(self: AgendaScreen, line: str) -> None:
    # A local holding private notes, as a real bug's frame would: Textual's traceback shows
    # locals, and they must reach neither the screen nor the log.
    private_in_a_local = [  # noqa: F841
        item.text for item in self.meeting.session.items if getattr(item, "private", False)
    ] if self.meeting else []
    if "BOOM" in line:
        raise RuntimeError("a planted bug")
    _capture(self, line)


AgendaScreen.capture_line = _buggy_capture  # type: ignore[method-assign]

if __name__ == "__main__":
    main(sys.argv[1:])
