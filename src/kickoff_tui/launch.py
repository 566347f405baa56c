"""The ``kickoff`` command's entry point.

``kickoff`` alone — the way a facilitator opens the app before a call — goes straight to the
home screen without loading the command-line machinery (click, the path helpers): start-up is
part of the product's bar. Anything else is handed to :mod:`kickoff_tui.cli`. What happens
after the UI has run is :mod:`kickoff_tui.tui.run`'s.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


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


def main(argv: list[str] | None = None) -> None:
    """Run ``kickoff``: the home screen directly, or the CLI for any arguments."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        from kickoff_tui.cli import main as cli_main

        cli_main(args)
        return
    from kickoff_tui.tui.app import Launch
    from kickoff_tui.tui.run import run_ui

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
        from kickoff_tui.core.crashlog import EXIT_CRASH, internal_error_line

        print(internal_error_line(error), file=sys.stderr)
        code = EXIT_CRASH
    sys.exit(code)
