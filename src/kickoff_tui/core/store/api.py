"""The crash-safe session store: a marked TinyDB main file, a snapshot and a journal per
session, and a per-session index.

Layout, for the main file ``kickoff.json`` (``paths.default_db_path()``, ``--db`` or
``KICKOFF_DB``); everything beside it whose name starts with its name or stem is the
store's own::

    kickoff.json                         TinyDB file whose table ``kickoff_store`` marks it
                                         as ours (format version); see ``marker.py``
    kickoff.json.lock                    cross-process lock serialising every writer
    kickoff.sessions/<id>.json           the session's snapshot (schema-versioned)
    kickoff.sessions/<id>.json.bak       its previous good version
    kickoff.sessions/<id>.journal        changes since the snapshot, one JSON line each
    kickoff.sessions/<id>.json.v2.orig   the original of a snapshot migrated from schema 2
    kickoff.sessions/.index/<id>.json    the session's line in the listing (``index.py``)
    *.damaged-<UTC time>                 a damaged file, set aside (never overwritten)

A save appends what changed to the journal and fsyncs it (``journal.py``); the snapshot is
rewritten only by a compaction (wrap-up, quit, a long journal) or a repair, atomically
(``atomic.py``). Loading is the snapshot plus the journal replayed by the one merge rule
(``merge.py``), so two seats appending to one journal lose nothing and never overwrite each
other's session fields. Every write happens under the file lock.

A file that does not parse, or parses into the wrong shape, is never trusted and never
overwritten: it is renamed aside, the ``.bak`` is used if it is good, and one line saying so
is appended to :attr:`Store.warnings`. A path that is not a Kickoff store at all is refused
before anything is created (``marker.py``).

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from filelock import FileLock

from kickoff_tui.core import paths
from kickoff_tui.core.atomic import (
    DIR_MODE,
    FILE_MODE,
    FileOps,
    FileSig,
    remove_stale_temps,
)
from kickoff_tui.core.dates import aware
from kickoff_tui.core.models import Session
from kickoff_tui.core.store import journal
from kickoff_tui.core.store.files import (
    NewerSession,
    SessionNotFound,
    StoreError,
    Unrecoverable,
    check_id,
    write_file,
)
from kickoff_tui.core.store.index import (
    Index,
    IndexedAction,
    IndexEntry,
    SessionSummary,
    first_unfinished,
)
from kickoff_tui.core.store.mainfile import ensure_main
from kickoff_tui.core.store.marker import (
    NotAStore,
    check_store,
    resolve_db_path,
    sessions_dir_of,
)
from kickoff_tui.core.store.merge import (
    Changes,
    copy_session,
    local_changes,
)
from kickoff_tui.core.store.scan import files_on_disk, same_signature
from kickoff_tui.core.store.sessions import SessionFiles
from kickoff_tui.core.textutil import squeeze

#: How long a save waits for another seat's write before giving up (seconds).
LOCK_TIMEOUT_S = 10.0


class Store:
    """The session store. Safe to call from several threads and several processes.

    Args:
        path: the main file; ``None`` means :func:`paths.default_db_path`. ``~`` is
            expanded and a symlink is followed (written through, never replaced).
        fileops: the file system calls used for writing (tests inject faults here).

    Raises:
        StoreError: the path names something that is not a Kickoff store (it is left
            exactly as it was: nothing is created, renamed or chmodded).
    """

    def __init__(self, path: Path | str | None = None, *, fileops: FileOps | None = None) -> None:
        try:
            self.path: Path = resolve_db_path(path if path is not None else paths.default_db_path())
            self._kind = check_store(self.path)
        except NotAStore as err:
            raise StoreError(str(err)) from None
        #: One line per problem found and handled (damaged files set aside...), for the UI.
        self.warnings: list[str] = []
        self.sessions_dir: Path = sessions_dir_of(self.path)
        self._ops = fileops or FileOps()
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        # Made on first use: filelock (and the asyncio it imports) costs `kickoff list` a
        # tenth of its time, and a listing of an up-to-date store takes no lock.
        self._file_lock_made: FileLock | None = None
        self._file_lock_guard = threading.Lock()
        self._mutex = threading.RLock()
        self._index = Index(self.sessions_dir, self._ops)
        self._files = SessionFiles(self.sessions_dir, self._ops, self._index, self._warn,
                                   self._locked)
        self._newer: dict[str, str] = {}
        self._folders_ready = False
        self._temps_cleaned = False

    # -- listing and lookup --------------------------------------------------------------------

    def list_sessions(self) -> list[SessionSummary]:
        """Every stored session, most recently updated first."""
        with self._mutex:
            if self._kind != "ours" and self.sessions_dir.is_dir():
                with self._locked():
                    pass  # repairs or migrates the main file (see _ensure_main)
            entries = self._reconciled_index()
        summaries = [entry.summary() for entry in entries.values()]
        summaries.sort(key=lambda s: aware(s.updated), reverse=True)
        return summaries

    def open_actions(self) -> list[tuple[SessionSummary, list[IndexedAction]]]:
        """Every session's open action items, from the index (only changed files are read)."""
        with self._mutex:
            entries = self._reconciled_index()
        return [(entry.summary(), list(entry.open_actions or ())) for entry in entries.values()]

    def resolve(self, ref: str) -> str:
        """Turn ``latest``, a full id or a unique id prefix into a session id.

        Raises:
            SessionNotFound: nothing (or more than one session) matches.
            NewerSession: the only match was written by a newer Kickoff.
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
        newer = [m for i, m in self._newer.items() if ref and i.lower().startswith(ref.lower())]
        if len(newer) == 1:
            raise NewerSession(newer[0])
        raise SessionNotFound(f"No session matches '{ref}' (try `kickoff list`)")

    def latest_unfinished(self) -> SessionSummary | None:
        """The most recently updated session not ended yet (to offer resuming it)."""
        return first_unfinished(self.list_sessions())

    # -- reading and saving a session ------------------------------------------------------------

    def load(self, session_id: str) -> Session:
        """Load a session by its full id: its snapshot with its journal replayed.

        Raises:
            SessionNotFound: no such session.
            StoreError: it is damaged beyond its backup, or from a newer Kickoff.
        """
        if not check_id(session_id):
            raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
        with self._mutex:
            held = self._files.held.get(session_id)
            if held is not None and self._files.changed_on_disk(session_id, held) is None:
                # Read moments ago (``kickoff resume`` checks the session, then the screen
                # opens it) and unchanged since: parse a 2,000-item session once, not twice.
                return copy_session(held.state)
            try:
                opened = self._files.load(session_id, locked=False)
            except Unrecoverable as err:
                raise StoreError(str(err)) from None
            if opened is None:
                raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
            self._files.held[session_id] = opened
            return copy_session(opened.state)

    def save(self, session: Session) -> Session:
        """Save what changed in ``session`` since this store last read or wrote it.

        A new session is written whole (its snapshot); afterwards each save appends only
        the items and fields that differ to the journal, merged with every other seat's
        changes by the one rule of ``merge.py``: an item or field only they changed is
        theirs, one we changed later is ours, and nothing is ever dropped.

        Returns:
            The session as now stored, with any other seat's changes (adopt it); ``session``
            itself if nothing changed anywhere.

        Raises:
            StoreError: nothing was saved (full disk, I/O error, lock held too long...); the
                files on disk are as they were.
        """
        session_id = session.id
        if not check_id(session_id):
            raise StoreError(
                f"Cannot save session id {session_id!r}: use letters, digits, '-' and '_'"
            )
        path = self._files.snapshot_path(session_id)
        with self._mutex, self._locked(path):
            opened, theirs = self._files.sync(session_id, locked=True)
            if opened is None:
                return self._files.create(session)
            ours = local_changes(opened.state, opened.index, session, datetime.now(UTC))
            written = self._files.append(opened, ours)
            if not theirs and not written:
                return session
            return copy_session(opened.state)

    def commit(self, session_id: str, changes: Changes) -> Changes:
        """Append changes a :class:`Meeting` made (its dirty items and stamped fields).

        Returns:
            Other seats' changes read meanwhile, to adopt.

        Raises:
            StoreError: nothing was saved; keep the changes and retry.
            SessionNotFound: the session was never saved (save it whole first).
        """
        with self._mutex, self._locked(self._files.snapshot_path(session_id)):
            opened, theirs = self._files.sync(session_id, locked=True)
            if opened is None:
                raise SessionNotFound(f"Session {session_id} is not stored yet")
            self._files.append(opened, changes)
            return theirs

    def poll(self, session_id: str) -> Changes:
        """Other seats' changes since this store last looked (cheap: a ``stat`` when idle).

        Returns:
            The changes that took effect here, empty if nothing new.
        """
        with self._mutex:
            opened = self._files.held.get(session_id)
            if opened is None:
                return Changes()
            if self._files.changed_on_disk(session_id, opened) is None:
                return Changes()
            try:
                _, theirs = self._files.sync(session_id, locked=False)
            except (StoreError, Unrecoverable):
                return Changes()
            return theirs

    def may_have_news(self, session_id: str) -> bool:
        """Whether :meth:`poll` could find something: two ``stat`` calls, no lock taken.

        Meant for the UI thread, twice a second: it never waits for a save in progress.
        A racing save may make it say ``True`` for nothing (the poll then finds nothing); a
        change it misses is seen at the next look.
        """
        opened = self._files.held.get(session_id)
        if opened is None:
            return False
        try:
            return self._files.changed_on_disk(session_id, opened) is not None
        except OSError:
            return True  # let the poll find out (and say nothing: it never raises)

    def compact(self, session_id: str) -> Changes:
        """Fold the journal into a new snapshot (wrap-up, quit, a long journal).

        Returns:
            Other seats' changes read on the way, to adopt.
        """
        with self._mutex, self._locked(self._files.snapshot_path(session_id)):
            opened, theirs = self._files.sync(session_id, locked=True)
            if opened is not None and opened.journal_size:
                self._files.compact(session_id, opened)
            return theirs

    def heartbeat(self, session_id: str) -> None:
        """Say "this meeting is still running" without writing a byte (see ``journal.touch``)."""
        if session_id in self._files.held:
            with contextlib.suppress(OSError):
                journal.touch(self._files.journal_path(session_id))

    def delete(self, session_id: str) -> None:
        """Delete a session and every file kept for it (backups, journal, damaged copies).

        Raises:
            SessionNotFound: no such session.
        """
        if not check_id(session_id):
            raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
        path = self._files.snapshot_path(session_id)
        with self._mutex, self._locked(path):
            if not path.exists() and session_id not in self._index.read_all():
                raise SessionNotFound(f"No session matches '{session_id}' (try `kickoff list`)")
            names = (path.name, self._files.journal_path(session_id).name)
            try:
                # Meeting notes are confidential: deleting means every copy, not just one.
                for name in os.listdir(self.sessions_dir):
                    if name in names or name.startswith(tuple(n + "." for n in names)):
                        os.unlink(self.sessions_dir / name)
                self._ops.fsync_dir(self.sessions_dir)
            except OSError as err:
                raise StoreError(f"Could not delete {path}: {err.strerror or err}") from err
            self._files.held.pop(session_id, None)
            self._index.remove(session_id)

    def _reconciled_index(self) -> dict[str, IndexEntry]:
        """The index made true to the session files, entries rewritten where they drifted."""
        entries = self._index.read_all()
        result: dict[str, IndexEntry] = {}
        stale: list[IndexEntry] = []
        for session_id, sig in files_on_disk(self.sessions_dir).items():
            held = entries.get(session_id)
            if (held is not None and same_signature(held.signature(), sig)
                    and held.open_actions is not None):
                result[session_id] = held
                continue
            try:
                fresh = self._files.load(session_id, locked=False, rewrite=False)
            except Unrecoverable:
                continue
            except NewerSession as err:
                self._newer[session_id] = str(err)
                self._warn(str(err))
                continue
            except StoreError as err:
                self._warn(str(err))
                continue
            if fresh is None:
                continue
            entry = IndexEntry.of_files(fresh.state, fresh.signature())
            result[session_id] = entry
            stale.append(entry)
        gone = set(entries) - set(result) - set(self._newer)
        if stale or gone:
            try:
                with self._locked():
                    for entry in stale:
                        self._index.write(entry)
                    for session_id in gone:
                        if not self._files.snapshot_path(session_id).exists():
                            self._index.remove(session_id)
            except (StoreError, OSError) as err:
                # Listing still works (read-only media, full disk): just not cached.
                self._warn(f"The store index could not be updated: {err}")
        return result

    # -- locking, folders and the main file ------------------------------------------------

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

    @property
    def _file_lock(self) -> FileLock:
        """The cross-process lock on the store (one object per store, made on first use)."""
        with self._file_lock_guard:
            if self._file_lock_made is None:
                from filelock import FileLock

                self._file_lock_made = FileLock(str(self._lock_path), timeout=LOCK_TIMEOUT_S,
                                                mode=FILE_MODE)
            return self._file_lock_made

    @contextlib.contextmanager
    def _locked(self, target: Path | None = None) -> Iterator[None]:
        """Hold the cross-process lock (re-entrant within a thread)."""
        from filelock import Timeout

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
            if self._kind != "ours":
                self._ensure_main()
            yield
        finally:
            self._file_lock.release()

    def _ensure_main(self) -> None:
        """Give the main file its marker: new, format 1 or damaged (lock held)."""
        if ensure_main(self.path, self._ops, self._warn):
            self._kind = "ours"

    def _write(self, path: Path, data: bytes, *, backup: bool = True) -> FileSig:
        return write_file(path, data, self._ops, backup=backup)

    def _warn(self, message: str) -> None:
        line = squeeze(message)
        if line not in self.warnings:
            self.warnings.append(line)

