"""The ``kickoff`` command's entry point.

``kickoff`` alone — the way a facilitator opens the app before a call — goes straight to the
home screen without loading the command-line machinery (click, the path helpers): start-up is
part of the product's bar. Anything else is handed to :mod:`kickoff_tui.cli`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def run_ui(db: Any, launch: Any) -> int:
    """Run the UI on a store (an open ``Store``, its main file, or ``None`` for the default),
    then say where the session is and how to resume it.

    Returns:
        The exit code (128 + signal after a hang-up, else 0).
    """
    from kickoff_tui.tui.app import make_app

    app = make_app(db, launch)
    app.run()
    if app.store_opened:
        store = app.store
        for warning in store.warnings:
            print(f"kickoff: warning: {warning}", file=sys.stderr)
        session = app.last_session
        if session is not None:
            print(f"Session “{session.title}” saved (id {session.id}) in {store.path}.")
            if session.status != "ended":
                print(f"Resume it with: kickoff resume {session.id}")
    return app.return_code or 0


def main(argv: list[str] | None = None) -> None:
    """Run ``kickoff``: the home screen directly, or the CLI for any arguments."""
    args = sys.argv[1:] if argv is None else argv
    if args:
        from kickoff_tui.cli import main as cli_main

        cli_main(args)
        return
    from kickoff_tui.tui.app import Launch

    try:
        code = run_ui(None, Launch(out_dir=Path.cwd()))
    except KeyboardInterrupt:
        code = 130
    except Exception as error:  # noqa: BLE001 - one line, as the CLI does
        if os.environ.get("KICKOFF_DEBUG"):
            raise
        print(f"kickoff: internal error: {type(error).__name__}: {error} "
              "(set KICKOFF_DEBUG=1 for details)", file=sys.stderr)
        code = 70
    sys.exit(code)
