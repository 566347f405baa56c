"""Run the terminal UI and say truthfully what happened to the meeting afterwards: saved (and
how to resume it), NOT saved (and a non-zero exit), or, after an unexpected error, saved anyway
with the details in a private log file (see :mod:`kickoff_tui.core.crashlog`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kickoff_tui.core.crashlog import EXIT_CRASH, without_locals, write_crash_log

if TYPE_CHECKING:
    from kickoff_tui.core.store import Store
    from kickoff_tui.tui.app import KickoffApp
    from kickoff_tui.tui.services import Launch


def _crashed(app: KickoffApp, report: str) -> int:
    """After an unexpected error: save the meeting, log the details, say so in one line."""
    errors = app.save_all(every=True)
    try:
        where = f"details in {write_crash_log(report)}"
    except OSError as error:
        where = f"the details could not be logged ({error.strerror or error})"
    session = app.last_session
    if session is None:
        what = "No meeting was open"
    elif errors:
        what = f"The meeting was NOT saved ({next(iter(errors.values()))})"
    else:
        what = f"The meeting is saved (resume it with: kickoff resume {session.id})"
    if os.environ.get("KICKOFF_DEBUG"):
        print(report, file=sys.stderr)  # asked for: the traceback, still without locals
    print(f"kickoff: an unexpected error stopped Kickoff. {what}; {where}.", file=sys.stderr)
    return EXIT_CRASH


def run_ui(db: Path | Store | None, launch: Launch | None) -> int:
    """Run the UI on a store (an open ``Store``, its main file, or ``None`` for the default),
    then say where the session is and how to resume it.

    Returns:
        The exit code: 0; 128 + signal after a signal; 3 after a quit that could not save;
        70 after an unexpected error.
    """
    from kickoff_tui.core.safetext import visible
    from kickoff_tui.tui.app import EXIT_NOT_SAVED, make_app, not_saved_line

    app = make_app(db, launch)
    app.run()
    report = app.crash_report.getvalue()
    if app.return_code == 1 and report:
        return _crashed(app, without_locals(report))
    code = app.return_code or 0
    if app.store_opened:
        store = app.store
        for warning in store.warnings:
            print(f"kickoff: warning: {visible(warning)}", file=sys.stderr)
        session = app.last_session
        if app.save_errors:
            print(not_saved_line(app), file=sys.stderr)
            return code or EXIT_NOT_SAVED
        if session is not None:
            print(f"Session “{visible(session.title)}” saved (id {session.id}) in {store.path}.")
            if session.status != "ended":
                print(f"Resume it with: kickoff resume {session.id}")
    return code
