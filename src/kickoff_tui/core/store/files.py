"""Reading what is on disk without trusting it: errors, parsing, validation, repairs.

A file that does not parse, or parses into the wrong shape, raises :class:`DamagedFile`
with a one-line reason; the store sets such a file aside and never overwrites it. A
session from a newer Kickoff raises :class:`StoreError` (it is not damaged, so it is
neither set aside nor overwritten).

This module never imports Textual.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tinydb.storages import Storage

from kickoff_tui.core.atomic import FileOps, FileSig, atomic_write, read_bytes
from kickoff_tui.core.dates import aware
from kickoff_tui.core.models import SCHEMA_VERSION, Session, load_session, migrate
from kickoff_tui.core.store.scan import check_id as check_id  # re-exported
from kickoff_tui.core.textutil import validation_line


class StoreError(Exception):
    """A store operation failed; the message is one line, fit to show the user."""


def write_file(path: Path, data: bytes, ops: FileOps, *, backup: bool = True) -> FileSig:
    """Write a store file atomically (``atomic.py``), a failure worded as one line.

    Raises:
        StoreError: the file could not be written (it is left as it was).
    """
    try:
        return atomic_write(path, data, ops, backup=backup)
    except OSError as err:
        raise StoreError(f"Could not save to {path}: {err.strerror or err}") from err


class SessionNotFound(StoreError):
    """No stored session matches the id, prefix or ``latest`` asked for."""


class NewerSession(StoreError):
    """A session was written by a newer Kickoff: named as such, never touched."""


class DamagedFile(Exception):
    """A stored file does not parse, or parses into the wrong shape (internal)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unrecoverable(Exception):
    """A damaged session file had no good backup (internal; the warning is recorded)."""


def parse_json(raw: bytes) -> Any:
    """Parse stored JSON, turning every kind of damage into a one-line :class:`DamagedFile`."""
    if b"\x00" in raw:
        raise DamagedFile("contains NUL bytes")
    try:
        return json.loads(raw)
    except UnicodeDecodeError as err:
        raise DamagedFile("is not UTF-8 text") from err
    except json.JSONDecodeError as err:
        if err.msg.startswith("Extra data"):
            reason = f"has trailing garbage after character {err.pos}"
        elif not err.doc.rstrip().endswith(("}", "]")):
            # Every file the store writes ends with a closing bracket; one that stops
            # elsewhere was cut short (a crashed non-atomic writer, a full disk, a bad copy).
            reason = "is truncated"
        else:
            reason = f"is not valid JSON ({err.msg} at character {err.pos})"
        raise DamagedFile(reason) from err
    except RecursionError as err:
        raise DamagedFile("is nested too deeply to be a Kickoff file") from err


def validation_reason(err: ValidationError, what: str) -> str:
    """One line naming the first problem pydantic found (and how many more)."""
    return f"is not a valid Kickoff {what} ({validation_line(err)})"


def newer_message(session_id: str, version: int) -> str:
    """What to say about a session written by a newer Kickoff, everywhere it is met."""
    return (
        f"Session {session_id} was written by a newer Kickoff (schema {version}; this one "
        f"reads up to {SCHEMA_VERSION}): upgrade Kickoff to open it"
    )


def _dedupe_items(doc: dict[str, Any]) -> int:
    """Keep one item per id (the newest ``updated``, the first on a tie); returns how many
    duplicates were dropped. Works on the raw document, before validation."""
    items = doc.get("items")
    if not isinstance(items, list):
        return 0
    kept: dict[Any, int] = {}
    result: list[Any] = []
    for item in items:
        key = item.get("id") if isinstance(item, dict) else None
        if key is None or key not in kept:
            if key is not None:
                kept[key] = len(result)
            result.append(item)
            continue
        held = result[kept[key]]
        if str(item.get("updated", "")) > str(held.get("updated", "")):
            result[kept[key]] = item
    dropped = len(items) - len(result)
    if dropped:
        doc["items"] = result
    return dropped


class ParsedSession:
    """A session read from a file, and what had to be done to read it."""

    def __init__(self, session: Session, migrated_from: int | None, duplicates: int) -> None:
        self.session = session
        self.migrated_from = migrated_from
        self.duplicates = duplicates

    @property
    def needs_rewrite(self) -> bool:
        """Whether the file should be written back (migrated or repaired)."""
        return self.migrated_from is not None or self.duplicates > 0


def parse_session(raw: bytes, session_id: str) -> ParsedSession:
    """Parse, migrate, de-duplicate and validate a session document.

    Raises:
        DamagedFile: the bytes are not a valid session, or not the session of this file.
        NewerSession: the document was written by a newer Kickoff.
    """
    doc = parse_json(raw)
    if not isinstance(doc, dict):
        raise DamagedFile("is not a Kickoff session (not a JSON object)")
    version = doc.get("schema_version", 1)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise NewerSession(newer_message(session_id, version))
    try:
        migrated, changed = migrate(doc)
        duplicates = _dedupe_items(migrated)
        session = load_session(migrated)
    except ValidationError as err:
        raise DamagedFile(validation_reason(err, "session")) from err
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        # A malformed old-schema document can trip a migration step itself.
        raise DamagedFile(f"is not a valid Kickoff session ({type(err).__name__})") from err
    if session.id != session_id:
        raise DamagedFile(f"holds session {session.id!r}, not {session_id!r}")
    return ParsedSession(session, version if changed else None, duplicates)


def sort_key(moment: Any) -> Any:
    """Sort key for ``updated`` values that may be naive."""
    return aware(moment)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads strictly and writes atomically (see ``atomic.py``).

    Unlike TinyDB's ``JSONStorage`` it never creates or truncates the file on open, writes
    through a temporary file and ``os.replace`` (keeping ``.bak``), creates it with mode
    0600, and raises :class:`DamagedFile` instead of trusting a file that does not parse
    or fails ``check``.
    """

    def __init__(
        self,
        path: str,
        *,
        fileops: FileOps | None = None,
        check: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.fileops = fileops or FileOps()
        self.check = check
        #: Signature of the version last read or written.
        self.last_sig: FileSig | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, or ``None`` for a store not written yet."""
        try:
            raw, sig = read_bytes(self.path)
        except FileNotFoundError:
            self.last_sig = None
            return None
        if not raw.strip():
            self.last_sig = sig
            return None
        data = parse_json(raw)
        if self.check is not None:
            self.check(data)
        self.last_sig = sig
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the database file atomically (raises ``OSError``, file intact)."""
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.last_sig = None
        self.last_sig = atomic_write(self.path, payload, self.fileops)
