"""A child process for the store's crash and two-seat tests.

``python store_child.py DB SESSION_ID [COUNT] [SEAT]`` saves one session in a loop: each
round adds one note and saves; only after ``save()`` has returned does it print the note's
id on its own line (an *ack*) and flush, so the parent knows that this item was on disk
when it sends SIGKILL. ``COUNT`` 0 (the default) means "until killed".

``python store_child.py DB SESSION_ID seat SEAT`` is a seat running the meeting the way the
app does (a :class:`Meeting` and its :class:`AutoSaver`), driven by commands on stdin, one
per line, each answered by one line on stdout:

    capture TEXT   capture a line and save          -> ok ITEM_ID
    next TEXT      set the next step and save       -> ok
    end            wrap up and save (explicitly)    -> ok
    save           save                             -> ok
    sync           take in other seats' changes     -> ok N
    show           the session fields               -> {"next_step": ..., "status": ...}
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kickoff_tui.core.autosave import AutoSaver
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import AgendaSection, Note, Session
from kickoff_tui.core.store import SessionNotFound, Store


def save_loop(store: Store, session: Session, count: int, seat: str) -> int:
    """Add a note and save, ``count`` times (0: until killed)."""
    done = 0
    while not count or done < count:
        note = Note(text=f"{seat} note {done}", seat=seat, section="objectives")
        session.items.append(note)
        session = store.save(session)
        sys.stdout.write(note.id + "\n")
        sys.stdout.flush()
        done += 1
    return 0


def run_seat(store: Store, session_id: str, seat: str) -> int:
    """Answer commands on stdin as a seat of the meeting."""
    meeting = Meeting(store.load(session_id), seat=seat)
    saver = AutoSaver(meeting, store)
    for line in sys.stdin:
        command, _, arg = line.rstrip("\n").partition(" ")
        reply = "ok"
        if command == "capture":
            captured = meeting.capture(arg)
            reply = f"ok {captured.item.id if captured else ''}"
        elif command == "next":
            meeting.set_next_step(arg)
        elif command == "end":
            meeting.end()
        elif command == "sync":
            reply = f"ok {saver.sync()}"
        elif command == "show":
            reply = json.dumps({"next_step": meeting.session.next_step,
                                "status": str(meeting.session.status)})
        outcome = saver.save(force=command == "end")
        if outcome.error:
            reply = f"error {outcome.error}"
        sys.stdout.write(reply + "\n")
        sys.stdout.flush()
    saver.compact()
    return 0


def main(argv: list[str]) -> int:
    """Run the save loop or the seat; returns the exit status."""
    db, session_id = Path(argv[1]), argv[2]
    store = Store(db)
    if len(argv) > 3 and argv[3] == "seat":
        status = run_seat(store, session_id, argv[4])
    else:
        count = int(argv[3]) if len(argv) > 3 else 0
        seat = argv[4] if len(argv) > 4 else "child"
        try:
            session = store.load(session_id)
        except SessionNotFound:
            session = Session(
                id=session_id,
                title="Crash test",
                sections=[AgendaSection(id="objectives", title="Objectives", box_minutes=10)],
            )
        status = save_loop(store, session, count, seat)
    for warning in store.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
