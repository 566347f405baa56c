"""What session files are on disk, told by ``stat`` alone (no file is read or parsed).

The index (``index.py``) records, per session, the signature of the snapshot and journal it
was taken from; :func:`files_on_disk` gives today's signatures and :func:`same_signature`
compares them. Only the standard library is imported here, so the quick listing
(``quick.py``) can use it without loading pydantic.

This module never imports Textual.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: The index folder, inside the sessions folder (see ``index.py``).
INDEX_DIR = ".index"

# Session ids become file names: refuse anything that could escape the folder or hide.
_SAFE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")

#: ``(mtime_ns, size, inode)`` of the snapshot and ``(inode, size)`` of the journal.
Signature = tuple[tuple[int, int, int] | None, tuple[int, int] | None]


def check_id(session_id: str) -> bool:
    """Whether a session id is safe as a file name."""
    return bool(_SAFE_ID.fullmatch(session_id))


def files_on_disk(sessions_dir: Path) -> dict[str, Signature]:
    """``id -> signature`` of every session's snapshot and journal, in the folder's order."""
    snaps: dict[str, tuple[int, int, int]] = {}
    journals: dict[str, tuple[int, int]] = {}
    try:
        scan = list(os.scandir(sessions_dir))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    for found in scan:
        name = found.name
        stem, dot, ext = name.rpartition(".")
        if not dot or ext not in ("json", "journal") or not check_id(stem):
            continue
        try:
            if not found.is_file():
                continue
            st = found.stat()
        except FileNotFoundError:
            continue  # deleted by another seat while we looked
        if ext == "json":
            snaps[stem] = (st.st_mtime_ns, st.st_size, st.st_ino)
        else:
            journals[stem] = (st.st_ino, st.st_size)
    return {sid: (sig, journals.get(sid)) for sid, sig in snaps.items()}


def same_signature(held: Signature, found: Signature) -> bool:
    """Whether an index entry's signature matches the files (JSON turns tuples to lists)."""
    def norm(sig: Signature) -> tuple[object, object]:
        return tuple(sig[0]) if sig[0] else None, tuple(sig[1]) if sig[1] else None
    return norm(held) == norm(found)
