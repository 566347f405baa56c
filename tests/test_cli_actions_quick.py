"""``kickoff actions`` from an up-to-date index without pydantic, and the same bytes as the
store's path (which re-reads, repairs and warns) in every form of the command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.followup import new_followup
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import ActionStatus, Session, utcnow
from kickoff_tui.core.store import Store
from kickoff_tui.core.store.quick import quick_open_actions
from tests.test_cli_quick import _PROBE

#: Tier: every test runs the `kickoff` command in a child process (`pytest -m cli`).
pytestmark = pytest.mark.cli

#: An owner and a title that would drive the terminal if printed raw.
HOSTILE_OWNER = "Eve\x1b[2J\u202eX"
HOSTILE_TITLE = "Ti\x1b]0;PWNED\x07tle \u202e"

#: The forms of the command compared, quick against full.
FORMS = [(), ("--json",), ("--owner", "da"), ("--owner", "dana"), ("--owner", "da", "--json"),
         ("--owner", "dan"),
         ("--owner", "nobody"), ("--owner", "eve"), ("--owner", "@sam")]


def _run(db: Path, *args: str) -> tuple[str, str, str]:
    """``kickoff actions ARGS`` in a fresh process: stdout, stderr, and which heavy modules
    it imported (``LIGHT`` or ``HEAVY ...``)."""
    env = {**os.environ, "KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg")}
    result = subprocess.run([sys.executable, "-c", _PROBE, "actions", *args],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    *err, verdict = result.stderr.splitlines()
    return result.stdout, "\n".join(err), verdict


def _with(session: Session, text: str, **fields: object) -> Session:
    """``session`` with the action ``text`` changed (as another seat's edit would)."""
    items = [i.model_copy(update={**fields, "updated": utcnow()})
             if getattr(i, "text", None) == text else i for i in session.items]
    return session.model_copy(update={"items": items})


def _seed(db: Path) -> dict[str, str]:
    """Three meetings: an ended kick-off, its follow-up carrying its open items (one replica
    changed there), and a running meeting with a hostile title and owner."""
    today = date.today()
    store = Store(db)
    kickoff = Meeting(new_session("Kick-off", project="Apollo",
                                  attendees=["Dana Scully", "Dan Brown", "Sam Lee"]))
    kickoff.start()
    for line in (f"a: Send SOW @dana due:{today - timedelta(days=3)}",
                 f"a: Book workshop @sam due:{today + timedelta(days=10)}",
                 "a: Whenever", f"a: Call vendor @dan.brown due:{today + timedelta(days=2)}",
                 f"a: Closed one @dana due:{today - timedelta(days=9)}", "n: a note"):
        kickoff.capture(line)
    kickoff.end()
    home = _with(kickoff.snapshot(), "Closed one", status=ActionStatus.DONE)
    home = store.save(home)
    follow = new_followup(home, "Sprint 0")
    follow = store.save(_with(follow, "Whenever", owner="Sam Lee"))  # newer in the follow-up
    hostile = Meeting(new_session(HOSTILE_TITLE))
    hostile.start()
    hostile.capture(f"a: Review \u202erisks\x1b[31m due:{today - timedelta(days=1)}")
    hostile.capture("a: Undated and unowned")
    store.save(_with(hostile.snapshot(), "Undated and unowned", owner=HOSTILE_OWNER))
    return {"home": home.id, "follow": follow.id, "hostile": hostile.session.id}


def _index(db: Path) -> Path:
    return db.with_name("kickoff.sessions") / ".index"


def test_actions_of_an_up_to_date_store_import_no_pydantic(db: Path) -> None:
    _seed(db)
    _run(db)  # brings the index up to date, whatever the saves left
    for form in ((), ("--json",), ("--owner", "sam")):
        out, _, verdict = _run(db, *form)
        assert verdict == "LIGHT", form
        assert "Book workshop" in out


def test_quick_actions_are_byte_identical_to_the_full_path(db: Path) -> None:
    _seed(db)
    for form in FORMS:
        shutil.rmtree(_index(db), ignore_errors=True)
        full = _run(db, *form)  # no index: the store re-reads every session
        assert full[2].startswith("HEAVY"), form
        assert quick_open_actions(db) is not None
        quick = _run(db, *form)
        assert quick[2] == "LIGHT", form
        assert quick[:2] == full[:2], form
    text, _, _ = _run(db)
    lines = text.splitlines()
    assert lines[0].split() == ["ID", "OWNER", "DUE", "STATUS", "SESSION", "ACTION"]
    # Overdue first (the earliest first), then by due date, undated last; closed left out.
    assert [line.split("  ")[-1] for line in lines[1:]] == [
        "Send SOW", "Review ⟨U+202E⟩risks␛[31m", "Call vendor", "Book workshop",
        "Undated and unowned", "Whenever"]
    assert "\x1b" not in text and "\u202e" not in text and "Closed one" not in text
    assert "Sam Lee" in lines[-1] and "Kick-off" in lines[-1]  # the newest replica, its home
    _, note, _ = _run(db, "--owner", "da")
    assert note == "kickoff: note: 'da' matches Dan Brown, Dana Scully"
    out, _, _ = _run(db, "--owner", "eve")
    assert "Eve␛[2J⟨U+202E⟩X" in out and "Undated and unowned" in out


def test_all_takes_the_full_path_and_lists_closed_items(db: Path) -> None:
    _seed(db)
    _run(db)
    out, _, verdict = _run(db, "--all")
    assert verdict.startswith("HEAVY") and "Closed one" in out


def test_a_stale_or_damaged_index_takes_the_full_path(db: Path) -> None:
    ids = _seed(db)
    before, _, verdict = _run(db)
    _, _, verdict = _run(db)
    assert verdict == "LIGHT"
    # Another seat captured an action: the journal changed, the index entry did not.
    store = Store(db)
    meeting = Meeting(store.load(ids["hostile"]))
    meeting.capture("a: Added elsewhere")
    store.save(meeting.snapshot())
    assert quick_open_actions(db) is None
    out, err, verdict = _run(db)
    assert verdict.startswith("HEAVY") and "Added elsewhere" in out and err == ""
    assert quick_open_actions(db) is not None  # the full path brought the entry up to date
    assert _run(db) == (out, "", "LIGHT")
    # A damaged entry: the full path rebuilds it, same output.
    entry = _index(db) / f"{ids['follow']}.json"
    entry.write_text('{"id": 3', encoding="utf-8")
    assert quick_open_actions(db) is None
    assert _run(db)[:2] == (out, "")
    assert quick_open_actions(db) is not None
    # A damaged session file: the full path lists the rest and warns, as it always has.
    expected = _run(db, "--json")
    session_file = db.with_name("kickoff.sessions") / f"{ids['hostile']}.json"
    session_file.write_text("{not json", encoding="utf-8")
    assert quick_open_actions(db) is None
    out, err, verdict = _run(db)
    assert verdict.startswith("HEAVY") and "kickoff: warning:" in err
    assert "Added elsewhere" not in out and "Send SOW" in out
    assert expected[2] == "LIGHT" and before != out
