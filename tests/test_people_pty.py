"""People and inline fields through a real terminal: a burst of typing, the echo, the wrap-up.

One ``kickoff new`` in a pty at 80x24, attendees with an address on the command line, lines
typed in one write each (as a text expander sends them), then ctrl+r and ctrl+t on the
wrap-up; the store is read back afterwards.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from kickoff_tui.core.models import Level, RaidEntry
from kickoff_tui.core.store import Store

from .ptyhelpers import PtyApp, kickoff_command

#: Tier: the test drives the app in a real pty (`pytest -m terminal`).
pytestmark = pytest.mark.terminal

READY = "Type a note"
ENTER = "\r"
CTRL_R, CTRL_T, CTRL_Q = "\x12", "\x14", "\x11"


def test_names_fields_and_the_rendered_wrapup_in_a_real_terminal(tmp_path: Path) -> None:
    db = tmp_path / "store" / "kickoff.json"
    env = {"KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(tmp_path / "config")}
    argv = kickoff_command(
        "new", "Apollo kick-off",
        "--attendee", "Dana Scully <dana@acme.example>, PM, Acme",
        "--attendee", "Sam Lee, Account lead, Vendor",
        "--attendee", "Lee Park, Data architect, Vendor",
    )
    with PtyApp(argv, env=env, cwd=tmp_path, size=(80, 24)) as app:
        app.wait_for(READY, timeout=60)
        mark = app.offset
        app.send("r: Vendor API may slip @sam L:high I:med mit: weekly check-in" + ENTER)
        app.wait_for("Risk · Sam Lee", since=mark)
        mark = app.offset
        app.send("q: Who migrates the data? @lee")
        app.wait_for("ambiguous", since=mark)
        mark = app.offset
        app.send(ENTER + "next: follow-up 2026-12-08 10:00" + ENTER)
        app.wait_for("Next step", since=mark)
        mark = app.offset
        app.send(CTRL_R)
        app.wait_for("Summary", since=mark, timeout=30)
        assert "## Summary" not in app.text(mark)  # rendered, not source
        mark = app.offset
        app.send(CTRL_T)
        app.wait_for("## Summary", since=mark)
        app.send(CTRL_Q)
        assert app.wait_exit(timeout=30) == 0
    (session,) = [Store(db).load(row.id) for row in Store(db).list_sessions()]
    (risk,) = session.live("raid")
    assert isinstance(risk, RaidEntry)
    assert (risk.text, risk.owner, risk.likelihood, risk.impact, risk.mitigation) == (
        "Vendor API may slip", "Sam Lee", Level.HIGH, Level.MEDIUM, "weekly check-in")
    (question,) = session.live("question")
    assert (question.text, question.owner) == ("Who migrates the data?", "Lee")
    assert (session.next_step, session.next_meeting, session.next_meeting_time) == (
        "follow-up", date(2026, 12, 8), time(10, 0))
    assert session.attendees[0].email == "dana@acme.example"
