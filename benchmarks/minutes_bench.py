"""The timing of every minutes format on a large ended meeting (``workload.ended_session``).

The product bar is "minutes for a 2,000-item meeting render in under 50 ms in every format";
the lead's benchmark reuses :func:`benchmark_minutes` so that the figure is measured the
same way everywhere. Kept out of the tests on purpose: timings belong in a benchmark.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

try:
    from benchmarks.workload import ended_session
except ModuleNotFoundError:  # run from benchmarks/ itself (run.py puts it on the path)
    from workload import ended_session  # type: ignore[no-redef]


def _time_ms(work: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``work`` over ``repeat`` runs, in milliseconds."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def benchmark_minutes(n_items: int = 2000, repeat: int = 5) -> dict[str, float]:
    """Time every minutes format on a meeting of ``n_items`` items.

    Each figure covers the whole job the CLI and the wrap-up do: building the minutes from the
    session and rendering them (for ``csv``, both the actions and the RAID files).

    Returns:
        ``{format: median milliseconds}`` for every entry of ``FORMATS``.
    """
    from kickoff_tui.core.minutes import (  # the package imports this module: import late
        FORMATS,
        build_minutes,
        render,
        render_csv_actions,
        render_csv_raid,
    )

    session = ended_session(n_items)
    timings: dict[str, float] = {}
    for fmt in FORMATS:
        work: Callable[[], object]
        if fmt == "csv":
            def work_csv() -> object:
                m = build_minutes(session)
                return render_csv_actions(m), render_csv_raid(m)
            work = work_csv
        else:
            def work_fmt(fmt: str = fmt) -> object:
                return render(session, fmt)
            work = work_fmt
        work()  # warm up imports and caches, as a running app would be
        timings[fmt] = _time_ms(work, repeat)
    return timings
