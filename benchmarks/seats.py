"""Seats: how fast an item captured in one seat is on another seat's screen, and what an open
seat costs while nobody types.

Run ``python benchmarks/seats.py`` (about two minutes; ``--quick`` for fewer samples and a
shorter idle window). It opens five real ``kickoff resume`` seats, each in its own 120x36
pseudo-terminal, on one session in one store, and measures:

* ``seat_propagation_ms_median`` / ``_p95``: a line is typed into one seat (the writer waits
  until its own capture line shows it, so typing is not timed), then Enter; the time until the
  item is drawn on the *next* seat's terminal. The writer and the watcher go round all five.
  Bars from PRODUCT.md: median under 1,000 ms, p95 under 1,500 ms.
* ``seat_idle_cpu_pct``: CPU time (user + system, from ``/proc``) of one of those seats over
  a window in which nobody types, as a percentage of one core. PRODUCT.md: a running meeting
  left idle uses under 1 % of a core.

The figures are merged into ``benchmarks/results.json`` (other keys are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path[:0] = [str(ROOT), str(BENCH_DIR)]

from run import RESULTS, Figure, _median, _p95, machine, table  # noqa: E402

from tests.ptyhelpers import PtyApp, kickoff_command  # noqa: E402

SEATS = 5


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def bench_seats(samples: int, idle_s: float, tmp: Path) -> list[Figure]:
    """Five seats on one session: propagation times, then one seat's idle CPU."""
    from kickoff_tui.core.agenda import new_session
    from kickoff_tui.core.store import Store

    db = tmp / "kickoff.json"
    session = new_session("Seats benchmark")
    Store(db).save(session)
    env = {"KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(tmp / "config")}
    seats = [PtyApp(kickoff_command("resume", session.id), env=env) for _ in range(SEATS)]
    try:
        for seat in seats:
            seat.wait_for("Objectives", timeout=60)
        seats[0].wait_for(f"{SEATS} seats", timeout=20)
        times: list[float] = []
        for index in range(samples):
            writer, watcher = seats[index % SEATS], seats[(index + 1) % SEATS]
            text = f"probe {index} {secrets.token_hex(3)}"
            mark = writer.offset
            writer.send(f"n: {text}")
            writer.wait_for(text, since=mark, timeout=10)  # typed; now time the Enter
            seen_from = watcher.offset
            entered = time.perf_counter()
            writer.send(b"\r")
            seen = watcher.wait_for(text, since=seen_from, timeout=30)
            times.append((seen - entered) * 1000)
        for seat in seats:
            seat.wait_quiet(quiet=0.3, timeout=5)
        idle = seats[0]
        before, began = _cpu_seconds(idle.proc.pid), time.monotonic()
        time.sleep(idle_s)  # the measurement itself: a window with nobody typing
        cpu = _cpu_seconds(idle.proc.pid) - before
        window = time.monotonic() - began
    finally:
        for seat in seats:
            seat.close()
    detail = {"seats": SEATS, "samples": samples, "min_ms": round(min(times), 1),
              "max_ms": round(max(times), 1)}
    return [
        Figure("seat_propagation_ms_median", _median(times), "ms", "<", 1000,
               "Enter in one seat to the item drawn on another (5 seats in ptys)", detail),
        Figure("seat_propagation_ms_p95", _p95(times), "ms", "<", 1500,
               "as above, 95th percentile", detail),
        Figure("seat_idle_cpu_pct", cpu / window * 100, "% of a core", "<", 1,
               "one of the 5 seats, running clock, nobody typing",
               {"window_s": round(window, 1), "cpu_s": round(cpu, 3)}),
    ]


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, merge the figures into results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 samples, a 10 s idle window")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kickoff-seats-") as folder:
        figures = bench_seats(10 if args.quick else 40, 10.0 if args.quick else 60.0,
                              Path(folder))
    print(table(figures))
    results: dict[str, Any] = {}
    if RESULTS.exists():
        try:
            results = json.loads(RESULTS.read_text(encoding="utf-8"))
        except ValueError:
            results = {}
    results.update({f.key: f.as_json() for f in figures})
    results.setdefault("machine", machine())
    results["seats_measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
