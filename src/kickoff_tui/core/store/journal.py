"""The append-only journal of one session: one JSON line per change.

Beside each session's snapshot (``<id>.json``) the store keeps ``<id>.journal``: every item
upsert or tombstone and every session-field change is appended to it as one line and
fsync'd, so a save costs about the size of what changed, whatever the size of the meeting,
and an idle meeting writes nothing. The lines::

    {"i": {<the item, as stored>}}
    {"f": "next_step", "t": "<stamp>", "v": <the value>}

Recovery is the snapshot plus a replay of the journal by the merge rule (``merge.py``), so
replaying a line twice changes nothing and the order of two seats' lines does not matter. A
torn last line (a writer killed mid-write) is ignored; before appending after one, the
writer ends it with a newline so it never glues onto the next change. Compaction (the store
writes a new snapshot, then an empty journal in its place, under the lock) happens at
wrap-up, at quit and when the journal passes :data:`COMPACT_BYTES`.

Other seats follow the journal by file offset: a ``stat`` tells whether it grew (or was
replaced by a compaction, a new inode), and only the new lines are read.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json

from kickoff_tui.core.atomic import FILE_MODE, FileOps
from kickoff_tui.core.models import ITEM_ADAPTER, Session
from kickoff_tui.core.store.merge import SESSION_FIELDS, Changes

#: The journal's suffix beside the snapshot ``<id>.json``.
JOURNAL_SUFFIX = ".journal"
#: A journal longer than this is compacted into the snapshot (by the saving thread).
COMPACT_BYTES = 1 << 20


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    """A validator for one session field, with the field's own constraints (its annotation
    and its ``Field`` info), for a field change read back from the journal."""
    info = Session.model_fields[name]
    field_type: Any = Annotated[info.annotation, info]  # a type built at run time
    return TypeAdapter(field_type)


def encode(changes: Changes) -> bytes:
    """The journal lines for ``changes`` (items first, then fields), newline-terminated."""
    parts: list[bytes] = []
    for item in changes.items:
        parts.append(b'{"i":' + item.model_dump_json().encode("utf-8") + b"}\n")
    for name, (value, stamp) in changes.fields.items():
        head = json.dumps({"f": name, "t": stamp.isoformat()})[:-1].encode("utf-8")
        parts.append(head + b',"v":' + to_json(value) + b"}\n")
    return b"".join(parts)


class Decoded:
    """What a run of journal bytes held."""

    def __init__(self) -> None:
        self.changes = Changes()
        #: Bytes consumed (up to the end of the last complete line, or of a torn one).
        self.consumed = 0
        #: Lines that were complete JSON but not a valid change (reported by the caller).
        self.invalid = 0


def _decode_line(line: bytes, changes: Changes) -> bool:
    """Add one line's change; returns ``False`` for a line that is not a valid change."""
    try:
        doc = json.loads(line)
    except ValueError:
        return True  # a torn line ended by a later writer: nothing was promised for it
    try:
        if "i" in doc:
            changes.items.append(ITEM_ADAPTER.validate_python(doc["i"]))
            return True
        name = doc["f"]
        if name not in SESSION_FIELDS:
            return False
        value = _field_adapter(name).validate_python(doc["v"])
        stamp = datetime.fromisoformat(doc["t"])
    except (ValidationError, KeyError, TypeError, ValueError):
        return False
    changes.fields[name] = (value, stamp)
    return True


def decode(data: bytes, *, torn_ok: bool) -> Decoded:
    """Decode journal bytes.

    Args:
        data: bytes read from some offset of the journal (at a line start).
        torn_ok: whether a last line without its newline is torn (a dead writer: under the
            lock, or at recovery) and may be consumed; otherwise it may still be being
            written, and is left for the next read.
    """
    result = Decoded()
    end = data.rfind(b"\n") + 1
    for line in data[:end].split(b"\n"):
        if line.strip() and not _decode_line(line, result.changes):
            result.invalid += 1
    result.consumed = len(data) if torn_ok else end
    return result


def journal_path(snapshot: Path) -> Path:
    """The journal beside a snapshot file."""
    return snapshot.with_suffix(JOURNAL_SUFFIX)


def read_from(path: Path, offset: int) -> tuple[bytes, int, int]:
    """The journal's bytes from ``offset``, its inode and its size as read.

    A journal that does not exist reads as empty, inode 0.
    """
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            handle.seek(offset)
            data = handle.read(max(0, st.st_size - offset))
            return data, st.st_ino, offset + len(data)
    except FileNotFoundError:
        return b"", 0, 0


def append(path: Path, payload: bytes, ops: FileOps) -> tuple[int, int]:
    """Append ``payload`` and fsync it (the store's lock is held).

    Returns:
        The journal's inode and its size after the append.

    Raises:
        OSError: nothing was appended (a partial write is cut off again).
    """
    created = not path.exists()
    fd = ops.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        st = os.fstat(fd)
        size = st.st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            payload = b"\n" + payload  # end a torn line left by a killed writer
        try:
            if created:
                os.fchmod(fd, FILE_MODE)
            view = memoryview(payload)
            while view:
                view = view[ops.write(fd, view):]
            ops.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                if created:
                    os.unlink(path)
                else:
                    os.ftruncate(fd, size)
            raise
        if created:
            ops.fsync_dir(path.parent)
        return st.st_ino, size + len(payload)
    finally:
        os.close(fd)


def touch(path: Path) -> None:
    """Mark the journal alive now without writing a byte (a running clock's heartbeat).

    A crashed meeting's clock is counted up to the journal's last modification time.
    """
    try:
        os.utime(path)
    except FileNotFoundError:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        os.close(fd)
