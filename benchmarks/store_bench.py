"""Benchmark: does a save cost the same with 1 or 200 past sessions in the store?

PRODUCT.md's bar: within 1.2x. Run ``python benchmarks/store_bench.py [N_ITEMS]``; the
measurement itself is :func:`kickoff_tui.core.store.benchmark_save`, which the project's
benchmark suite reuses.
"""

from __future__ import annotations

import sys
import tempfile

from kickoff_tui.core.store import benchmark_save

#: PRODUCT.md: "A save costs the same with 1 or 200 past sessions in the store (within 1.2x)."
BAR = 1.2


def main(argv: list[str]) -> int:
    """Print the median save time with 1 and 200 past sessions and their ratio."""
    n_items = int(argv[1]) if len(argv) > 1 else 200
    with tempfile.TemporaryDirectory() as tmp:
        one = benchmark_save(tmp, n_sessions=1, n_items=n_items)
        many = benchmark_save(tmp, n_sessions=200, n_items=n_items)
    ratio = many / one
    verdict = "ok" if ratio <= BAR else "OVER THE BAR"
    print(
        f"save of a {n_items}-item session: 1 past session {one:.2f} ms, "
        f"200 past sessions {many:.2f} ms, ratio {ratio:.2f} (bar {BAR}) {verdict}"
    )
    return 0 if ratio <= BAR else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
