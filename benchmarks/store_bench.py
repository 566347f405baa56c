"""Benchmarks of the store: does a save cost the same however many sessions are stored?

* ``save_ms``: one capture-and-save of the current session (a journal append), with 1 and
  with 200 past sessions in the store (PRODUCT.md's bar: within 1.2x).
* ``save_index_ratio_200_vs_1`` / ``_2000_vs_1``: the saves that change the listing — a
  new session, its start, its wrap-up and a rename — with 1, 200 and 2,000 past sessions
  (issue 14's bars: 1.2 and 1.5). The stores are measured in alternation so that drift on
  a busy machine hits them alike.

Run ``python benchmarks/store_bench.py [--quick]``. Figures are medians in milliseconds;
timings are noisy when other work shares the machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from kickoff_tui.core.atomic import FileOps
from kickoff_tui.core.models import AgendaSection, Note, Session, SessionStatus, utcnow
from kickoff_tui.core.store import Store

#: PRODUCT.md: "A save costs the same with 1 or 200 past sessions in the store (within 1.2x)."
SAVE_BAR = 1.2
#: Issue 14: saves that rewrite the index, 200 vs 1 and 2,000 vs 1 past sessions.
INDEX_BARS = {200: 1.2, 2000: 1.5}


class _NoSync(FileOps):
    """Seeding only: skip fsync so that 2,000 past sessions are written in seconds."""

    def fsync(self, fd: int) -> None:
        """No fsync while seeding."""

    def fsync_dir(self, folder: Path) -> None:
        """No folder fsync while seeding."""


def bench_session(title: str, n_items: int) -> Session:
    """A session on an 8-section agenda with ``n_items`` notes."""
    sections = [AgendaSection(id=f"s{i}", title=f"Section {i}", box_minutes=5) for i in range(8)]
    session = Session(title=title, project="Benchmark", sections=sections)
    session.items.extend(
        Note(text=f"Point {k} raised about the vendor API and the timeline", section=f"s{k % 8}")
        for k in range(n_items)
    )
    return session


def seeded_store(folder: Path, n_sessions: int, n_items: int = 50) -> Store:
    """A store in ``folder`` holding ``n_sessions`` past sessions, listed once."""
    db = folder / "kickoff.json"
    seeder = Store(db, fileops=_NoSync())
    for k in range(n_sessions):
        seeder.save(bench_session(f"Past meeting {k}", n_items))
    store = Store(db)
    store.list_sessions()
    return store


def benchmark_save(tmpdir: Path | str, n_sessions: int, n_items: int, repeats: int = 30) -> float:
    """Median time (ms) of one capture-and-save of the current session.

    The store in ``tmpdir`` first receives ``n_sessions`` past sessions; then a current
    session of ``n_items`` items is saved ``repeats`` times, one new note before each save
    (what a capture does).
    """
    store = seeded_store(Path(tmpdir) / f"bench-{n_sessions}-{n_items}", n_sessions)
    current = store.save(bench_session("Current meeting", n_items))
    timings: list[float] = []
    for k in range(repeats):
        current.items.append(Note(text=f"Captured during the benchmark, number {k}"))
        started = time.perf_counter()
        current = store.save(current)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _index_saves(store: Store, k: int) -> float:
    """Milliseconds for new + start + wrap-up + rename of one session (four index writes)."""
    started = time.perf_counter()
    session = store.save(bench_session(f"Index bench {k}", 20))
    session.status, session.started_at = SessionStatus.RUNNING, utcnow()
    session = store.save(session)
    session.status, session.ended_at = SessionStatus.ENDED, utcnow()
    session = store.save(session)
    session.title = f"Index bench {k}, renamed"
    store.save(session)
    return (time.perf_counter() - started) * 1000


def benchmark_index(tmpdir: Path | str, sizes: tuple[int, ...] = (1, 200, 2000),
                    rounds: int = 15) -> dict[int, float]:
    """Median time (ms) of the index-changing saves, per number of past sessions."""
    stores = {n: seeded_store(Path(tmpdir) / f"index-{n}", n) for n in sizes}
    timings: dict[int, list[float]] = {n: [] for n in sizes}
    for k in range(rounds):
        for n in sizes:
            timings[n].append(_index_saves(stores[n], k))
    return {n: statistics.median(values) for n, values in timings.items()}


def main(argv: list[str]) -> int:
    """Print the figures and their bars; exit 1 if one is over its bar."""
    quick = "--quick" in argv
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        one = benchmark_save(tmp, n_sessions=1, n_items=200)
        many = benchmark_save(tmp, n_sessions=200, n_items=200)
        ratio = many / one
        ok &= ratio <= SAVE_BAR
        print(f"save_ms: 1 past session {one:.2f}, 200 past sessions {many:.2f}, "
              f"ratio {ratio:.2f} (bar {SAVE_BAR})")
        sizes = (1, 200) if quick else (1, 200, 2000)
        medians = benchmark_index(tmp, sizes, rounds=5 if quick else 15)
        for n in sizes[1:]:
            ratio = medians[n] / medians[1]
            ok &= ratio <= INDEX_BARS[n]
            print(f"save_index_ratio_{n}_vs_1: {ratio:.2f} (bar {INDEX_BARS[n]}; "
                  f"{medians[1]:.2f} ms vs {medians[n]:.2f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
