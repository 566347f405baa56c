"""Follow-ups and open items from the command line, run as a user runs them: real processes
(a pty for the UI), their output, their exit code and what the store holds afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.followup import REVIEW_SECTION_ID, new_followup
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import ActionItem, ActionStatus, Session
from kickoff_tui.core.store import Store

from .ptyhelpers import CTRL_Q, PtyApp, kickoff_command
from .test_cli import run

READY = "Type a note"
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def kickoff(db: Path) -> Session:
    """An ended kick-off: two open actions (one overdue), a done one, a risk, a question."""
    meeting = Meeting(new_session("Apollo kick-off", project="Apollo",
                                  attendees=["Dana Scully, PM", "Sam Lee, Dev"]),
                      seat="dana@laptop")
    meeting.start()
    meeting.capture("a: Send SOW draft @dana due:2099-12-04")
    meeting.capture(f"a: Book the design workshop @sam due:{YESTERDAY}")
    finished = meeting.capture("a: Agree the agenda @dana")
    assert finished is not None
    meeting.update(finished.item.id, status=ActionStatus.DONE)
    meeting.capture("r: Vendor API may slip @sam !high")
    meeting.capture("q: Who owns data migration? @dana")
    meeting.end()
    return Store(db).save(meeting.snapshot())


def item(session: Session, text: str):
    return next(i for i in session.live() if getattr(i, "text", None) == text)


@pytest.mark.cli
def test_actions_lists_open_items_overdue_first(db: Path) -> None:
    session = kickoff(db)
    result = run("actions", db=db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "OWNER", "DUE", "STATUS", "SESSION", "ACTION"]
    assert "Book the design workshop" in lines[1] and "overdue" in lines[1]
    assert "Send SOW draft" in lines[2] and "2099-12-04" in lines[2]
    assert len(lines) == 3 and "Agree the agenda" not in result.stdout
    assert "Apollo kick-off" in lines[1]
    short = lines[1].split()[0]
    assert item(session, "Book the design workshop").id.startswith(short) and len(short) >= 6


@pytest.mark.cli
def test_actions_json_owner_and_all(db: Path) -> None:
    session = kickoff(db)
    data = json.loads(run("actions", "--json", db=db).stdout)
    assert [d["text"] for d in data] == ["Book the design workshop", "Send SOW draft"]
    for key in ("id", "text", "owner", "due", "status", "session_id", "session_title"):
        assert key in data[0]
    assert data[1]["session_id"] == session.id and data[1]["session_title"] == "Apollo kick-off"
    assert data[1]["due"] == "2099-12-04" and data[1]["status"] == "open"
    mine = json.loads(run("actions", "--owner", "DANA", "--json", db=db).stdout)
    assert [d["text"] for d in mine] == ["Send SOW draft"]
    everything = json.loads(run("actions", "--all", "--owner", "dan", "--json", db=db).stdout)
    assert sorted(d["text"] for d in everything) == ["Agree the agenda", "Send SOW draft"]
    none = run("actions", "--owner", "nobody", db=db)
    assert none.returncode == 0 and "No open action items for nobody" in none.stdout


@pytest.mark.cli
def test_done_by_prefix_is_dated_and_errors_change_nothing(db: Path) -> None:
    session = kickoff(db)
    sow = item(session, "Send SOW draft")
    file = db.with_name("kickoff.sessions") / f"{session.id}.json"
    before = file.read_bytes()
    for bad, says in (("zzzz", "No action item matches 'zzzz'"), ("", "empty")):
        result = run("done", sow.id[:6], bad, db=db)
        assert result.returncode != 0
        assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr
        assert "Traceback" not in result.stderr
    assert file.read_bytes() == before
    result = run("done", sow.id[:6], db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Done: {sow.id[:8]}") and "Send SOW draft" in result.stdout
    stored = Store(db).load(session.id).find(sow.id)
    assert stored.status is ActionStatus.DONE and stored.history[-1].after == {"status": "done"}
    assert "Send SOW draft" not in run("actions", db=db).stdout
    again = run("done", sow.id, db=db)
    assert again.returncode == 0 and again.stdout.startswith("Already done")


@pytest.mark.cli
def test_an_ambiguous_prefix_names_the_candidates(db: Path) -> None:
    meeting = Meeting(new_session("Many"), seat="x@y")
    for k in range(40):
        meeting.capture(f"a: Action {k}")
    Store(db).save(meeting.snapshot())
    ids = [i.id for i in meeting.session.live("action")]
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) > 1)
    result = run("done", shared, db=db)
    assert result.returncode != 0 and "type more of the id" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.cli
@pytest.mark.parametrize("args", [("actions",), ("done", "nothing")])
def test_actions_and_done_never_import_textual(db: Path, args: tuple[str, ...]) -> None:
    kickoff(db)
    code = (
        "import sys\n"
        "from kickoff_tui.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') "
        "for m in sys.modules) else 'CLEAN', file=sys.stderr)\n"
    )
    env = {**os.environ, "KICKOFF_DB": str(db)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "CLEAN"


@pytest.mark.cli
def test_new_from_an_unknown_session_is_one_line(db: Path) -> None:
    kickoff(db)
    result = run("new", "Follow-up", "--from", "nope", db=db)
    assert result.returncode != 0 and "No session matches 'nope'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _followup_in_a_terminal(db: Path, tmp_path: Path, title: str) -> Session:
    """``kickoff new TITLE --from latest`` in a real terminal; quit; the stored follow-up."""
    env = {"KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg")}
    known = {s.id for s in Store(db).list_sessions()}
    with PtyApp(kickoff_command("new", title, "--from", "latest"), env=env,
                cwd=tmp_path) as app:
        app.wait_for(READY, timeout=60)
        app.wait_for("Review of open items", timeout=20)
        app.send(CTRL_Q)
        assert app.wait_exit(timeout=20) == 0
    new = [s for s in Store(db).list_sessions() if s.id not in known]
    assert len(new) == 1
    return Store(db).load(new[0].id)


@pytest.mark.terminal
def test_the_chain_kickoff_followup_done_second_followup(db: Path, tmp_path: Path) -> None:
    first = kickoff(db)
    follow1 = _followup_in_a_terminal(db, tmp_path, "Sprint 0 planning")
    assert follow1.follows == first.id and follow1.sections[0].id == REVIEW_SECTION_ID
    carried = follow1.in_section(REVIEW_SECTION_ID)
    assert sorted(i.text for i in carried) == sorted([
        "Send SOW draft", "Book the design workshop", "Vendor API may slip",
        "Who owns data migration?"])
    assert all(i.origin == first.id for i in carried)
    assert [a.name for a in follow1.attendees] == [a.name for a in first.attendees]
    assert sum(s.box_minutes for s in follow1.sections) == first.planned_minutes

    # Between the meetings, from the command line: the workshop is booked.
    workshop = item(first, "Book the design workshop")
    assert run("done", workshop.id[:7], db=db).returncode == 0
    follow1 = Store(db).load(follow1.id)
    assert follow1.find(workshop.id).status is ActionStatus.DONE  # the replica too

    # `latest` is the last meeting held, even when the done touched the kick-off last.
    follow2 = _followup_in_a_terminal(db, tmp_path, "Sprint 1 review")
    assert follow2.follows == follow1.id
    texts = sorted(i.text for i in follow2.in_section(REVIEW_SECTION_ID))
    assert texts == sorted(["Send SOW draft", "Vendor API may slip",
                            "Who owns data migration?"])
    assert {i.origin for i in follow2.in_section(REVIEW_SECTION_ID)} == {first.id}
    # Still one item per identity in the listing, named after its home.
    data = json.loads(run("actions", "--json", db=db).stdout)
    assert [(d["text"], d["session_title"]) for d in data] == [
        ("Send SOW draft", "Apollo kick-off")]
    # The kick-off's minutes: the workshop as it stood at its end, and what became of it.
    minutes = run("export", first.id, "--format", "md", db=db).stdout
    day = datetime.now(UTC).date().isoformat()
    assert f"- [ ] Book the design workshop (done {day} from the command line)" in minutes


@pytest.mark.terminal
def test_concurrent_done_from_the_cli_while_a_seat_has_the_meeting_open(
        db: Path, tmp_path: Path) -> None:
    """A real seat (``kickoff resume`` in a pty) keeps typing; ``kickoff done`` runs as a
    real process meanwhile. Nothing either wrote is lost, and the seat shows the done."""
    first = kickoff(db)
    follow = Store(db).save(new_followup(first, "Sprint 0 planning"))
    sow = item(first, "Book the design workshop")  # its row shows the status in full
    env = {"KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg")}
    with PtyApp(kickoff_command("resume", follow.id), env=env, cwd=tmp_path) as seat:
        seat.wait_for(READY, timeout=60)
        seat.send("n: typed on the seat before the done\r")
        seat.wait_for("typed on the seat before", timeout=20)
        done = subprocess.Popen(
            [sys.executable, "-m", "kickoff_tui", "done", sow.id[:6]],
            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        seat.send("n: typed on the seat during the done\r")
        mark = seat.offset
        out, err = done.communicate(timeout=60)
        assert done.returncode == 0, err
        # The seat shows it: its clock runs, so it saves each second and takes the merge in.
        seat.wait_for("[x] done", since=mark, timeout=5)
        seat.send("n: typed on the seat after the done\r")
        seat.wait_for("typed on the seat after", timeout=20)
        seat.send(CTRL_Q)
        assert seat.wait_exit(timeout=20) == 0
    for session_id in (first.id, follow.id):
        assert Store(db).load(session_id).find(sow.id).status is ActionStatus.DONE
    notes = [n.text for n in Store(db).load(follow.id).live("note")]
    for when in ("before", "during", "after"):
        assert notes.count(f"typed on the seat {when} the done") == 1


@pytest.mark.cli
def test_an_ambiguous_owner_lists_every_candidate_and_says_so(db: Path) -> None:
    meeting = Meeting(new_session("People"), seat="x@y")
    meeting.add(ActionItem(text="Ask the vendor", owner="Sam Lee"))
    meeting.add(ActionItem(text="Write the test plan", owner="Lee Park"))
    meeting.add(ActionItem(text="Book the room", owner="Dana Scully"))
    Store(db).save(meeting.snapshot())
    result = run("actions", "--owner", "lee", db=db)
    assert result.returncode == 0
    assert "Ask the vendor" in result.stdout and "Write the test plan" in result.stdout
    assert "Book the room" not in result.stdout
    assert result.stderr.strip() == "kickoff: note: 'lee' matches Lee Park, Sam Lee"
    only = run("actions", "--owner", "park", "--json", db=db)
    assert [d["text"] for d in json.loads(only.stdout)] == ["Write the test plan"]


@pytest.mark.cli
def test_actions_and_done_show_stored_text_with_escapes_made_visible(db: Path) -> None:
    meeting = Meeting(new_session("Hostile \x1b[2J title"), seat="x@y")
    meeting.add(ActionItem(text="Rename \x1b]0;pwned\x07 the window", owner="Eve \x1b[31m"))
    Store(db).save(meeting.snapshot())
    listing = run("actions", db=db)
    assert listing.returncode == 0 and "\x1b" not in listing.stdout
    assert "␛]0;pwned␇" in listing.stdout and "Hostile ␛[2J title" in listing.stdout
    result = run("done", meeting.session.live("action")[0].id[:6], db=db)
    assert result.returncode == 0 and "\x1b" not in result.stdout and "␛" in result.stdout


@pytest.mark.terminal
def test_a_paused_seat_shows_a_done_from_the_command_line_within_a_second(
        db: Path, tmp_path: Path) -> None:
    """The seat saves nothing while paused and idle: it is the store's live poll that
    brings the change in."""
    first = kickoff(db)
    follow = Store(db).save(new_followup(first, "Sprint 0 planning"))
    workshop = item(first, "Book the design workshop")
    env = {"KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg")}
    with PtyApp(kickoff_command("resume", follow.id), env=env, cwd=tmp_path) as seat:
        seat.wait_for(READY, timeout=60)
        seat.send(b"\x14")  # ctrl+t: pause the clock
        seat.wait_for("paused", timeout=20)
        mark = seat.offset
        done = run("done", workshop.id[:6], db=db)
        assert done.returncode == 0, done.stderr
        finished = time.monotonic()
        seat.wait_for("[x] done", since=mark, timeout=5)
        assert time.monotonic() - finished < 1.5
        seat.send(CTRL_Q)
        assert seat.wait_exit(timeout=20) == 0
    assert Store(db).load(follow.id).find(workshop.id).status is ActionStatus.DONE
