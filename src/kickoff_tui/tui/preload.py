"""Import what a screen will need later, in the background, once the first frame is up.

The wrap-up screen's modules (Textual's Markdown, TextArea and their parsers) took about
0.2 s to import on ctrl+r, part of the wrap-up's bar (PRODUCT.md: up in under 500 ms with
10,000 items). Imported a moment after the agenda is shown, on a daemon thread, they are
ready by then; the import never delays the agenda's own first frame, and a failure here
only means the import happens later, where it always did.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import time

#: Seconds after the call before importing: the first frames and saves come first.
PRELOAD_AFTER_S = 1.0


def preload(*modules: str, after: float = PRELOAD_AFTER_S) -> threading.Thread:
    """Import ``modules`` on a daemon thread ``after`` seconds from now.

    Returns:
        The thread (tests join it).
    """

    def run() -> None:
        time.sleep(after)
        for name in modules:
            with contextlib.suppress(Exception):  # imported again, and reported, when used
                importlib.import_module(name)

    thread = threading.Thread(target=run, name="kickoff-preload", daemon=True)
    thread.start()
    return thread
