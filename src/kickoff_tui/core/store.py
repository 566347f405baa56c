"""The crash-safe session store: a TinyDB index plus one JSON file per session.

Layout, for the main file ``kickoff.json`` (``paths.default_db_path()``, ``--db`` or
``KICKOFF_DB``); everything beside it whose name starts with its name or stem is the
store's own::

    kickoff.json                        TinyDB database, table ``sessions``: the index,
                                        one small summary per session
    kickoff.json.bak                    previous good version of the index
    kickoff.json.lock                   cross-process lock serialising every writer
    kickoff.sessions/<id>.json          the full session document (schema-versioned)
    kickoff.sessions/<id>.json.bak      its previous good version
    kickoff.sessions/<id>.json.v1.orig  the original of a document migrated from schema 1
    *.damaged-<UTC time>                a damaged file, set aside (never overwritten)

Why one file per session: saving the current session then writes only that file, so a save
costs the same with 1 or 200 past sessions. The index is rewritten only when a session's
*identity* in the listing changes (new session, title, project, status, start, end), not on
every save. The item count and ``updated`` time in the index may therefore lag behind; each
index entry records the ``(mtime, size, inode)`` of the session file it summarised, and
:meth:`Store.list_sessions` re-summarises the (few) session files whose signature changed,
adds files the index does not know and drops entries whose file is gone. The session files
are the truth; the index is a cache that can always be rebuilt from them.

Every file is written by :func:`~kickoff_tui.core.atomic.atomic_write` (temporary file,
fsync, ``.bak``, ``os.replace``, folder fsync) with mode 0600, and only while holding the
file lock, so two seats never interleave. A second seat's save re-reads the session file
only if its signature changed since this process last read or wrote it, merges item by item
(:func:`merge_sessions`) and returns the merged session for the caller to adopt.

A file that does not parse, or parses into the wrong shape, is never trusted and never
overwritten: it is renamed aside, the ``.bak`` is used if it is good, and one line saying so
is appended to :attr:`Store.warnings`.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from filelock import FileLock, Timeout
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from tinydb import TinyDB, where
from tinydb.storages import Storage
from tinydb.table import Document

from kickoff_tui.core import paths
from kickoff_tui.core.atomic import (
    DIR_MODE,
    FILE_MODE,
    FileOps,
    FileSig,
    atomic_write,
    bak_path,
    keep_copy,
    read_bytes,
    remove_stale_temps,
    set_aside,
    stat_sig,
)
from kickoff_tui.core.models import (
    SCHEMA_VERSION,
    AgendaSection,
    Note,
    Session,
    SessionStatus,
    load_session,
    migrate,
)

__all__ = [
    "AtomicJSONStorage",
    "FileOps",
    "SessionNotFound",
    "SessionSummary",
    "Store",
    "StoreError",
    "benchmark_save",
    "merge_sessions",
]

#: The TinyDB table holding the index.
INDEX_TABLE = "sessions"
#: How long a save waits for another seat's write before giving up (seconds).
LOCK_TIMEOUT_S = 10.0

# Session ids become file names: refuse anything that could escape the folder or hide.
_SAFE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")
_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)


class StoreError(Exception):
    """A store operation failed; the message is one line, fit to show the user."""


class SessionNotFound(StoreError):
    """No stored session matches the id, prefix or ``latest`` asked for."""


class DamagedFile(Exception):
    """A stored file does not parse, or parses into the wrong shape (internal)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Unrecoverable(Exception):
    """A damaged session file had no good backup (internal; the warning is recorded)."""


# -- models of the index ------------------------------------------------------------------


class SessionSummary(BaseModel):
    """What the listing shows of a session, without loading it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=64)
    title: str
    project: str = ""
    status: SessionStatus
    created: datetime
    updated: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    items: int = Field(ge=0, description="Live (not deleted) items captured.")

    @classmethod
    def of(cls, session: Session) -> SessionSummary:
        """Summarise a session."""
        return cls(**_summary_fields(session))


class _IndexEntry(SessionSummary):
    """An index document: the summary plus the signature of the file it was taken from."""

    file_sig: tuple[int, int, int] | None = None

    @classmethod
    def of_file(cls, session: Session, sig: FileSig) -> _IndexEntry:
        return cls(**_summary_fields(session), file_sig=(sig[0], sig[1], sig[2]))

    def identity(self) -> tuple[Any, ...]:
        """The fields whose change makes a save rewrite the index."""
        return (
            self.title,
            self.project,
            self.status,
            self.created,
            self.started_at,
            self.ended_at,
        )

    def summary(self) -> SessionSummary:
        return SessionSummary(**self.model_dump(exclude={"file_sig"}))


def _summary_fields(session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "title": session.title,
        "project": session.project,
        "status": session.status,
        "created": session.created,
        "updated": session.updated,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "items": sum(1 for item in session.items if not item.deleted),
    }


# -- parsing what is on disk ---------------------------------------------------------------


def _parse_json(raw: bytes) -> Any:
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


def _validation_reason(err: ValidationError, what: str) -> str:
    first = err.errors()[0]
    where_ = ".".join(str(part) for part in first["loc"]) or "top level"
    more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
    return f"is not a valid Kickoff {what} ({where_}: {first['msg']}{more})"


def _check_index(data: Any) -> None:
    """Refuse anything but ``{"sessions": {"<int>": <index entry>, ...}}``."""
    if not isinstance(data, dict):
        raise DamagedFile("is not a Kickoff store index (not a JSON object)")
    foreign = sorted(set(data) - {INDEX_TABLE})
    if foreign:
        raise DamagedFile(f"is not a Kickoff store index (unexpected table {foreign[0]!r})")
    table = data.get(INDEX_TABLE, {})
    if not isinstance(table, dict):
        raise DamagedFile("is not a Kickoff store index (table 'sessions' is not an object)")
    seen: set[str] = set()
    for doc_id, doc in table.items():
        if not doc_id.isdigit():
            raise DamagedFile(f"is not a Kickoff store index (document id {doc_id!r})")
        try:
            entry = _IndexEntry.model_validate(doc)
        except ValidationError as err:
            raise DamagedFile(_validation_reason(err, "store index")) from err
        if entry.id in seen:
            raise DamagedFile(f"is not a Kickoff store index (session {entry.id} listed twice)")
        seen.add(entry.id)


def _parse_session(raw: bytes, session_id: str) -> tuple[Session, int | None]:
    """Parse, migrate and validate a session document.

    Returns:
        The session, and the schema version it was migrated from (``None`` if it was
        current).

    Raises:
        DamagedFile: the bytes are not a valid session, or not the session of this file.
        StoreError: the document was written by a newer Kickoff; it is not damaged, so it
            must be neither set aside nor overwritten.
    """
    doc = _parse_json(raw)
    if not isinstance(doc, dict):
        raise DamagedFile("is not a Kickoff session (not a JSON object)")
    version = doc.get("schema_version", 1)
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise StoreError(
            f"Session {session_id} was written by a newer Kickoff (schema {version}; this one "
            f"reads up to {SCHEMA_VERSION}): upgrade Kickoff to open it"
        )
    try:
        migrated, changed = migrate(doc)
        session = load_session(migrated)
    except ValidationError as err:
        raise DamagedFile(_validation_reason(err, "session")) from err
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        # A malformed old-schema document can trip a migration step itself.
        raise DamagedFile(f"is not a valid Kickoff session ({type(err).__name__})") from err
    if session.id != session_id:
        raise DamagedFile(f"holds session {session.id!r}, not {session_id!r}")
    return session, (version if changed else None)


# -- the merge ----------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    # Naive datetimes (hand-edited files) are read as UTC so comparisons never raise.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def merge_sessions(ours: Session, theirs: Session) -> Session:
    """Merge another seat's version of a session into ours, item by item.

    Items are united by id; for an id in both, the one with the newer ``updated`` wins
    (ours on a tie), so an edit or a tombstone (``deleted=True``) merges like any change.
    Everything else (title, status, current section, clock, ...) is ours: the saver owns
    the session-level state. Items keep our order; items only they have follow, in
    their order.

    Args:
        ours: the version being saved.
        theirs: the version found on disk (or last written).

    Returns:
        ``ours`` itself if they had nothing newer, else a shallow copy with merged items.
    """
    their_items = {item.id: item for item in theirs.items}
    merged: list[Any] = []
    seen: set[str] = set()
    took_theirs = False
    for item in ours.items:
        other = their_items.get(item.id)
        if other is not None and other is not item and _aware(other.updated) > _aware(item.updated):
            merged.append(other)
            took_theirs = True
        else:
            merged.append(item)
        seen.add(item.id)
    only_theirs = [item for item in theirs.items if item.id not in seen]
    if not took_theirs and not only_theirs:
        return ours
    return ours.model_copy(update={"items": merged + only_theirs})


# -- the TinyDB storage ---------------------------------------------------------------------


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
        #: Signature of the version last read or written (lets the store skip re-reads).
        self.last_sig: FileSig | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, or ``None`` for a store not written yet."""
        try:
            raw, sig = read_bytes(self.path)
        except FileNotFoundError:
            self.last_sig = None
            return None
        if not raw.strip():
            # An empty file holds nothing to lose (e.g. created by `touch`): a new store.
            self.last_sig = sig
            return None
        data = _parse_json(raw)
        if self.check is not None:
            self.check(data)
        self.last_sig = sig
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the database file atomically (raises ``OSError``, file intact)."""
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.last_sig = None
        self.last_sig = atomic_write(self.path, payload, self.fileops)


# -- the store ------------------------------------------------------------------------------


@dataclass
class _Known:
    """What this process last read or wrote of one session file."""

    sig: FileSig
    session: Session
    content: str | None  # the JSON written, minus ``updated``; None when it was read


@dataclass
class _Loaded:
    session: Session
    sig: FileSig


def _check_id(session_id: str) -> bool:
    return bool(_SAFE_ID.fullmatch(session_id))


def _with_updated(content: str, moment: datetime) -> bytes:
    """Put ``"updated"`` into a session's JSON serialised without it.

    Serialising once without ``updated`` lets a save compare the content with the last
    write (to skip a no-op save) and still stamp the time, without serialising twice.
    """
    return b'{"updated":' + _DATETIME.dump_json(moment) + b"," + content[1:].encode("utf-8")


class Store:
    """The session store. Safe to call from several threads and several processes.

    Args:
        path: the main (index) file; ``None`` means :func:`paths.default_db_path`.
        fileops: the file system calls used for writing (tests inject faults here).
    """

    def __init__(self, path: Path | None = None, *, fileops: FileOps | None = None) -> None:
        self.path: Path = Path(path).expanduser() if path is not None else paths.default_db_path()
        #: One line per problem found and handled (damaged files set aside...), for the UI.
        self.warnings: list[str] = []
        self.sessions_dir: Path = self.path.with_name(self.path.stem + ".sessions")
        self._ops = fileops or FileOps()
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._file_lock = FileLock(str(self._lock_path), timeout=LOCK_TIMEOUT_S, mode=FILE_MODE)
        self._mutex = threading.RLock()
        self._db = TinyDB(
            str(self.path), storage=AtomicJSONStorage, fileops=self._ops, check=_check_index
        )
        self._table = self._db.table(INDEX_TABLE)
        self._index: dict[str, tuple[int, _IndexEntry]] | None = None
        self._index_sig: FileSig | None = None
        self._known: dict[str, _Known] = {}
        self._folders_ready = False
        self._temps_cleaned = False

    # -- public API -------------------------------------------------------------------------

    def list_sessions(self) -> list[SessionSummary]:
        """Every stored session, most recently updated first."""
        with self._mutex:
            entries = self._reconciled_index()
        summaries = [entry.summary() for entry in entries.values()]
        summaries.sort(key=lambda s: _aware(s.updated), reverse=True)
        return summaries

    def resolve(self, ref: str) -> str:
        """Turn ``latest``, a full id or a unique id prefix into a session id.

        Raises:
            SessionNotFound: nothing (or more than one session) matches.
        """
        ref = ref.strip()
        summaries = self.list_sessions()
        if ref.lower() == "latest":
            if not summaries:
                raise SessionNotFound(
                    f"No sessions stored yet in {self.path} (start one with `kickoff new`)"
                )
            return summaries[0].id
        ids = [summary.id for summary in summaries]
        if ref in ids:
            return ref
        matches = sorted(i for i in ids if ref and i.lower().startswith(ref.lower()))
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
            raise SessionNotFound(
                f"'{ref}' matches {len(matches)} sessions ({shown}): type more of the id"
            )
        raise SessionNotFound(f"No session matches '{ref}' (try `kickoff list`)")

    def load(self, session_id: str) -> Session:
        """Load a session by its full id (see :meth:`resolve` for prefixes).

        Raises:
            SessionNotFound: no such session.
            StoreError: it is damaged beyond its backup, or from a newer Kickoff.
        """
        if not _check_id(session_id):
            raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
        with self._mutex:
            try:
                loaded = self._read_session(session_id)
            except _Unrecoverable as err:
                raise StoreError(str(err)) from None
            if loaded is None:
                raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
            self._known[session_id] = _Known(loaded.sig, loaded.session, None)
            return loaded.session

    def save(self, session: Session) -> Session:
        """Save a session atomically, merged with any other seat's changes.

        Items are never dropped by a save (delete them with a tombstone, ``deleted=True``):
        the session is merged with the version on disk if another process changed it,
        else with what this store last wrote, so even an older snapshot saved late
        loses nothing. ``updated`` is stamped whenever the content changed; a save that
        changes nothing writes nothing.

        Returns:
            The session as saved, with any other seat's items: adopt it. It is a shallow
            copy (it shares item objects with ``session``) unless nothing changed.

        Raises:
            StoreError: nothing was saved (full disk, I/O error, lock held too long...); the
                file on disk is as it was. (Only if the last step, the folder fsync, failed
                is the new version already in place; saving again is then harmless.)
        """
        session_id = session.id
        if not _check_id(session_id):
            raise StoreError(
                f"Cannot save session id {session_id!r}: use letters, digits, '-' and '_'"
            )
        path = self._session_path(session_id)
        with self._mutex, self._locked(path):
            known = self._known.get(session_id)
            on_disk = stat_sig(path)
            base: Session | None = None
            if on_disk is not None and (known is None or known.sig != on_disk):
                # Another seat (or a repair) wrote it since we last looked: merge theirs.
                try:
                    loaded = self._read_session(session_id, locked=True)
                except _Unrecoverable:
                    loaded = None  # set aside and reported; ours is all there is
                base = loaded.session if loaded is not None else None
                known = None
            elif known is not None:
                base = known.session
            merged = session if base is None or base is session else merge_sessions(session, base)
            content = merged.model_dump_json(exclude={"updated"})
            if known is not None and on_disk == known.sig and content == known.content:
                return merged
            now = max(datetime.now(UTC), _aware(merged.updated))
            sig = self._write(path, _with_updated(content, now))
            merged = merged.model_copy(update={"updated": now})
            self._known[session_id] = _Known(sig, merged, content)
            self._note_in_index(merged, sig)
            return merged

    def delete(self, session_id: str) -> None:
        """Delete a session and every file kept for it (backups, originals, damaged copies).

        Raises:
            SessionNotFound: no such session.
        """
        if not _check_id(session_id):
            raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
        path = self._session_path(session_id)
        with self._mutex, self._locked(path):
            listed = session_id in self._index_entries()
            if not path.exists() and not listed:
                raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
            try:
                # Meeting notes are confidential: deleting means every copy, not just one.
                for name in os.listdir(self.sessions_dir):
                    if name == path.name or name.startswith(path.name + "."):
                        os.unlink(self.sessions_dir / name)
                self._ops.fsync_dir(self.sessions_dir)
            except FileNotFoundError:
                pass
            except OSError as err:
                raise StoreError(f"Could not delete {path}: {err.strerror or err}") from err
            self._known.pop(session_id, None)
            if listed:
                self._apply_index([], {session_id})

    def latest_unfinished(self) -> SessionSummary | None:
        """The most recently updated session not ended yet (to offer resuming it)."""
        return next(
            (s for s in self.list_sessions() if s.status != SessionStatus.ENDED),
            None,
        )

    # -- locking and folders -------------------------------------------------------------------

    def _session_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    def _prepare_folders(self, target: Path) -> None:
        if self._folders_ready:
            return
        try:
            self.path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            self.sessions_dir.mkdir(mode=DIR_MODE, exist_ok=True)
            # The sessions folder is ours alone; the main file's folder may be the user's.
            os.chmod(self.sessions_dir, DIR_MODE)
        except OSError as err:
            raise StoreError(f"Could not save to {target}: {err.strerror or err}") from err
        self._folders_ready = True

    @contextlib.contextmanager
    def _locked(self, target: Path | None = None) -> Iterator[None]:
        """Hold the cross-process lock (re-entrant within a thread)."""
        target = target or self.path
        self._prepare_folders(target)
        try:
            self._file_lock.acquire()
        except Timeout:
            raise StoreError(
                f"Could not save to {target}: another Kickoff has held {self._lock_path} "
                f"for {LOCK_TIMEOUT_S:.0f} s"
            ) from None
        except OSError as err:
            raise StoreError(f"Could not save to {target}: {err.strerror or err}") from err
        try:
            if not self._temps_cleaned:
                # Writers only write under the lock, so any temp file now is a dead one's.
                remove_stale_temps(self.sessions_dir)
                remove_stale_temps(self.path.parent, prefix=f".{self.path.name}.")
                self._temps_cleaned = True
            yield
        finally:
            self._file_lock.release()

    def _write(self, path: Path, data: bytes) -> FileSig:
        try:
            return atomic_write(path, data, self._ops)
        except OSError as err:
            raise StoreError(f"Could not save to {path}: {err.strerror or err}") from err

    def _warn(self, message: str) -> None:
        line = " ".join(message.split())  # one line, whatever the reason text held
        if line not in self.warnings:
            self.warnings.append(line)

    # -- session files -----------------------------------------------------------------------

    def _read_session(self, session_id: str, *, locked: bool = False) -> _Loaded | None:
        """Read one session file; repair it (under the lock) if damaged or old.

        Returns ``None`` if there is no such file.

        Raises:
            _Unrecoverable: it was damaged and its backup too (both set aside, reported).
            StoreError: it cannot be read, or is from a newer Kickoff.
        """
        path = self._session_path(session_id)
        try:
            raw, sig = read_bytes(path)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise StoreError(f"Could not read {path}: {err.strerror or err}") from err
        try:
            session, migrated_from = _parse_session(raw, session_id)
        except DamagedFile as damage:
            if not locked:
                # Repairs write; redo the read under the lock in case another seat
                # repaired or replaced the file meanwhile.
                with self._locked(path):
                    return self._read_session(session_id, locked=True)
            return self._recover_session(session_id, damage)
        if migrated_from is not None:
            if not locked:
                with self._locked(path):
                    return self._read_session(session_id, locked=True)
            # Keep the original before the migrated version replaces it.
            try:
                keep_copy(path, f".v{migrated_from}.orig")
            except OSError as err:
                raise StoreError(f"Could not save to {path}: {err.strerror or err}") from err
            sig = self._write(path, session.model_dump_json().encode("utf-8"))
        return _Loaded(session, sig)

    def _recover_session(self, session_id: str, damage: DamagedFile) -> _Loaded:
        """Set a damaged session file aside and restore its ``.bak`` (lock held)."""
        path = self._session_path(session_id)
        try:
            aside = set_aside(path)
        except OSError as err:
            raise StoreError(f"Could not set aside damaged {path}: {err.strerror}") from err
        head = f"Session file {path} {damage.reason}; set aside as {aside.name}"
        bak = bak_path(path)
        try:
            raw, _ = read_bytes(bak)
            session, _ = _parse_session(raw, session_id)
        except FileNotFoundError:
            message = f"{head}; there is no backup to restore."
            self._warn(message)
            raise _Unrecoverable(message) from None
        except (DamagedFile, StoreError) as bad:
            reason = bad.reason if isinstance(bad, DamagedFile) else str(bad)
            try:
                bak_aside = set_aside(bak).name
            except OSError:
                bak_aside = bak.name
            message = f"{head}; its backup {reason} too (set aside as {bak_aside})."
            self._warn(message)
            raise _Unrecoverable(message) from None
        # The main file is gone (set aside), so this write leaves the good .bak in place.
        sig = self._write(path, session.model_dump_json().encode("utf-8"))
        self._warn(f"{head}; restored the previous version from {bak.name}.")
        return _Loaded(session, sig)

    def _session_files(self) -> dict[str, FileSig]:
        """``id -> signature`` of every session file on disk."""
        found: dict[str, FileSig] = {}
        try:
            entries = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            return found
        for entry in entries:
            name = entry.name
            if not name.endswith(".json") or not _check_id(name[:-5]):
                continue
            try:
                if entry.is_file():
                    found[name[:-5]] = FileSig.of(entry.stat())
            except FileNotFoundError:
                continue  # deleted by another seat while we looked
        return found

    # -- the index ---------------------------------------------------------------------------

    def _index_entries(self) -> dict[str, tuple[int, _IndexEntry]]:
        """``id -> (doc id, entry)`` from the index, re-read only if the file changed."""
        sig = stat_sig(self.path)
        if sig is None:
            self._index, self._index_sig = {}, None
            return {}
        if self._index is not None and sig == self._index_sig:
            return self._index
        try:
            docs = self._table.all()
        except DamagedFile as damage:
            with self._locked():
                docs = self._recover_index(damage)
        entries = {
            doc["id"]: (doc.doc_id, _IndexEntry.model_validate(dict(doc))) for doc in docs
        }
        storage = cast(AtomicJSONStorage, self._db.storage)
        self._index, self._index_sig = entries, storage.last_sig
        return entries

    def _recover_index(self, damage: DamagedFile) -> list[Document]:
        """Set a damaged index aside; restore its ``.bak`` or start afresh (lock held)."""
        try:
            return self._table.all()  # another seat may have repaired it while we waited
        except DamagedFile as again:
            damage = again
        try:
            aside = set_aside(self.path)
        except OSError as err:
            raise StoreError(f"Could not set aside damaged {self.path}: {err.strerror}") from err
        head = f"The store index {self.path} {damage.reason}; set aside as {aside.name}"
        bak = bak_path(self.path)
        rebuilt = "the index is rebuilt from the session files"
        try:
            raw, _ = read_bytes(bak)
            data = _parse_json(raw)
            _check_index(data)
        except FileNotFoundError:
            self._warn(f"{head}; {rebuilt}.")
        except DamagedFile as bad:
            try:
                bak_aside = set_aside(bak).name
            except OSError:
                bak_aside = bak.name
            self._warn(
                f"{head}; its backup {bad.reason} too (set aside as {bak_aside}); {rebuilt}."
            )
        else:
            try:
                self._db.storage.write(data)
            except OSError as err:
                raise StoreError(f"Could not save to {self.path}: {err.strerror or err}") from err
            self._warn(f"{head}; restored the previous version from {bak.name}.")
        # Entries missing now (no backup, or a stale one) are added back from the session
        # files by the next listing (see _reconciled_index).
        self._table.clear_cache()
        return self._table.all()

    def _apply_index(self, upserts: list[_IndexEntry], removals: set[str]) -> None:
        """Write index changes (lock held): at most one TinyDB write per kind of change."""
        self._index = None  # re-read fresh under the lock: another seat may have written
        current = self._index_entries()
        next_id = max((doc_id for doc_id, _ in current.values()), default=0) + 1
        updates = []
        inserts = []
        for entry in upserts:
            fields = entry.model_dump(mode="json")
            if entry.id in current:
                updates.append((fields, where("id") == entry.id))
            else:
                # Explicit doc ids: TinyDB's cached next id is stale once another process
                # has inserted, and would collide.
                inserts.append(Document(fields, doc_id=next_id))
                next_id += 1
        doomed = [current[sid][0] for sid in removals if sid in current]
        self._index = None
        try:
            if updates:
                self._table.update_multiple(updates)
            if inserts:
                self._table.insert_multiple(inserts)
            if doomed:
                self._table.remove(doc_ids=doomed)
        except OSError as err:
            raise StoreError(f"Could not save to {self.path}: {err.strerror or err}") from err

    def _note_in_index(self, session: Session, sig: FileSig) -> None:
        """After a save: rewrite the index only if the session's identity changed."""
        entry = _IndexEntry.of_file(session, sig)
        try:
            held = self._index_entries().get(session.id)
            if held is None or held[1].identity() != entry.identity():
                self._apply_index([entry], set())
        except StoreError as err:
            # The session itself is safely saved; the index is a cache that the next
            # listing rebuilds from the session files.
            self._warn(f"Saved the session, but the index was not updated: {err}")

    def _reconciled_index(self) -> dict[str, _IndexEntry]:
        """The index made true to the session files, written back if it had drifted."""
        entries = self._index_entries()
        on_disk = self._session_files()
        result: dict[str, _IndexEntry] = {}
        upserts: list[_IndexEntry] = []
        for session_id, sig in on_disk.items():
            held = entries.get(session_id)
            if held is not None and held[1].file_sig == tuple(sig):
                result[session_id] = held[1]
                continue
            try:
                loaded = self._read_session(session_id)
            except _Unrecoverable:
                continue
            except StoreError as err:
                self._warn(str(err))
                continue
            if loaded is None:
                continue
            entry = _IndexEntry.of_file(loaded.session, loaded.sig)
            result[session_id] = entry
            upserts.append(entry)
        gone = set(entries) - set(result)
        if upserts or gone:
            try:
                with self._locked():
                    # Only drop entries whose file is really gone, now that we hold the lock.
                    gone = {sid for sid in gone if not self._session_path(sid).exists()}
                    self._apply_index(upserts, gone)
            except StoreError as err:
                # Listing still works (read-only media, full disk): just not cached.
                self._warn(f"The store index could not be updated: {err}")
        return result


# -- benchmark ------------------------------------------------------------------------------


def _bench_session(title: str, n_items: int) -> Session:
    sections = [AgendaSection(id=f"s{i}", title=f"Section {i}", box_minutes=5) for i in range(8)]
    session = Session(title=title, project="Benchmark", sections=sections)
    session.items.extend(
        Note(text=f"Point {k} raised about the vendor API and the timeline", section=f"s{k % 8}")
        for k in range(n_items)
    )
    return session


def benchmark_save(tmpdir: Path | str, n_sessions: int, n_items: int, repeats: int = 30) -> float:
    """Median time (ms) of one capture-and-save of the current session.

    The store in ``tmpdir`` first receives ``n_sessions`` past sessions of 50 items each;
    then a current session of ``n_items`` items is saved ``repeats`` times, one new note
    before each save (what a capture does). Compare ``n_sessions=1`` with ``200``
    (``benchmarks/store_bench.py`` does).
    """
    store = Store(Path(tmpdir) / f"bench-{n_sessions}-{n_items}.json")
    for k in range(n_sessions):
        store.save(_bench_session(f"Past meeting {k}", 50))
    current = store.save(_bench_session("Current meeting", n_items))
    timings: list[float] = []
    for k in range(repeats):
        current.items.append(Note(text=f"Captured during the benchmark, number {k}"))
        started = time.perf_counter()
        current = store.save(current)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)

