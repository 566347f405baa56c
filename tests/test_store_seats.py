"""The one merge rule, the journal and live seats: unit tests of the store's core.

Two :class:`Store` objects on one folder behave like two processes (each keeps its own
state and file offsets); the real two-process trials are in ``test_store_crash.py``.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kickoff_tui.core import autosave
from kickoff_tui.core.autosave import AutoSaver
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import (
    AgendaSection,
    Attendee,
    ClockState,
    Note,
    Session,
    SessionStatus,
)
from kickoff_tui.core.store import Store, StoreError, merge_sessions
from kickoff_tui.core.store import journal as journal_module
from kickoff_tui.core.store.merge import Changes, apply_changes

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def make_session(session_id: str = "seats001") -> Session:
    sections = [
        AgendaSection(id="objectives", title="Objectives & scope", box_minutes=10),
        AgendaSection(id="wrap", title="Wrap-up & next steps", box_minutes=5),
    ]
    return Session(id=session_id, title="Two seats", sections=sections)


def journal_of(db: Path, session_id: str = "seats001") -> Path:
    return db.with_name(db.stem + ".sessions") / f"{session_id}.journal"


def files_and_sizes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size
            for p in sorted(folder.rglob("*")) if p.is_file()}


def seat(db: Path, session_id: str = "seats001") -> tuple[Meeting, AutoSaver]:
    """A seat: its own store, meeting and saver on the stored session."""
    store = Store(db)
    meeting = Meeting(store.load(session_id), seat=f"seat{id(store)}")
    saver = AutoSaver(meeting, store)
    return meeting, saver


def saved(outcome: object) -> None:
    assert getattr(outcome, "error", "") == "", outcome


# -- the merge rule ------------------------------------------------------------------------------


def stamped(**fields: tuple[object, int]) -> Session:
    """A session with ``name=(value, minute)``: each field set and stamped at T0+minute."""
    session = make_session()
    for name, (value, minute) in fields.items():
        setattr(session, name, value)
        session.stamps[name] = T0 + timedelta(minutes=minute)
    return session


@pytest.mark.parametrize(
    ("ours_minute", "theirs_minute", "winner"),
    [(1, 2, "theirs"), (2, 1, "ours"), (1, 1, "ours")],
    ids=["theirs-newer", "ours-newer", "tie-keeps-ours"],
)
def test_session_fields_merge_by_their_own_stamp(
    ours_minute: int, theirs_minute: int, winner: str
) -> None:
    ours = stamped(next_step=("ours", ours_minute), title=("Our title", 5))
    theirs = stamped(next_step=("theirs", theirs_minute), title=("Their title", 0))
    merged = merge_sessions(ours, theirs)
    assert merged.next_step == winner
    assert merged.title == "Our title", "each field on its own: our title is newer"


def test_a_wrap_up_is_undone_only_by_an_explicit_reopen() -> None:
    ended = stamped(status=(SessionStatus.ENDED, 10), ended_at=(T0, 10))
    still_running = stamped(status=(SessionStatus.RUNNING, 1))
    assert merge_sessions(still_running, ended).status is SessionStatus.ENDED
    assert merge_sessions(ended, still_running).status is SessionStatus.ENDED
    reopened = stamped(status=(SessionStatus.RUNNING, 11), ended_at=(None, 11))
    merged = merge_sessions(ended, reopened)
    assert (merged.status, merged.ended_at) == (SessionStatus.RUNNING, None)


def test_naive_datetimes_are_merged_not_a_crash() -> None:
    """Issue 9 item 3: Meeting.adopt compared naive and aware times and crashed."""
    meeting = Meeting(make_session(), seat="a")
    mine = meeting.capture("n: mine")
    assert mine is not None
    naive = mine.item.model_copy(update={"text": "edited elsewhere",
                                         "updated": datetime(2099, 1, 1)})
    other = Note(text="theirs", updated=datetime(2000, 1, 1))
    assert meeting.adopt(Changes(items=[naive, other])) == 2
    assert meeting.session.find(mine.item.id).text == "edited elsewhere"
    assert merge_sessions(meeting.session, make_session()) is meeting.session


def test_apply_changes_reports_only_what_took_effect() -> None:
    session = make_session()
    newer = Note(id="x", text="new", updated=T0 + timedelta(minutes=2))
    older = Note(id="x", text="old", updated=T0)
    assert apply_changes(session, Changes(items=[newer])).items == [newer]
    assert not apply_changes(session, Changes(items=[older]))
    assert session.find("x").text == "new"


# -- two seats, field by field -------------------------------------------------------------------


def test_a_next_step_set_on_one_seat_survives_the_other_seats_saves(db: Path) -> None:
    Store(db).save(make_session())
    meeting_a, saver_a = seat(db)
    meeting_b, saver_b = seat(db)
    saved(saver_a.save())
    saved(saver_b.save())

    meeting_a.set_next_step("Design review with the sponsor")
    saved(saver_a.save())
    for k in range(3):  # B keeps saving its own captures, as it does every second
        meeting_b.capture(f"n: B note {k}")
        saved(saver_b.save())

    assert meeting_b.session.next_step == "Design review with the sponsor"
    assert Store(db).load("seats001").next_step == "Design review with the sponsor"


def test_a_wrap_up_stays_ended_while_another_seat_is_open(db: Path) -> None:
    Store(db).save(make_session())
    meeting_a, saver_a = seat(db)
    meeting_a.start()
    saved(saver_a.save())
    meeting_b, saver_b = seat(db)
    meeting_b.start()
    saved(saver_b.save())

    meeting_a.end()
    saved(saver_a.save(force=True))
    meeting_b.capture("n: said after the wrap-up, on B")
    saved(saver_b.save())
    saved(saver_b.save(force=True))

    stored = Store(db).load("seats001")
    assert stored.status is SessionStatus.ENDED and stored.ended_at is not None
    assert meeting_b.ended, "B adopted the wrap-up"
    assert any(n.text == "said after the wrap-up, on B" for n in stored.live("note"))

    meeting_b.reopen()  # an explicit reopen wins
    saved(saver_b.save())
    assert Store(db).load("seats001").status is SessionStatus.RUNNING


def test_an_explicit_save_does_not_undo_a_pause_made_a_moment_before_on_another_seat(
    db: Path,
) -> None:
    Store(db).save(make_session())
    meeting_a, saver_a = seat(db)
    meeting_a.start()
    saved(saver_a.save())
    meeting_b, saver_b = seat(db)
    saved(saver_b.save())
    meeting_b.toggle_pause()
    saved(saver_b.save())
    saved(saver_a.save(force=True))  # ctrl+s on A, before A has looked for changes
    assert meeting_a.clock.paused
    assert Store(db).load("seats001").clock.paused


def test_poll_is_cheap_when_idle_and_brings_the_other_seats_changes(db: Path) -> None:
    Store(db).save(make_session())
    meeting_a, saver_a = seat(db)
    meeting_b, saver_b = seat(db)
    saved(saver_a.save())
    saved(saver_b.save())
    assert saver_b.sync() == 0

    meeting_a.capture("a: Send the SOW @dana")
    meeting_a.toggle_pause()
    meeting_a.go(1)
    saved(saver_a.save())

    assert saver_b.sync() >= 3  # the item, the clock, the section
    assert [i.text for i in meeting_b.session.live("action")] == ["Send the SOW"]
    assert meeting_b.clock.current == 1
    assert saver_b.sync() == 0


def test_a_second_seat_adopts_a_compaction(db: Path) -> None:
    Store(db).save(make_session())
    meeting_a, saver_a = seat(db)
    meeting_b, saver_b = seat(db)
    saved(saver_a.save())
    saved(saver_b.save())
    meeting_a.capture("n: before the compaction")
    saved(saver_a.save())
    saver_a.compact()
    meeting_a.capture("n: after the compaction")
    saved(saver_a.save())
    assert saver_b.sync() == 2
    assert {n.text for n in meeting_b.session.live("note")} == {
        "before the compaction", "after the compaction"}


# -- the journal ---------------------------------------------------------------------------------


def test_a_torn_last_line_is_ignored_quietly_and_ended_by_the_next_writer(db: Path) -> None:
    store = Store(db)
    session = store.save(make_session())
    kept = Note(text="kept")
    session.items.append(kept)
    session = store.save(session)
    journal = journal_of(db)
    with open(journal, "ab") as handle:
        handle.write(b'{"i":{"id":"torn","type":"note","te')  # a writer killed mid-line

    fresh = Store(db)
    loaded = fresh.load("seats001")
    assert [i.id for i in loaded.items] == [kept.id]
    assert fresh.warnings == []

    after = Note(text="after the torn line")
    loaded.items.append(after)
    fresh.save(loaded)
    again = Store(db)
    assert [i.id for i in again.load("seats001").items] == [kept.id, after.id]
    assert again.warnings == []


def test_an_idle_meeting_writes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Heartbeats ten times as often as in use: the rule (a beat writes no byte) is the same,
    # and the test sees its beats in a third of a second instead of three.
    monkeypatch.setattr(autosave, "HEARTBEAT_S", autosave.HEARTBEAT_S / 10)
    Store(db).save(make_session())
    meeting, saver = seat(db)
    meeting.start()
    meeting.capture("n: one line before going idle")
    saved(saver.save())
    folder = db.parent
    before = files_and_sizes(folder)
    deadline = time.monotonic() + 0.3
    beats = 0
    while time.monotonic() < deadline:  # the UI asks once a beat; ask far more often
        if saver.needed:
            saved(saver.save())
            beats += 1
        time.sleep(0.005)
    assert files_and_sizes(folder) == before
    assert beats >= 2, "the running clock's heartbeat ran (and wrote no byte)"


@pytest.mark.parametrize("size", [10, 2000])
def test_a_capture_writes_about_its_own_size(db: Path, size: int) -> None:
    session = make_session()
    session.items.extend(Note(text=f"earlier point {k}") for k in range(size))
    Store(db).save(session)
    meeting, saver = seat(db)
    saved(saver.save())
    folder = db.parent
    before = sum(files_and_sizes(folder).values())
    line = "a: Send the statement of work to the sponsor for signature @dana due:2026-12-04"
    meeting.capture(line)
    saved(saver.save())
    written = sum(files_and_sizes(folder).values()) - before
    assert len(line) < written < 400, written


def test_a_long_journal_is_compacted_into_the_snapshot(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_module, "COMPACT_BYTES", 2000)
    Store(db).save(make_session())
    meeting, saver = seat(db)
    for k in range(20):
        meeting.capture(f"n: point number {k}")
        saved(saver.save())
    assert journal_of(db).stat().st_size < 2000
    snapshot = json.loads(journal_of(db).with_suffix(".json").read_bytes())
    assert len(snapshot["items"]) >= 10
    assert len(Store(db).load("seats001").live("note")) == 20


def test_a_crashed_running_clock_counts_up_to_its_last_heartbeat(db: Path) -> None:
    session = make_session()
    session.clock = ClockState(started=True, elapsed_s=100, section_used_s={"objectives": 100})
    session.stamps["clock"] = datetime.now(UTC) - timedelta(seconds=40)
    Store(db).save(session)
    journal = journal_of(db)
    journal_module.touch(journal)
    beat = time.time() - 10  # the last heartbeat: 30 s after the clock's stamp
    os.utime(journal, (beat, beat))
    os.utime(journal.with_suffix(".json"), (beat - 20, beat - 20))
    loaded = Store(db).load("seats001")
    assert loaded.clock.elapsed_s == pytest.approx(130, abs=1)
    assert loaded.clock.section_used_s["objectives"] == pytest.approx(130, abs=1)


# -- repairs and deletions -----------------------------------------------------------------------


def test_a_duplicated_item_id_is_repaired_on_load_with_one_notice(db: Path) -> None:
    store = Store(db)
    session = make_session()
    store.save(session)
    path = journal_of(db).with_suffix(".json")
    doc = json.loads(path.read_bytes())
    older = Note(id="dup", text="older", updated=T0).model_dump(mode="json")
    newer = Note(id="dup", text="newer", updated=T0 + timedelta(minutes=1)).model_dump(mode="json")
    doc["items"] = [older, newer, Attendee(name="Dana").model_dump(mode="json")]
    path.write_text(json.dumps(doc))

    fresh = Store(db)
    loaded = fresh.load("seats001")
    assert [i.text for i in loaded.live("note")] == ["newer"]
    assert len(fresh.warnings) == 1 and "duplicated" in fresh.warnings[0]
    meeting = Meeting(loaded)  # resuming works (it crashed before)
    meeting.capture("n: after the repair")
    again = Store(db)
    assert len(again.load("seats001").items) == 2
    assert again.warnings == []


def test_a_newer_schema_is_named_as_such_everywhere(db: Path) -> None:
    store = Store(db)
    store.save(make_session("future01"))
    path = db.with_name("kickoff.sessions") / "future01.json"
    doc = json.loads(path.read_bytes())
    doc["schema_version"] = 99
    path.write_text(json.dumps(doc))
    before = path.read_bytes()

    fresh = Store(db)
    assert fresh.list_sessions() == []
    assert any("newer Kickoff" in w for w in fresh.warnings)
    for ref in ("future01", "fut"):
        with pytest.raises(StoreError, match="written by a newer Kickoff"):
            fresh.resolve(ref)
    with pytest.raises(StoreError, match="written by a newer Kickoff"):
        fresh.load("future01")
    assert path.read_bytes() == before


def test_deleting_erases_the_text_everywhere_after_compaction(db: Path) -> None:
    Store(db).save(make_session())
    meeting, saver = seat(db)
    secret = meeting.capture("pn: the client's budget is 1.2M")
    assert secret is not None
    saved(saver.save())
    saver.compact()  # the secret is now in the snapshot (and its .bak after the next one)
    meeting.capture("n: something else")
    saved(saver.save())
    saver.compact()
    meeting.delete(secret.item.id)
    saved(saver.save())
    saver.compact()

    tombstone = Store(db).load("seats001").find(secret.item.id)
    assert tombstone.deleted and tombstone.text == "" and tombstone.type == "note"
    for path in db.parent.rglob("*"):
        if path.is_file():
            assert b"1.2M" not in path.read_bytes(), path.name


# -- the agenda screen follows the other seat, paused and under a dialog -------------------------


@pytest.mark.ui
async def test_a_paused_seat_under_a_dialog_shows_the_other_seats_changes(db: Path) -> None:
    from kickoff_tui.tui.screens.agenda import AgendaScreen
    from tests.uihelpers import app_for, sample_session, wait_for

    session = sample_session("Live seats")
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        await wait_for(pilot, lambda: db.with_name("kickoff.sessions").joinpath(
            f"{session.id}.json").exists())
        await pilot.press("ctrl+t")  # the clock is paused: nothing is saved from here
        await wait_for(pilot, lambda: screen.meeting.clock.paused)
        await pilot.press("f1")  # a dialog on top
        await wait_for(pilot, lambda: app.screen is not screen)

        other = Store(db)
        meeting_b = Meeting(other.load(session.id), seat="b@host")
        saver_b = AutoSaver(meeting_b, other)
        meeting_b.capture("d: Ship on the existing platform")
        meeting_b.set_next_step("Design review with the sponsor")
        saved(saver_b.save())

        await wait_for(pilot, lambda: screen.meeting.session.next_step
                       == "Design review with the sponsor", timeout=5)
        table = screen.query_one("#table-decision")
        await wait_for(pilot, lambda: table.row_count == 1, timeout=5)
        assert app.screen is not screen, "the dialog is still open"


def test_a_session_gone_from_the_disk_is_written_whole_by_the_seat_that_holds_it(
    db: Path,
) -> None:
    Store(db).save(make_session())
    meeting, saver = seat(db)
    meeting.capture("n: before the files went")
    saved(saver.save())
    for path in db.with_name("kickoff.sessions").glob("seats001.*"):
        path.unlink()
    meeting.capture("n: after the files went")
    saved(saver.save())
    stored = Store(db).load("seats001")
    assert {n.text for n in stored.live("note")} == {"before the files went",
                                                     "after the files went"}


def test_the_next_meeting_date_merges_like_every_session_field(db: Path) -> None:
    from datetime import date

    Store(db).save(make_session())
    meeting_a, saver_a = seat(db)
    meeting_b, saver_b = seat(db)
    saved(saver_a.save())
    saved(saver_b.save())
    meeting_a.set_next_step("Design workshop", date(2026, 12, 8))
    saved(saver_a.save())
    meeting_b.capture("n: B keeps capturing")
    saved(saver_b.save())
    assert (meeting_b.session.next_step, meeting_b.session.next_meeting) == (
        "Design workshop", date(2026, 12, 8))
    stored = Store(db).load("seats001")
    assert stored.next_meeting == date(2026, 12, 8)


@pytest.mark.cli
def test_a_change_made_after_the_last_save_is_saved_at_exit(db: Path, tmp_path: Path) -> None:
    """A line handled while the app is on its way out (after the signal's save) is kept."""
    import subprocess
    import sys

    Store(db).save(make_session())
    script = tmp_path / "late.py"
    script.write_text(
        "import sys\n"
        "from kickoff_tui.core.autosave import AutoSaver\n"
        "from kickoff_tui.core.meeting import Meeting\n"
        "from kickoff_tui.core.store import Store\n"
        "store = Store(sys.argv[1])\n"
        "meeting = Meeting(store.load('seats001'), seat='late')\n"
        "saver = AutoSaver(meeting, store)\n"
        "assert not saver.save(force=True).error\n"
        "meeting.capture('d: entered after the final save')\n"
    )
    result = subprocess.run([sys.executable, str(script), str(db)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    stored = Store(db).load("seats001")
    assert [d.text for d in stored.live("decision")] == ["entered after the final save"]


def test_only_the_leading_seat_moves_the_meeting_through_the_agenda(db: Path) -> None:
    """A note-taker looking at another section does not drag the shared screen there; the
    facilitator's moves are stored, and a note-taker's view stays where it is (following is
    the seat's choice, see tui/seats.py). A pause on either seat is the meeting's."""
    Store(db).save(make_session())
    store_a, store_b = Store(db), Store(db)
    lead = Meeting(store_a.load("seats001"), seat_id="facilitator")
    saver_a = AutoSaver(lead, store_a)
    lead.start()
    saved(saver_a.save())
    taker = Meeting(store_b.load("seats001"), seat_id="note-taker")
    saver_b = AutoSaver(taker, store_b)
    taker.start()
    saved(saver_b.save())
    assert lead.leads and not taker.leads

    assert taker.next_section()
    taker.capture("n: filed where the note-taker is")
    saved(saver_b.save())
    saver_a.sync()
    assert lead.clock.current == 0, "the note-taker's move dragged the facilitator"
    assert Store(db).load("seats001").current == 0
    note = next(n for n in lead.session.live("note") if n.text == "filed where the note-taker is")
    assert note.section == "wrap"

    assert taker.previous_section()
    assert lead.next_section()
    saved(saver_a.save())
    saver_b.sync()
    assert taker.clock.current == 0, "the note-taker is moved only when it follows"
    assert Store(db).load("seats001").current == 1

    taker.toggle_pause()
    saved(saver_b.save())
    saver_a.sync()
    assert lead.clock.paused and lead.clock.current == 1


def test_a_seat_opened_where_the_facilitator_is_gone_takes_the_lead(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facilitator quits and resumes the meeting on another terminal (a new seat): that
    seat leads, so its moves and its clock are the meeting's again. While the facilitator's
    seat is open, a new seat does not take over."""
    from kickoff_tui.core.presence import Presence
    from kickoff_tui.tui.seats import SeatView

    monkeypatch.setenv("KICKOFF_CONFIG_DIR", str(tmp_path / "config"))
    Store(db).save(make_session())
    store_a = Store(db)
    first = Meeting(store_a.load("seats001"), seat_id="pts-1")
    first.start()
    saved(AutoSaver(first, store_a).save())
    here = Presence(db, "seats001", "pts-1", "terminal")
    here.beat(0)

    store_b = Store(db)
    taker = Meeting(store_b.load("seats001"), seat_id="pts-2")
    taker.start()
    assert not SeatView(taker, db).take_lead_if_vacant(), "the facilitator's seat is open"
    assert not taker.leads

    here.leave()  # the facilitator quits, and comes back on another terminal
    store_c = Store(db)
    back = Meeting(store_c.load("seats001"), seat_id="pts-3")
    saver_c = AutoSaver(back, store_c)
    back.start()
    assert SeatView(back, db).take_lead_if_vacant() and back.leads
    assert back.next_section()
    saved(saver_c.save())
    stored = Store(db).load("seats001")
    assert stored.facilitator == "pts-3" and stored.current == 1


def test_a_deletion_erases_the_text_from_the_disk_within_the_save(db: Path) -> None:
    """No wait for the end of the meeting: the save that stores a deletion also folds the
    journal, so the deleted text is on no file once that compaction is done."""
    Store(db).save(make_session())
    meeting, saver = seat(db)
    secret = meeting.capture("pn: the client's budget is 1.2M")
    assert secret is not None
    saved(saver.save())
    assert any(b"1.2M" in p.read_bytes() for p in db.parent.rglob("*") if p.is_file())
    meeting.delete(secret.item.id)
    saved(saver.save())  # an ordinary save, not ctrl+s
    compactor = saver._compactor
    assert compactor is not None, "the deletion did not start a compaction"
    compactor.join(timeout=10)
    for path in db.parent.rglob("*"):
        if path.is_file():
            assert b"1.2M" not in path.read_bytes(), path.name
