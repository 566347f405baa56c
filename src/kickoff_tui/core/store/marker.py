"""Is this path a Kickoff store? Decided before anything is created, renamed or chmodded.

The store's main file (``--db``, ``KICKOFF_DB``) is a TinyDB file holding one table of its
own, ``kickoff_store``, with the store's format version: that marker is what makes a file
ours. A schema 1 store (before the marker) is recognised by its valid index table and
migrated by adding the marker. Anything else that exists at the path — the user's
``.bashrc``, another app's TinyDB file, a folder, a device, an empty file with no store of
ours beside it — is refused with one line and left exactly as it was.

Only the standard library is imported here, so the command line can check ``--db`` before
it loads anything heavy.

This module never imports Textual.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

#: The table of the main file that marks it as a Kickoff store.
MARKER_TABLE = "kickoff_store"
#: The store's on-disk format: 1 had the whole index in the main file, 2 has the marker,
#: per-session index files and per-session journals.
STORE_FORMAT = 2
#: The table that held the whole index in format 1.
V1_INDEX_TABLE = "sessions"


class NotAStore(Exception):
    """The path names something that is not a Kickoff store (the message is one line)."""


def marker_document() -> dict[str, Any]:
    """The main file's content: the marker table and nothing else."""
    return {MARKER_TABLE: {"1": {"format": STORE_FORMAT, "app": "kickoff"}}}


def resolve_db_path(raw: str | os.PathLike[str]) -> Path:
    """The main file's path: ``~`` expanded, a symlink followed to its target.

    Raises:
        NotAStore: the path is empty, or names a folder (``~``, ``.``).
    """
    text = os.fspath(raw)
    if not text.strip():
        raise NotAStore("The store path is empty: give --db (or KICKOFF_DB) a file name")
    path = Path(text).expanduser()
    if path.is_symlink():
        # Written through, never replaced: the link keeps pointing at the store.
        path = Path(os.path.realpath(path))
    if path.is_dir() or text.rstrip().endswith(os.sep):
        raise NotAStore(_folder_message(path))
    return path


def _folder_message(path: Path) -> str:
    return (f"{path} is a folder, not a Kickoff store file (--db and KICKOFF_DB name the "
            f"store's main file, e.g. {path / 'kickoff.json'})")


def sessions_dir_of(path: Path) -> Path:
    """The folder of a store's session files, beside its main file ``path``."""
    return path.with_name(path.stem + ".sessions")


def _has_store_beside(path: Path) -> bool:
    """Whether files only a Kickoff store keeps are beside ``path``."""
    return sessions_dir_of(path).is_dir()


def looks_like_v1(data: Any) -> bool:
    """Whether parsed JSON is a format 1 index: ``{"sessions": {"1": {...}, ...}}``."""
    if not isinstance(data, dict) or set(data) != {V1_INDEX_TABLE}:
        return False
    table = data[V1_INDEX_TABLE]
    return isinstance(table, dict) and all(
        key.isdigit() and isinstance(doc, dict) and isinstance(doc.get("id"), str)
        for key, doc in table.items()
    )


def has_marker(data: Any) -> bool:
    """Whether parsed JSON carries our marker table."""
    if not isinstance(data, dict):
        return False
    table = data.get(MARKER_TABLE)
    return isinstance(table, dict) and any(
        isinstance(doc, dict) and isinstance(doc.get("format"), int) for doc in table.values()
    )


def check_store(path: Path) -> str:
    """Classify what is at ``path`` without changing anything.

    Returns:
        ``"new"`` (nothing there yet), ``"ours"`` (marker present), ``"v1"`` (a format 1
        index to migrate), or ``"damaged"`` (not readable as ours, but our store's folder
        is beside it: set it aside and rebuild, as for any damaged file of ours).

    Raises:
        NotAStore: something that is not a Kickoff store is there.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "new"
    except OSError as err:
        raise NotAStore(f"Cannot use {path} as the store: {err.strerror or err}") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotAStore(_folder_message(path))
    if not stat.S_ISREG(st.st_mode):
        raise NotAStore(f"{path} is not a regular file (a device or pipe?), not a Kickoff store")
    ours_beside = _has_store_beside(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(64 * 1024 * 1024)
    except OSError as err:
        raise NotAStore(f"Cannot read {path}: {err.strerror or err}") from None
    try:
        data = json.loads(raw) if raw.strip() else None
    except (ValueError, RecursionError):
        data = None
    if has_marker(data):
        return "ours"
    if looks_like_v1(data):
        return "v1"
    if ours_beside:
        return "damaged"
    if not raw.strip():
        raise NotAStore(f"{path} is an empty file that is not a Kickoff store; "
                        "remove it or name another file")
    what = "another program's TinyDB file" if isinstance(data, dict) else "some other file"
    raise NotAStore(f"{path} is not a Kickoff store ({what}); it was left as it is: "
                    "name another file with --db")


def check_db_path(raw: str | os.PathLike[str]) -> Path:
    """Resolve and check a ``--db`` / ``KICKOFF_DB`` value in one go (nothing is changed).

    Raises:
        NotAStore: it is not a Kickoff store (the message is one line).
    """
    path = resolve_db_path(raw)
    check_store(path)
    return path
