"""The store's main file: written with its marker when new, migrated from format 1, and
repaired when damaged (see ``marker.py`` for what makes a file ours). Called by the store with
its lock held.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from kickoff_tui.core.atomic import FileOps, bak_path, keep_copy, read_bytes, set_aside
from kickoff_tui.core.store.files import (
    AtomicJSONStorage,
    DamagedFile,
    StoreError,
    parse_json,
    write_file,
)
from kickoff_tui.core.store.marker import NotAStore, check_store, has_marker, marker_document


def ensure_main(path: Path, ops: FileOps, warn: Callable[[str], None]) -> bool:
    """Give the main file at ``path`` its marker: new, format 1 or damaged.

    Returns:
        Whether the main file is now a marked Kickoff store (False: it could not be written,
        which ``warn`` was told; the sessions are what matters, so saving goes on).

    Raises:
        StoreError: the path is not a Kickoff store at all (left exactly as it was).
    """
    try:
        kind = check_store(path)
    except NotAStore as err:
        raise StoreError(str(err)) from None
    try:
        if kind == "v1":
            keep_copy(path, ".v1.orig")
            write_marker(path, ops)
        elif kind == "new":
            write_marker(path, ops)
        elif kind == "damaged":
            _repair_main(path, ops, warn)
    except (OSError, StoreError) as err:
        # The marker is written at the next chance.
        reason = err.strerror if isinstance(err, OSError) else str(err)
        warn(f"The store's main file {path} could not be written: {reason}")
        return False
    return True


def write_marker(path: Path, ops: FileOps) -> None:
    """Write the main file: a TinyDB database holding only the marker table."""
    AtomicJSONStorage(str(path), fileops=ops).write(marker_document())


def _repair_main(path: Path, ops: FileOps, warn: Callable[[str], None]) -> None:
    """Set a damaged main file aside; restore its ``.bak`` or write a new one."""
    raw, _ = read_bytes(path)
    try:
        parse_json(raw)
        reason = "has no Kickoff store marker"
    except DamagedFile as damage:
        reason = damage.reason if raw.strip() else "is empty"
    aside = set_aside(path)
    head = f"The store's main file {path} {reason}; set aside as {aside.name}"
    bak = bak_path(path)
    try:
        raw, _ = read_bytes(bak)
        good = has_marker(parse_json(raw))
    except (FileNotFoundError, DamagedFile):
        good = False
    if good:
        write_file(path, raw, ops, backup=True)
        warn(f"{head}; restored the previous version from {bak.name}.")
        return
    if bak.exists():
        with contextlib.suppress(OSError):
            set_aside(bak)
    write_marker(path, ops)
    warn(f"{head}; the index is rebuilt from the session files.")
