"""The ``kickoff`` command's entry point.

``kickoff`` alone — the way a facilitator opens the app before a call — goes straight to the
home screen without loading the command-line machinery (click, the path helpers): start-up is
part of the product's bar. Anything else is handed to :mod:`kickoff_tui.cli`.

After the UI has run, this module says truthfully what happened to the meeting: saved (and how
to resume it), NOT saved (and a non-zero exit), or, after an unexpected error, saved anyway with
the details in a private log file rather than a traceback (with its local variables, private
notes among them) on a screen that may be shared.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from typing import Any

#: Exit code after an unexpected error (as the CLI's "internal error").
EXIT_CRASH = 70

# Rich draws each frame's local variables in a box titled "locals" inside the traceback.
_LOCALS_TOP = re.compile(r"╭─+ locals ─+╮")


def db_problem(path: Path) -> str:
    """Why ``path`` cannot be the store's main file, in one line, or ``""``.

    The store's own check (``core/store/marker.py``: a folder, a device, a file that is not
    a Kickoff store); it only reads, and loads nothing heavy.
    """
    from kickoff_tui.core.store.marker import NotAStore, check_store, resolve_db_path

    try:
        check_store(resolve_db_path(path))
    except NotAStore as error:
        return str(error)
    return ""


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


def _crashed(app: Any, report: str) -> int:
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


def run_ui(db: Any, launch: Any) -> int:
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


def main(argv: list[str] | None = None) -> None:
    """Run ``kickoff``: the home screen directly, or the CLI for any arguments."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        from kickoff_tui.cli import main as cli_main

        cli_main(args)
        return
    from kickoff_tui.tui.app import Launch

    # Only KICKOFF_DB can name a folder here (no --db without the CLI), and the path helpers
    # (platformdirs) stay off the start-up path.
    env_db = os.environ.get("KICKOFF_DB", "").strip()
    problem = db_problem(Path(env_db).expanduser()) if env_db else ""
    if problem:
        print(f"kickoff: {problem}", file=sys.stderr)
        sys.exit(1)
    try:
        out_dir = Path.cwd()
    except OSError:
        print("kickoff: the current folder no longer exists (was it deleted?); cd to another "
              "folder, or use: kickoff --out DIR", file=sys.stderr)
        sys.exit(1)
    try:
        code = run_ui(None, Launch(out_dir=out_dir))
    except KeyboardInterrupt:
        code = 130
    except Exception as error:  # noqa: BLE001 - one line, as the CLI does
        if os.environ.get("KICKOFF_DEBUG"):
            raise
        import traceback

        try:
            where = f"details in {write_crash_log(''.join(traceback.format_exception(error)))}"
        except OSError:
            where = "set KICKOFF_DEBUG=1 for details"
        print(f"kickoff: internal error: {type(error).__name__}: {error} ({where})",
              file=sys.stderr)
        code = EXIT_CRASH
    sys.exit(code)
