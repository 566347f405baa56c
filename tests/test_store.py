"""Tests of the session store: round trips, migration, lookup, merge, faults, damage, modes.

The merge rule, the journal and live seats are in ``test_store_seats.py``; ``--db`` safety
in ``test_store_db.py``; the crash (SIGKILL) and two-process trials in
``test_store_crash.py``.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from filelock import FileLock

from kickoff_tui.core.atomic import FileOps
from kickoff_tui.core.models import (
    SCHEMA_VERSION,
    ActionItem,
    ActionStatus,
    AgendaSection,
    Attendee,
    ClockState,
    CommunicationRow,
    Decision,
    Deliverable,
    Item,
    Level,
    Note,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaciRow,
    RaidEntry,
    RaidKind,
    RaidStatus,
    Session,
    SessionStatus,
)
from kickoff_tui.core.store import (
    SessionNotFound,
    Store,
    StoreError,
    merge_sessions,
)
from kickoff_tui.core.store import api as store_api

# -- helpers ------------------------------------------------------------------------------


def make_session(session_id: str | None = None, *, title: str = "Apollo kick-off") -> Session:
    """A small valid session (two sections, no items)."""
    sections = [
        AgendaSection(id="objectives", title="Objectives & scope", box_minutes=10),
        AgendaSection(id="wrap", title="Wrap-up & next steps", box_minutes=5),
    ]
    extra = {"id": session_id} if session_id else {}
    return Session(title=title, project="Apollo", sections=sections, **extra)


@pytest.fixture(autouse=True)
def _no_default_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Every test passes its path; make sure none could fall back to the user's real store.
    monkeypatch.setenv("KICKOFF_DB", "/nonexistent/kickoff-tests-must-pass-a-path.json")
    yield



def session_file(db: Path, session_id: str) -> Path:
    return db.with_name(db.stem + ".sessions") / f"{session_id}.json"


def journal_file(db: Path, session_id: str) -> Path:
    return db.with_name(db.stem + ".sessions") / f"{session_id}.journal"


def index_file(db: Path, session_id: str) -> Path:
    return db.with_name(db.stem + ".sessions") / ".index" / f"{session_id}.json"


def files_named(folder: Path, fragment: str) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if fragment in p.name)


def saved_twice(db: Path, session_id: str = "abcd1234") -> tuple[Store, Session, str, str]:
    """A session saved with note A, then with note B and compacted: the ``.bak`` holds
    only A, the snapshot both, the journal nothing."""
    store = Store(db)
    session = make_session(session_id)
    first = Note(text="first note")
    session.items.append(first)
    session = store.save(session)
    second = Note(text="second note")
    session.items.append(second)
    session = store.save(session)
    store.compact(session_id)
    return store, session, first.id, second.id


# -- round trip ----------------------------------------------------------------------------


def every_item() -> list[typing.Any]:
    """One item of every type, with every optional field filled in."""
    return [
        Note(text="Zürich office — 会議 ✓", private=True, section="objectives", seat="ba@host"),
        Decision(text="Ship on the existing platform", decided_by="Sponsor", rationale="Cost"),
        ActionItem(text="Send SOW draft", owner="Dana", due=date(2026, 12, 4),
                   status=ActionStatus.DONE),
        RaidEntry(kind=RaidKind.DEPENDENCY, text="Vendor API", owner="Sam",
                  likelihood=Level.HIGH, impact=Level.LOW, mitigation="Mock it",
                  status=RaidStatus.MITIGATED),
        Question(text="Who owns migration?", asked_by="Lee", owner="Kim", answer="Kim",
                 status=QuestionStatus.ANSWERED),
        ParkingLotItem(text="Rebrand", owner="Jo"),
        Attendee(name="Dana", role="PM", organisation="Acme", present=False),
        RaciRow(activity="Design", assignments={"Dana": "A", "Sam": "R", "Lee": "I"}),
        Deliverable(name="SOW", due=date(2027, 1, 15), acceptance="Signed", milestone=True),
        CommunicationRow(what="Status", audience="Sponsors", channel="Email",
                         frequency="weekly", owner="Dana"),
        Note(text="withdrawn", deleted=True),
    ]


def test_every_item_type_round_trips(db: Path) -> None:
    session = make_session()
    session.items.extend(every_item())
    session.status = SessionStatus.RUNNING
    session.started_at = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    session.current = 1
    session.next_step = "Design review on Monday"
    session.clock = ClockState(started=True, elapsed_s=754.5, section_used_s={"objectives": 600})

    saved = Store(db).save(session)
    loaded = Store(db).load(session.id)

    assert loaded.model_dump() == saved.model_dump()
    # Guard the test itself: it must cover every member of the Item union.
    union = typing.get_args(typing.get_args(Item)[0])
    all_types = {cls.model_fields["type"].default for cls in union}
    assert {item.type for item in loaded.items} == all_types


def test_store_creates_its_folders_lazily_and_privately(db: Path) -> None:
    store = Store(db)
    assert store.list_sessions() == []
    assert not db.parent.exists(), "reading an empty store must not create anything"
    store.save(make_session())
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.sessions_dir.stat().st_mode) == 0o700


def test_files_are_private_whatever_the_umask(db: Path) -> None:
    old_umask = os.umask(0)
    try:
        store, session, _, _ = saved_twice(db)
        store.list_sessions()  # refreshes the index, so the index has a .bak too
        store.save(make_session("second1"))
    finally:
        os.umask(old_umask)
    path = session_file(db, session.id)
    written = [db, path, path.with_name(path.name + ".bak"), journal_file(db, session.id),
               index_file(db, session.id)]
    for file in written:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_an_existing_wider_file_is_made_private_when_written(db: Path) -> None:
    session = make_session("legacy01")
    path = session_file(db, session.id)
    path.parent.mkdir(parents=True)
    path.write_text(session.model_dump_json())
    path.chmod(0o644)  # as another tool (or an old version) might have left it

    store = Store(db)
    loaded = store.load(session.id)
    loaded.items.append(Note(text="now private"))
    store.save(loaded)
    assert stat.S_IMODE(journal_file(db, session.id).stat().st_mode) == 0o600
    store.compact(session.id)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    bak = path.with_name(path.name + ".bak")  # the old inode, kept as the backup
    assert json.loads(bak.read_text())["items"] == []
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600


# -- migration -------------------------------------------------------------------------------


def test_schema_1_document_is_migrated_and_its_original_kept(db: Path) -> None:
    doc = {
        "schema_version": 1,
        "id": "old00001",
        "title": "Kick-off from last year",
        "sections": [{"id": "objectives", "title": "Objectives", "box_minutes": 10}],
        "attendees": [{"name": "Dana", "role": "PM"}, {"name": "Sam", "role": "Dev"}],
        "items": [{"type": "note", "text": "kept as it was"}],
    }
    path = session_file(db, "old00001")
    path.parent.mkdir(parents=True)
    original = json.dumps(doc).encode()
    path.write_bytes(original)

    store = Store(db)
    session = store.load("old00001")

    assert [a.name for a in session.attendees] == ["Dana", "Sam"], "in their stored order"
    assert [n.text for n in session.live("note")] == ["kept as it was"]
    orig = path.with_name(path.name + ".v1.orig")
    assert orig.read_bytes() == original
    assert stat.S_IMODE(orig.stat().st_mode) == 0o600
    assert json.loads(path.read_bytes())["schema_version"] == SCHEMA_VERSION
    # Loading again migrates nothing more and keeps the first original.
    again = Store(db).load("old00001")
    assert again.model_dump() == session.model_dump()
    assert orig.read_bytes() == original
    assert [s.id for s in store.list_sessions()] == ["old00001"]
    assert store.warnings == []


def test_a_document_from_a_newer_kickoff_is_refused_not_touched(db: Path) -> None:
    session = make_session("future01")
    doc = json.loads(session.model_dump_json())
    doc["schema_version"] = 99
    path = session_file(db, "future01")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(doc))
    before = path.read_bytes()

    store = Store(db)
    with pytest.raises(StoreError, match="newer Kickoff"):
        store.load("future01")
    with pytest.raises(StoreError, match="newer Kickoff"):
        store.save(session)
    assert path.read_bytes() == before
    assert files_named(db.parent, ".damaged-") == []


# -- listing and lookup ------------------------------------------------------------------------


def test_list_resolve_latest_and_prefixes(db: Path) -> None:
    store = Store(db)
    assert store.list_sessions() == []
    assert store.latest_unfinished() is None
    with pytest.raises(SessionNotFound, match="No sessions stored yet"):
        store.resolve("latest")

    for session_id in ("aa11aa11", "aa22bb22", "cc33cc33"):
        session = make_session(session_id, title=f"Meeting {session_id}")
        session.items.append(Note(text="a"))
        if session_id == "cc33cc33":
            session.status = SessionStatus.ENDED
        store.save(session)

    listed = Store(db).list_sessions()
    assert [s.id for s in listed] == ["cc33cc33", "aa22bb22", "aa11aa11"]
    assert listed[0].title == "Meeting cc33cc33" and listed[0].items == 1
    assert store.resolve("latest") == "cc33cc33"
    assert store.resolve("LATEST") == "cc33cc33"
    unfinished = store.latest_unfinished()
    assert unfinished is not None and unfinished.id == "aa22bb22"
    assert store.resolve("aa22bb22") == "aa22bb22"
    assert store.resolve("cc") == "cc33cc33"
    assert store.resolve("AA1") == "aa11aa11"
    with pytest.raises(SessionNotFound) as ambiguous:
        store.resolve("aa")
    assert "aa11aa11" in str(ambiguous.value) and "aa22bb22" in str(ambiguous.value)
    with pytest.raises(SessionNotFound) as missing:
        store.resolve("zz")
    assert str(missing.value) == "No session matches 'zz' (try `kickoff list`)"
    with pytest.raises(SessionNotFound):
        store.load("zz000000")


def test_a_save_does_not_rewrite_the_index_but_the_listing_stays_true(db: Path) -> None:
    store = Store(db)
    session = store.save(make_session("fresh001"))
    main_before = db.read_bytes()
    entry = index_file(db, "fresh001")
    entry_before = (entry.stat().st_ino, entry.read_bytes())

    for k in range(3):
        session.items.append(Note(text=f"note {k}"))
        session = store.save(session)
    assert (entry.stat().st_ino, entry.read_bytes()) == entry_before, \
        "adding items must not rewrite the index"

    [summary] = Store(db).list_sessions()
    assert summary.items == 3
    assert summary.updated == session.updated

    session.title = "Renamed kick-off"
    store.save(session)
    assert entry.read_bytes() != entry_before[1], "a new title is an identity change"
    assert store.list_sessions()[0].title == "Renamed kick-off"
    assert db.read_bytes() == main_before, "the main file holds the marker, written once"


def test_a_save_that_changes_nothing_writes_nothing(db: Path) -> None:
    store = Store(db)
    session = store.save(make_session())
    path = session_file(db, session.id)
    before = (path.stat().st_ino, path.read_bytes())
    again = store.save(session)
    assert (path.stat().st_ino, path.read_bytes()) == before
    assert again.updated == session.updated


def test_delete_removes_every_copy_and_the_index_entry(db: Path) -> None:
    store, session, _, _ = saved_twice(db)
    store.save(make_session("keep0001"))
    store.delete(session.id)
    assert files_named(store.sessions_dir, session.id) == []
    assert [s.id for s in store.list_sessions()] == ["keep0001"]
    assert [s.id for s in Store(db).list_sessions()] == ["keep0001"]
    with pytest.raises(SessionNotFound):
        store.load(session.id)
    with pytest.raises(SessionNotFound):
        store.delete(session.id)


@pytest.mark.parametrize("bad_id", ["../escape", ".hidden", "a/b", ""])
def test_ids_that_are_not_safe_file_names_are_refused(db: Path, bad_id: str) -> None:
    session = make_session()
    object.__setattr__(session, "id", bad_id)  # bypass the model's own checks
    with pytest.raises(StoreError, match="Cannot save session id"):
        Store(db).save(session)
    with pytest.raises(SessionNotFound):
        Store(db).load(bad_id)
    assert not db.parent.exists()


# -- merging -----------------------------------------------------------------------------------

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def note(item_id: str, text: str, minutes: int, **extra: typing.Any) -> Note:
    return Note(id=item_id, text=text, created=T0, updated=at(minutes), **extra)


def test_merge_unites_items_by_id_ours_first() -> None:
    ours = make_session("m1")
    ours.items.extend([note("a", "ours a", 1), note("b", "ours b", 1)])
    theirs = make_session("m1")
    theirs.items.extend([note("c", "theirs c", 1), note("b", "theirs b", 0)])
    merged = merge_sessions(ours, theirs)
    assert [(i.id, i.text) for i in merged.items] == [
        ("a", "ours a"),
        ("b", "ours b"),
        ("c", "theirs c"),
    ]


@pytest.mark.parametrize(
    ("ours_minute", "theirs_minute", "winner"),
    [(1, 2, "theirs"), (2, 1, "ours"), (1, 1, "ours")],
    ids=["theirs-newer", "ours-newer", "tie-goes-to-the-saver"],
)
def test_merge_newer_update_wins(ours_minute: int, theirs_minute: int, winner: str) -> None:
    ours = make_session("m1")
    ours.items.append(note("x", "ours", ours_minute))
    theirs = make_session("m1")
    theirs.items.append(note("x", "theirs", theirs_minute))
    [merged] = merge_sessions(ours, theirs).items
    assert merged.text == winner


@pytest.mark.parametrize(
    ("tombstone_side", "tombstone_minute", "deleted"),
    [("theirs", 5, True), ("theirs", 0, False), ("ours", 5, True), ("ours", 0, False)],
)
def test_merge_tombstones_like_any_change(
    tombstone_side: str, tombstone_minute: int, deleted: bool
) -> None:
    edited = note("x", "edited", 3)
    tombstone = note("x", "edited", tombstone_minute, deleted=True)
    ours, theirs = make_session("m1"), make_session("m1")
    if tombstone_side == "theirs":
        ours.items.append(edited)
        theirs.items.append(tombstone)
    else:
        ours.items.append(tombstone)
        theirs.items.append(edited)
    [merged] = merge_sessions(ours, theirs).items
    assert merged.deleted is deleted


def test_merge_takes_session_fields_from_the_saver() -> None:
    ours = make_session("m1", title="Our title")
    ours.current, ours.status = 1, SessionStatus.RUNNING
    ours.clock = ClockState(started=True, elapsed_s=60)
    theirs = make_session("m1", title="Their title")
    theirs.clock = ClockState(started=True, elapsed_s=999)
    theirs.items.append(note("t", "theirs", 1))
    merged = merge_sessions(ours, theirs)
    assert (merged.title, merged.current, merged.status) == ("Our title", 1, SessionStatus.RUNNING)
    assert merged.clock.elapsed_s == 60
    assert [i.id for i in merged.items] == ["t"]
    assert ours.items == [], "the merge must not mutate its inputs"


def test_merge_returns_ours_itself_when_theirs_has_nothing_new() -> None:
    ours = make_session("m1")
    ours.items.append(note("a", "same", 2))
    theirs = make_session("m1")
    theirs.items.append(note("a", "older", 1))
    assert merge_sessions(ours, theirs) is ours


def test_a_second_seat_is_merged_and_the_saver_gets_its_items(db: Path) -> None:
    seat_a = Store(db)
    session_a = seat_a.save(make_session("shared01"))

    seat_b = Store(db)
    session_b = seat_b.load("shared01")
    from_b = Note(text="captured by B")
    session_b.items.append(from_b)
    session_b.current = 1
    seat_b.save(session_b)

    from_a = Note(text="captured by A")
    session_a.items.append(from_a)
    merged = seat_a.save(session_a)

    assert {i.id for i in merged.items} == {from_a.id, from_b.id}
    on_disk = Store(db).load("shared01")
    assert {i.id for i in on_disk.items} == {from_a.id, from_b.id}
    assert on_disk.current == 1, "B changed the section, A did not: B's change stands"
    assert merged.current == 1


def test_an_older_snapshot_saved_late_loses_nothing(db: Path) -> None:
    store = Store(db)
    session = make_session("snap0001")
    session.items.extend(Note(text=f"n{k}") for k in range(3))
    older = store.save(session).model_copy(deep=True)
    newer = older.model_copy(deep=True)
    newer.items.append(Note(text="n3"))
    store.save(newer)
    store.save(older)  # e.g. a slow save worker finishing after a newer one
    assert len(Store(db).load("snap0001").items) == 4


def test_saves_from_several_threads_lose_nothing(db: Path) -> None:
    store = Store(db)
    store.save(make_session("threads1"))
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            mine = store.load("threads1").model_copy(deep=True)
            for k in range(15):
                mine.items.append(Note(text=f"{name} {k}", seat=name))
                mine = store.save(mine)
        except BaseException as err:  # surfaced below, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(f"t{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(Store(db).load("threads1").live("note")) == 60


def test_a_held_lock_gives_a_clear_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_api, "LOCK_TIMEOUT_S", 0.2)
    store = Store(db)
    store.save(make_session("locked01"))
    other_seat = FileLock(str(db.with_name(db.name + ".lock")))
    with other_seat, pytest.raises(StoreError, match="another Kickoff has held"):
        store.save(make_session("locked02"))


def test_stale_temporary_files_of_a_killed_writer_are_removed(db: Path) -> None:
    store = Store(db)
    store.save(make_session("tmpclean"))
    stale = store.sessions_dir / ".tmpclean.json.4242.deadbeef.tmp"
    stale.write_bytes(b'{"half": ')
    Store(db).save(make_session("another1"))
    assert not stale.exists()


# -- disk faults -------------------------------------------------------------------------------


class FaultyOps(FileOps):
    """File operations that fail with ``error`` at ``step`` while ``armed``.

    ``only`` limits the fault to files whose name contains it.
    """

    def __init__(self) -> None:
        self.step = ""
        self.error = 0
        self.only = ""
        self.armed = False
        self.hits = 0
        self._names: dict[int, str] = {}

    def _maybe_fail(self, step: str, name: str) -> None:
        if self.armed and step == self.step and self.only in name:
            self.hits += 1
            raise OSError(self.error, os.strerror(self.error))

    def open(self, path: Path, flags: int, mode: int) -> int:
        fd = super().open(path, flags, mode)
        self._names[fd] = Path(path).name
        return fd

    def write(self, fd: int, data: memoryview) -> int:
        self._maybe_fail("write", self._names.get(fd, ""))
        return super().write(fd, data)

    def fsync(self, fd: int) -> None:
        self._maybe_fail("fsync", self._names.get(fd, ""))
        super().fsync(fd)

    def replace(self, src: Path, dst: Path) -> None:
        self._maybe_fail("replace", Path(dst).name)
        super().replace(src, dst)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (lock file aside) and its exact bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.parametrize("step", ["write", "fsync"])
@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("journal_exists", [False, True], ids=["new-journal", "journal"])
def test_a_disk_fault_leaves_the_old_files_intact(
    db: Path, step: str, error: int, journal_exists: bool
) -> None:
    ops = FaultyOps()
    store = Store(db, fileops=ops)
    session = make_session("faulty01")
    session.items.append(Note(text="safe"))
    session = store.save(session)
    if journal_exists:
        session.items.append(Note(text="also safe"))
        session = store.save(session)
    store.list_sessions()
    before = snapshot(db.parent)

    ops.step, ops.error, ops.armed = step, error, True
    lost = Note(text="written while the disk is full")
    session.items.append(lost)
    with pytest.raises(StoreError) as raised:
        store.save(session)

    path = journal_file(db, "faulty01")
    assert str(raised.value) == f"Could not save to {path}: {os.strerror(error)}"
    assert ops.hits == 1
    assert snapshot(db.parent) == before, "old files byte for byte, no partial line left"

    ops.armed = False
    saved = store.save(session)
    assert lost.id in {i.id for i in Store(db).load("faulty01").items}
    assert saved.find(lost.id) is not None


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_fault_while_compacting_leaves_snapshot_and_journal_intact(db: Path, step: str) -> None:
    ops = FaultyOps()
    store = Store(db, fileops=ops)
    session = make_session("faulty02")
    session = store.save(session)
    kept = Note(text="only in the journal")
    session.items.append(kept)
    store.save(session)
    before = snapshot(db.parent)

    ops.step, ops.error, ops.armed = step, errno.ENOSPC, True
    with pytest.raises(StoreError, match="No space left on device"):
        store.compact("faulty02")
    assert snapshot(db.parent) == before
    ops.armed = False
    assert kept.id in {i.id for i in Store(db).load("faulty02").items}


def test_a_fault_on_the_first_save_creates_nothing(db: Path) -> None:
    ops = FaultyOps()
    ops.step, ops.error, ops.armed = "write", errno.ENOSPC, True
    store = Store(db, fileops=ops)
    with pytest.raises(StoreError, match="No space left on device"):
        store.save(make_session("first001"))
    assert snapshot(db.parent) == {}
    assert store.list_sessions() == []


def test_a_main_file_fault_still_saves_the_session(db: Path) -> None:
    ops = FaultyOps()
    ops.step, ops.error, ops.only, ops.armed = "write", errno.EIO, "kickoff.json", True
    store = Store(db, fileops=ops)
    store.save(make_session("idxfault"))
    assert session_file(db, "idxfault").exists()
    assert len(store.warnings) == 1 and "main file" in store.warnings[0]
    ops.armed = False
    assert [s.id for s in Store(db).list_sessions()] == ["idxfault"]
    assert "kickoff_store" in json.loads(db.read_bytes()), "the marker is written later"


# -- damaged files -----------------------------------------------------------------------------

Damage = Callable[[bytes, str], bytes]

DAMAGE: dict[str, tuple[Damage, str]] = {
    "truncated": (lambda good, _id: good[: len(good) // 2], "truncated"),
    "nul-bytes": (lambda good, _id: good[:10] + b"\x00" * 32 + good[42:], "NUL bytes"),
    "trailing-garbage": (lambda good, _id: good + b'}\n{"x": 1', "trailing garbage"),
    "wrong-shape": (
        lambda _good, sid: json.dumps({"id": sid, "title": "", "sections": []}).encode(),
        "not a valid Kickoff session",
    ),
    "not-an-object": (lambda _good, _id: b"[1, 2, 3]", "not a Kickoff session"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_session_file_is_set_aside_and_its_backup_used(db: Path, kind: str) -> None:
    _, session, first_id, second_id = saved_twice(db)
    path = session_file(db, session.id)
    damage, reason = DAMAGE[kind]
    damaged = damage(path.read_bytes(), session.id)
    path.write_bytes(damaged)

    store = Store(db)
    loaded = store.load(session.id)

    assert [i.id for i in loaded.items] == [first_id], "the .bak held the first save"
    assert len(store.warnings) == 1
    warning = store.warnings[0]
    assert "\n" not in warning and reason in warning and "set aside as" in warning
    [aside] = files_named(db.parent, ".damaged-")
    assert aside.name in warning
    assert aside.read_bytes() == damaged
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert Store(db).load(session.id).model_dump() == loaded.model_dump()

    # Saving again never touches the set-aside file.
    loaded.items.append(Note(text="after the repair"))
    store.save(loaded)
    assert aside.read_bytes() == damaged
    assert second_id not in {i.id for i in Store(db).load(session.id).items}


def test_a_second_seat_finding_a_damaged_file_merges_with_the_backup(db: Path) -> None:
    store, session, first_id, second_id = saved_twice(db)
    path = session_file(db, session.id)
    damaged = path.read_bytes()[:50]
    path.write_bytes(damaged)

    extra = Note(text="third note")
    session.items.append(extra)
    merged = store.save(session)

    assert {i.id for i in merged.items} == {first_id, second_id, extra.id}
    assert len(store.warnings) == 1 and "truncated" in store.warnings[0]
    [aside] = files_named(db.parent, ".damaged-")
    assert aside.read_bytes() == damaged


def test_a_damaged_session_with_a_damaged_backup_is_reported_not_overwritten(db: Path) -> None:
    _, session, _, _ = saved_twice(db)
    path = session_file(db, session.id)
    bak = path.with_name(path.name + ".bak")
    path.write_bytes(b'{"id": "')
    bak.write_bytes(b"\x00\x00\x00")

    store = Store(db)
    with pytest.raises(StoreError) as raised:
        store.load(session.id)
    assert "backup" in str(raised.value) and "\n" not in str(raised.value)
    assert len(store.warnings) == 1
    asides = {p.read_bytes() for p in files_named(db.parent, ".damaged-")}
    assert asides == {b'{"id": "', b"\x00\x00\x00"}
    assert store.list_sessions() == []

    # The seat that still holds the session in memory can save it again, afresh.
    store.save(session)
    reloaded = Store(db).load(session.id)
    assert [i.id for i in reloaded.items] == [i.id for i in session.items]
    assert {p.read_bytes() for p in files_named(db.parent, ".damaged-")} == asides


MAIN_DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda good: good[: len(good) // 2], "truncated"),
    "nul-bytes": (lambda good: b"\x00" * 8 + good[8:], "NUL bytes"),
    "trailing-garbage": (lambda good: good + b"garbage", "trailing garbage"),
    "no-marker": (lambda _good: b'{"sessions": {"1": {"id": 5}}}', "no Kickoff store marker"),
    "foreign-tinydb": (lambda _good: b'{"_default": {"1": {"a": 1}}}', "no Kickoff store marker"),
    "empty": (lambda _good: b"", "is empty"),
}


def three_sessions(db: Path) -> dict[str, int]:
    """Three sessions with 1, 2 and 3 items, listed once."""
    store = Store(db)
    counts = {}
    for n, session_id in enumerate(("one00001", "two00002", "three003"), start=1):
        session = make_session(session_id)
        session.items.extend(Note(text=f"n{k}") for k in range(n))
        store.save(session)
        counts[session_id] = n
    store.list_sessions()
    return counts


@pytest.mark.parametrize("kind", MAIN_DAMAGE)
def test_a_damaged_main_file_of_our_store_is_set_aside_and_rebuilt(db: Path, kind: str) -> None:
    counts = three_sessions(db)
    damage, reason = MAIN_DAMAGE[kind]
    damaged = damage(db.read_bytes())
    db.write_bytes(damaged)

    store = Store(db)
    listed = {s.id: s.items for s in store.list_sessions()}

    assert listed == counts
    assert len(store.warnings) == 1
    warning = store.warnings[0]
    assert reason in warning and "set aside as" in warning and "rebuilt" in warning
    [aside] = files_named(db.parent, ".damaged-")
    assert aside.read_bytes() == damaged
    # The store is whole again: a fresh store reads it without any warning.
    fresh = Store(db)
    assert {s.id: s.items for s in fresh.list_sessions()} == counts
    assert fresh.warnings == []


def test_a_missing_index_is_rebuilt_silently(db: Path) -> None:
    counts = three_sessions(db)
    db.unlink()
    for entry in (db.parent / "kickoff.sessions" / ".index").iterdir():
        entry.unlink()
    store = Store(db)
    assert {s.id: s.items for s in store.list_sessions()} == counts
    assert store.warnings == []
    assert db.exists()
    assert len(list((db.parent / "kickoff.sessions" / ".index").iterdir())) == 3


def test_a_schema_2_session_is_listed_as_it_is_and_migrated_when_opened(db: Path) -> None:
    session = make_session("v2000001")
    session.items.append(Note(text="from last month"))
    doc = json.loads(session.model_dump_json())
    doc["schema_version"] = 2
    del doc["stamps"]
    path = session_file(db, "v2000001")
    path.parent.mkdir(parents=True)
    original = json.dumps(doc).encode()
    path.write_bytes(original)

    store = Store(db)
    [summary] = store.list_sessions()
    assert summary.items == 1
    assert path.read_bytes() == original, "listing rewrites nothing"
    assert files_named(db.parent, ".orig") == []

    loaded = store.load("v2000001")
    assert loaded.stamps == {} and loaded.live("note")[0].text == "from last month"
    assert json.loads(path.read_bytes())["schema_version"] == SCHEMA_VERSION
    assert path.with_name(path.name + ".v2.orig").read_bytes() == original
    assert store.warnings == []
