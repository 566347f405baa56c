"""A child process for the store's crash tests: saves one session in a loop.

Usage: ``python store_child.py DB SESSION_ID [COUNT] [SEAT]``

Each round adds one note and saves; only after ``save()`` has returned does it print the
note's id on its own line (an *ack*) and flush, so the parent knows that this item was on
disk when it sends SIGKILL. ``COUNT`` 0 (the default) means "until killed".
"""

from __future__ import annotations

import sys
from pathlib import Path

from kickoff_tui.core.models import AgendaSection, Note, Session
from kickoff_tui.core.store import SessionNotFound, Store


def main(argv: list[str]) -> int:
    """Run the save loop; returns the exit status."""
    db, session_id = Path(argv[1]), argv[2]
    count = int(argv[3]) if len(argv) > 3 else 0
    seat = argv[4] if len(argv) > 4 else "child"
    store = Store(db)
    try:
        session = store.load(session_id)
    except SessionNotFound:
        session = Session(
            id=session_id,
            title="Crash test",
            sections=[AgendaSection(id="objectives", title="Objectives", box_minutes=10)],
        )
    done = 0
    while not count or done < count:
        note = Note(text=f"{seat} note {done}", seat=seat, section="objectives")
        session.items.append(note)
        session = store.save(session)
        sys.stdout.write(note.id + "\n")
        sys.stdout.flush()
        done += 1
    for warning in store.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
