"""What an unexpected error leaves behind: one line on the screen, the details in a private log.

The traceback goes to a file only its owner can read (the data folder's ``logs/``), never with
the frames' local variables: they hold meeting notes, private ones among them, and the screen
may be shared.

This module never imports Textual.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

#: Exit code after an unexpected error (the CLI's "internal error").
EXIT_CRASH = 70

# Rich draws each frame's local variables in a box titled "locals" inside the traceback.
_LOCALS_TOP = re.compile(r"╭─+ locals ─*")  # the right end may be cut at the log's width


def without_locals(report: str) -> str:
    """A traceback as Rich draws it, with every "locals" box taken out (what the log keeps)."""
    lines: list[str] = []
    column = -1  # the column of the open locals box's left border, or -1
    for line in report.splitlines():
        if column < 0:
            top = _LOCALS_TOP.search(line)
            if top is None:
                lines.append(line)
            else:
                column = top.start()
        elif line[column:column + 1] == "╰":
            column = -1
    return "\n".join(lines) + "\n"


def write_crash_log(text: str) -> Path:
    """Write ``text`` to a new log file (mode 0600) in the data folder; its path.

    Raises:
        OSError: the log could not be written.
    """
    from kickoff_tui.core.export import write_private
    from kickoff_tui.core.paths import data_dir

    folder = data_dir() / "logs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the owner's eyes only
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    write_private(path, text)
    return path


def internal_error_line(error: BaseException) -> str:
    """The one line a command prints for a bug: what it was, and where the details are."""
    import traceback

    from kickoff_tui.core.safetext import visible

    try:
        where = f"details in {write_crash_log(''.join(traceback.format_exception(error)))}"
    except OSError:
        where = "set KICKOFF_DEBUG=1 for details"
    return f"kickoff: internal error: {type(error).__name__}: {visible(str(error))} ({where})"
