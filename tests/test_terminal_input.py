"""What is typed lands once, in the right place and in view: driven through a real terminal.

Pilot hands the app one key at a time, each after the last was handled; a terminal sends a
burst in one write (a fast typist, a text expander, tmux send-keys) and a paste as one
bracketed block. These tests type the way terminals do (``tests/ptyhelpers.py``) and check what
was stored and what was drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .ptyhelpers import CTRL_N, ENTER, PtyApp, kickoff_command, quit_and_read, store_env

#: Tier: every test drives the app in a real pty (`pytest -m terminal`).
pytestmark = pytest.mark.terminal

#: Drawn by the capture line once the meeting is open and typing works.
READY = "Type a note"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
TAB, PAGE_DOWN, CTRL_S = "\t", "\x1b[6~", "\x13"



def _meeting(db: Path, tmp_path: Path, size: tuple[int, int] = (120, 36)) -> PtyApp:
    app = PtyApp(kickoff_command("new", "Terminal input", "--attendee", "Sam Lee, Tech lead",
                                 "--attendee", "Dana Scully, PM"),
                 env=store_env(db), cwd=tmp_path, size=size)
    app.wait_for(READY, timeout=60)
    return app


def _paste(text: str) -> str:
    return f"{PASTE_START}{text}{PASTE_END}"


def test_one_line_paste_is_inserted_once(db: Path, tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send(_paste("q: who signs the SOW? @lee"))
        app.wait_for("Enter adds: Question", since=mark)
        app.send(ENTER)
        app.wait_for("✓ Question", since=mark)
        session = quit_and_read(app, db)
    [question] = session.live("question")
    assert question.text == "who signs the SOW?"
    # "Lee" until people-aware capture names the attendee ("Sam Lee"); never "Leeq".
    assert question.owner in ("Lee", "Sam Lee")


def test_multi_line_paste_of_prefixed_lines_makes_one_item_each(db: Path,
                                                                tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send(_paste("a: Send SOW @dana\r\na: Book the room\r\nr: Vendor may slip\r\n"))
        app.wait_for("3 items from the paste", since=mark)
        session = quit_and_read(app, db)
    assert [a.text for a in session.live("action")] == ["Send SOW", "Book the room"]
    assert [r.text for r in session.live("raid")] == ["Vendor may slip"]


def test_multi_line_paste_of_prose_is_one_note_with_its_lines(db: Path, tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send(_paste("Client wants:\nfast rollout\nno downtime"))
        app.wait_for("one note", since=mark)
        session = quit_and_read(app, db)
    [note] = session.live("note")
    assert note.text == "Client wants:\nfast rollout\nno downtime"


def test_burst_with_enter_and_pagedown_files_each_line_in_its_section(db: Path,
                                                                      tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send(f"a: one\ra: two\r{PAGE_DOWN}n: three\r")
        app.wait_for("✓ Note", since=mark)
        session = quit_and_read(app, db)
    first, second = session.sections[0].id, session.sections[1].id
    assert [(a.text, a.section) for a in session.live("action")] == [
        ("one", first), ("two", first)]
    assert [(n.text, n.section) for n in session.live("note")] == [("three", second)]


def test_lines_typed_after_an_edit_go_to_the_capture_line(db: Path, tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send("r: Vendor may slip\r")
        app.wait_for("✓ Risk", since=mark)
        mark = app.offset
        app.send(TAB)
        app.wait_for("Enter edit", since=mark)
        mark = app.offset
        app.send(ENTER)
        app.wait_for("Edit risk", since=mark)
        # Save, then keep typing at once: one write.
        mark = app.offset
        app.send(f"{CTRL_S}dep: SSO team\rc: On-prem only\r")
        app.wait_for("✓ Constraint", since=mark)
        session = quit_and_read(app, db)
    kinds = sorted((r.kind.value, r.text) for r in session.live("raid"))
    assert kinds == [("constraint", "On-prem only"), ("dependency", "SSO team"),
                     ("risk", "Vendor may slip")]
    assert not session.live("note")


def test_capture_after_the_people_view_is_in_view(db: Path, tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send(CTRL_N)  # section 2: stakeholders, the People view comes up
        app.wait_for("Attendees", since=mark)
        mark = app.offset
        app.send(CTRL_N * 3)  # section 5: risks
        app.wait_for("5/8", since=mark)
        app.send("r: Something risky")
        app.wait_for("Enter adds: Risk", since=mark)
        mark = app.offset
        app.send(ENTER)
        # The capture line is cleared and the echo does not repeat the text: drawn after
        # Enter, the words can only be the new row of the list.
        app.wait_for("Something risky", since=mark)
        quit_and_read(app, db)


def test_burst_on_the_home_form_lands_in_the_fields_typed_into(db: Path,
                                                               tmp_path: Path) -> None:
    app = PtyApp(kickoff_command(), env=store_env(db), cwd=tmp_path)
    with app:
        app.wait_for("Start meeting", timeout=60)
        app.wait_quiet()
        mark = app.offset
        app.send(f"Apollo kick-off{TAB}Apollo{TAB}{TAB}{TAB}Dana Scully, PM{CTRL_S}")
        app.wait_for(READY, since=mark, timeout=60)
        session = quit_and_read(app, db)
    assert session.title == "Apollo kick-off"
    assert session.project == "Apollo"
    assert [a.name for a in session.attendees] == ["Dana Scully"]


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_a_long_action_keeps_owner_and_due_in_view(db: Path, tmp_path: Path,
                                                   size: tuple[int, int]) -> None:
    long_text = ("Send the statement of work draft to the client legal team for review before "
                 "the steering committee meets on Tuesday")
    with _meeting(db, tmp_path, size=size) as app:
        mark = app.offset
        app.send(f"a: {long_text} @dana due:2026-12-04\r")
        app.wait_for("✓ Action", since=mark)
        mark = app.offset
        app.send("\x1bOS")  # F4: the Actions view (the echo line is not drawn again)
        app.wait_for("Scully", since=mark)  # "Dana Scully", or "D. Scully" at 80 columns
        app.wait_for("4 Dec", since=mark)
        app.wait_for("[ ] open", since=mark)
        app.wait_for("…", since=mark)  # the text gives way, with an ellipsis
        quit_and_read(app, db)


def test_a_dialog_at_80x24_shows_save_and_takes_a_burst(db: Path, tmp_path: Path) -> None:
    with _meeting(db, tmp_path, size=(80, 24)) as app:
        mark = app.offset
        app.send("\x10")  # ctrl+p: the command palette
        app.wait_for("Search", since=mark)
        app.send("communication-plan")
        app.wait_for("Add communication-plan row", since=mark)
        mark = app.offset
        app.send(ENTER)
        app.wait_for("New communication-plan row", since=mark)
        app.wait_for("Save (ctrl+s)", since=mark)
        mark = app.offset
        # Every field in one write, then Enter saves; then straight on with the capture line.
        app.send(f"Status report{TAB}Sponsors{TAB}Teams{TAB}Weekly{TAB}Dana Scully\r"
                 "n: after the dialog\r")
        app.wait_for("✓ Note", since=mark)
        session = quit_and_read(app, db)
    [row] = session.live("comm")
    assert (row.what, row.audience, row.channel, row.frequency, row.owner) == (
        "Status report", "Sponsors", "Teams", "Weekly", "Dana Scully")
    assert [n.text for n in session.live("note")] == ["after the dialog"]


@pytest.mark.parametrize(("letters", "assignments"), [
    # Sam Lee, then Dana Scully: "A/R" for Sam (/), "C" for Dana.
    ("/c", {"Sam Lee": "A/R", "Dana Scully": "C"}),
    # The dialog says "Type R, A, C or I": capitals (shift held) count as lower case does.
    ("AR", {"Sam Lee": "A", "Dana Scully": "R"}),
])
def test_raci_row_typed_in_one_burst_one_letter_per_person(
        db: Path, tmp_path: Path, letters: str, assignments: dict[str, str]) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send("\x10")  # ctrl+p
        app.wait_for("Search", since=mark)
        app.send("Add RACI")
        app.wait_for("Add RACI row", since=mark)
        mark = app.offset
        app.send(ENTER)
        app.wait_for("New RACI row", since=mark)
        app.wait_for("No A", since=mark)  # flagged before anything is saved
        mark = app.offset
        app.send(f"SOW signed{TAB}{letters}")
        app.wait_for("Accountable: Sam Lee", since=mark)
        mark = app.offset
        app.send(f"{CTRL_S}n: next\r")
        app.wait_for("✓ Note", since=mark)
        session = quit_and_read(app, db)
    [row] = session.live("raci")
    assert row.activity == "SOW signed"
    assert row.assignments == assignments
    assert [n.text for n in session.live("note")] == ["next"]


def test_typing_while_a_list_has_the_focus_goes_to_the_capture_line(db: Path,
                                                                    tmp_path: Path) -> None:
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send("n: first\r")
        app.wait_for("✓ Note", since=mark)
        mark = app.offset
        app.send(TAB)
        app.wait_for("typing goes to the capture line", since=mark)
        mark = app.offset
        app.send("d: typed while the list had the focus\r")
        app.wait_for("✓ Decision", since=mark)
        session = quit_and_read(app, db)
    assert [d.text for d in session.live("decision")] == ["typed while the list had the focus"]
    assert [n.text for n in session.live("note")] == ["first"]


LEFT, HOME, END, BACKSPACE = "\x1b[D", "\x1b[H", "\x1b[F", "\x7f"


def test_editing_keys_in_a_burst_act_where_they_were_typed(db: Path, tmp_path: Path) -> None:
    """Arrows, Home/End and Backspace typed in one write with letters act in typing order, on
    the capture line and in an edit dialog (they used to run after the letters behind them)."""
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send(f"n: arrows abc{LEFT}{LEFT}X\r"
                 f"burst abc{HOME}>> {END} tail\r"
                 f"n: typo abd{BACKSPACE}c\r")
        app.wait_for("typo abc", since=mark)
        mark = app.offset
        app.send("d: Ship on the platform\r")
        app.wait_for("✓ Decision", since=mark)
        mark = app.offset
        app.send(TAB)
        app.wait_for("Enter edit", since=mark)
        mark = app.offset
        app.send(ENTER)
        app.wait_for("Edit decision", since=mark)
        mark = app.offset
        app.send(f"{END} (v2){HOME}Now: {CTRL_S}")
        app.wait_for("✓ Decision updated", since=mark)
        session = quit_and_read(app, db)
    assert [n.text for n in session.live("note")] == [
        "arrows aXbc", ">> burst abc tail", "typo abc"]
    [decision] = session.live("decision")
    assert decision.text == "Now: Ship on the platform (v2)"


def test_typing_while_the_terminal_is_too_small_is_kept(db: Path, tmp_path: Path) -> None:
    """The notice says nothing is lost: a line typed while it shows is captured (Enter), and
    what is typed after it waits in the capture line for the terminal to grow."""
    # No COLUMNS/LINES in the environment: the size then comes from the terminal itself, as
    # in a shell, and follows the window.
    app = PtyApp(kickoff_command("new", "Too small"),
                 env={**store_env(db), "COLUMNS": "", "LINES": ""}, cwd=tmp_path)
    app.wait_for(READY, timeout=60)
    with app:
        mark = app.offset
        app.resize(60, 20)
        app.wait_for("too small", since=mark)
        app.send("n: typed while small\rhalf a line")
        app.wait_quiet()
        mark = app.offset
        app.resize(120, 36)
        app.wait_for("half a line", since=mark)
        app.send(" finished\r")
        app.wait_for("✓ Note", since=mark)
        session = quit_and_read(app, db)
    assert [n.text for n in session.live("note")] == [
        "typed while small", "half a line finished"]


def test_a_half_typed_line_survives_a_visit_to_the_list(db: Path, tmp_path: Path) -> None:
    """Back from the list, the capture line keeps its draft and the next key adds to it (it
    used to be selected whole on focus, and the next key replaced it)."""
    with _meeting(db, tmp_path) as app:
        mark = app.offset
        app.send("n: first\r")
        app.wait_for("✓ Note", since=mark)
        mark = app.offset
        app.send("a: half typed")
        app.wait_for("Enter adds: Action", since=mark)
        mark = app.offset
        app.send(TAB)
        app.wait_for("Enter edit", since=mark)
        mark = app.offset
        app.send("\x1b")  # Esc: back to the capture line
        app.wait_quiet()
        app.send(" and finished\r")
        app.wait_for("✓ Action", since=mark)
        session = quit_and_read(app, db)
    assert [a.text for a in session.live("action")] == ["half typed and finished"]
