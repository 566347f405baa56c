"""Crash and concurrency trials of the store, with real child processes.

A child (``store_child.py``) saves a session in a loop and acks each item after its save
returned; we SIGKILL it at random moments and check that every acked item survived, and
that no kill ever left a damaged file. Two children writing one session at once must not
lose an item either.
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kickoff_tui.core.store import Store

CHILD = Path(__file__).with_name("store_child.py")
SESSION_ID = "crash001"


def _spawn(db: Path, count: int = 0, seat: str = "child") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db), SESSION_ID, str(count), seat],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_acks(proc: subprocess.Popen[bytes], wanted: int, timeout: float) -> bytes:
    """Read the child's stdout until it has printed ``wanted`` ack lines (or it exits)."""
    assert proc.stdout is not None
    received = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while received.count(b"\n") < wanted:
            left = deadline - time.monotonic()
            if left <= 0:
                got = received.count(b"\n")
                raise AssertionError(f"child acked only {got} of {wanted} items in {timeout} s")
            if not selector.select(timeout=left):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break  # the child exited (the return code check reports why)
            received += chunk
    return received


def _kill_trials(tmp_path: Path, trials: int, seed: int) -> None:
    rng = random.Random(seed)
    db = tmp_path / "store" / "kickoff.json"
    acked: list[str] = []
    for trial in range(trials):
        proc = _spawn(db)
        try:
            if rng.random() < 0.2:
                # Sometimes kill before any ack: during start-up, load or the first save.
                wanted = 0
                time.sleep(rng.uniform(0.0, 0.3))
            else:
                wanted = rng.randint(1, 4)
                early = _wait_for_acks(proc, wanted, timeout=30)
                acked.extend(early.decode().split())
                # A random pause (not a wait for anything) so that the kill lands at a
                # different point of the next save each time.
                time.sleep(rng.uniform(0.0, 0.004))
            proc.send_signal(signal.SIGKILL)
            rest, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.returncode == -signal.SIGKILL, f"trial {trial}: child failed: {err!r}"
        acked.extend(rest.decode().split())

        store = Store(db)
        if not acked:
            continue  # killed before its first save finished: nothing was promised
        session = store.load(SESSION_ID)
        on_disk = {item.id for item in session.items}
        lost = [item_id for item_id in acked if item_id not in on_disk]
        assert not lost, f"trial {trial}: {len(lost)} acked items lost after SIGKILL"
        assert store.warnings == [], f"trial {trial}: a kill damaged a file: {store.warnings}"
        leftovers = [p.name for p in db.parent.rglob("*") if ".damaged-" in p.name]
        assert leftovers == [], f"trial {trial}: damaged files {leftovers}"
    # The trials did exercise saving, not only start-up.
    assert len(acked) >= trials


@pytest.mark.kill
def test_sigkill_at_random_moments_loses_no_acked_item(tmp_path: Path) -> None:
    """50 kills at random moments: every item whose save returned is still there."""
    _kill_trials(tmp_path, trials=50, seed=20261126)


@pytest.mark.slow
def test_sigkill_200_trials(tmp_path: Path) -> None:
    """The long version of the kill trials (run with ``-m slow``)."""
    _kill_trials(tmp_path, trials=200, seed=random.randrange(1 << 30))


@pytest.mark.cli
def test_two_processes_adding_to_one_session_lose_nothing(tmp_path: Path) -> None:
    """Two seats each add 200 items to the same session, saving after each add."""
    db = tmp_path / "store" / "kickoff.json"
    seats = [_spawn(db, count=200, seat=seat) for seat in ("A", "B")]
    acked: dict[str, list[str]] = {}
    for seat, proc in zip(("A", "B"), seats, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"seat {seat} failed: {err.decode()}"
        assert b"warning" not in err, err.decode()
        acked[seat] = out.decode().split()
        assert len(acked[seat]) == 200

    session = Store(db).load(SESSION_ID)
    by_id = {item.id: item for item in session.items}
    for seat, ids in acked.items():
        lost = [item_id for item_id in ids if item_id not in by_id]
        assert not lost, f"seat {seat} lost {len(lost)} items"
        assert all(by_id[item_id].seat == seat for item_id in ids)
    assert len(session.live("note")) == 400


# -- two seats running the meeting, field by field ------------------------------------------------


class Seat:
    """A child process running the meeting as a seat (see ``store_child.py``)."""

    def __init__(self, db: Path, name: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), SESSION_ID, "seat", name],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )

    def send(self, *commands: str) -> list[str]:
        """Send commands in one write; return one reply per command."""
        assert self.proc.stdin is not None
        self.proc.stdin.write("".join(c + "\n" for c in commands).encode())
        self.proc.stdin.flush()
        replies = _wait_for_acks(self.proc, len(commands), timeout=60).decode().splitlines()
        assert all(not r.startswith("error") for r in replies), replies
        return replies

    def close(self) -> str:
        """End stdin (the seat compacts and exits); return what it said on stderr."""
        assert self.proc.stdin is not None and self.proc.stderr is not None
        if not self.proc.stdin.closed:
            self.proc.stdin.close()
        err = self.proc.stderr.read().decode()
        assert self.proc.wait(timeout=30) == 0, err
        return err


def _new_session(db: Path) -> None:
    from kickoff_tui.core.models import AgendaSection, Session

    Store(db).save(Session(id=SESSION_ID, title="Two seats", sections=[
        AgendaSection(id="objectives", title="Objectives", box_minutes=10)]))


@pytest.mark.cli
def test_two_processes_merge_session_fields_field_by_field(tmp_path: Path) -> None:
    db = tmp_path / "store" / "kickoff.json"
    _new_session(db)
    seat_a, seat_b = Seat(db, "A"), Seat(db, "B")
    try:
        seat_a.send("save")
        seat_b.send("save")
        # A sets the next step while B keeps saving its captures.
        seat_a.send("next Design review with the sponsor")
        seat_b.send(*(f"capture n: B point {k}" for k in range(5)), "save")
        assert Store(db).load(SESSION_ID).next_step == "Design review with the sponsor"
        seat_b.send("sync")
        assert '"next_step": "Design review with the sponsor"' in seat_b.send("show")[0]

        # A wraps up while B is open; B goes on saving: the meeting stays ended.
        seat_a.send("end")
        seat_b.send("capture n: said on B after the wrap-up", "save", "save")
        stored = Store(db).load(SESSION_ID)
        assert str(stored.status) == "ended" and stored.ended_at is not None
        assert '"status": "ended"' in seat_b.send("show")[0]
    finally:
        errors = seat_a.close() + seat_b.close()
    assert "warning" not in errors
    final = Store(db).load(SESSION_ID)
    assert final.next_step == "Design review with the sponsor"
    assert len(final.live("note")) == 6


@pytest.mark.cli
def test_two_seats_capturing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store" / "kickoff.json"
    _new_session(db)
    seats = {name: Seat(db, name) for name in ("A", "B")}
    try:
        for seat in seats.values():  # both bursts in flight at once
            assert seat.proc.stdin is not None
            seat.proc.stdin.write("".join(f"capture n: {k}\n" for k in range(100)).encode())
            seat.proc.stdin.flush()
        acked = {name: _wait_for_acks(seat.proc, 100, timeout=120).decode().split()
                 for name, seat in seats.items()}
    finally:
        for seat in seats.values():
            seat.close()
    ids = {reply for replies in acked.values() for reply in replies if reply != "ok"}
    assert len(ids) == 200
    stored = Store(db).load(SESSION_ID)
    assert ids <= {item.id for item in stored.items}
    assert len(stored.live("note")) == 200
