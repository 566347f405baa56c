"""The edit dialog opened from a list, driven through a real terminal: the keys typed after
the Enter that opens it land in it, after the words already there."""

from __future__ import annotations

from pathlib import Path

import pytest

from .ptyhelpers import CTRL_Q, PtyApp, kickoff_command, quit_and_read, store_env

#: Tier: every test drives the app in a real pty (`pytest -m terminal`).
pytestmark = pytest.mark.terminal

READY = "Type a note"
ENTER, TAB, CTRL_S = "\r", "\t", "\x13"


def _meeting(db: Path, tmp_path: Path) -> PtyApp:
    app = PtyApp(kickoff_command("new", "Edit bursts", "--attendee", "Sam Lee, Tech lead"),
                 env=store_env(db), cwd=tmp_path, size=(120, 36))
    app.wait_for(READY, timeout=60)
    return app


def _note_in_the_list(app: PtyApp) -> None:
    """Capture the note "old text" and move the focus to the list (its row highlighted)."""
    mark = app.offset
    app.send("old text\r")
    app.wait_for("✓ Note", since=mark)
    mark = app.offset
    app.send(TAB)
    app.wait_for("typing goes to the capture line", since=mark)


def test_edit_open_type_save_in_one_burst_adds_after_the_old_text(db: Path,
                                                                  tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        _note_in_the_list(app)
        mark = app.offset
        app.send(f"{ENTER} more{CTRL_S}")
        app.wait_for("updated", since=mark)
        session = quit_and_read(app, db)
    assert [n.text for n in session.live("note")] == ["old text more"]


def test_text_typed_with_the_enter_that_opens_a_row_goes_to_its_dialog(db: Path,
                                                                       tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        _note_in_the_list(app)
        mark = app.offset
        app.send(f"{ENTER} fix typo")
        app.wait_for("Edit note", since=mark)
        app.wait_for("old text fix typo", since=mark)
        mark = app.offset
        app.send(CTRL_S)
        app.wait_for("updated", since=mark)
        session = quit_and_read(app, db)
    # In the dialog once: not in the capture line, not a second note.
    assert [n.text for n in session.live("note")] == ["old text fix typo"]


def test_home_at_80x24_shows_the_sessions_status_and_title(
        db: Path, tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:  # one session in the store, to list
        quit_and_read(app, db)
    with PtyApp(kickoff_command(), env=store_env(db), cwd=tmp_path, size=(80, 24)) as home:
        home.wait_for("Date        Status   Title", timeout=60)
        home.wait_for("Edit bursts")
        home.send(CTRL_Q)
        assert home.wait_exit(timeout=30) == 0
