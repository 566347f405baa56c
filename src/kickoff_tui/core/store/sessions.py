"""One store's session files: snapshots, journals, what this process holds of each.

For every session it has opened, the store holds the merged state and how far it has read
the journal (:class:`Held`). :meth:`SessionFiles.sync` brings that up to date from the disk
(new journal lines read by offset; a replaced snapshot or journal — another seat's
compaction, a repair — re-read whole and merged), :meth:`SessionFiles.append` writes our
changes, :meth:`SessionFiles.compact` folds the journal into a new snapshot. A damaged
snapshot is set aside and its ``.bak`` restored; an old, or duplicated, one is rewritten
(the original kept). Every write happens with the store's lock held (the caller's).

This module never imports Textual.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kickoff_tui.core.atomic import (
    FileOps,
    FileSig,
    bak_path,
    keep_copy,
    read_bytes,
    set_aside,
    stat_sig,
)
from kickoff_tui.core.dates import EPOCH
from kickoff_tui.core.models import Session
from kickoff_tui.core.store import journal
from kickoff_tui.core.store.files import (
    DamagedFile,
    StoreError,
    Unrecoverable,
    parse_session,
    write_file,
)
from kickoff_tui.core.store.index import Index, IndexEntry, Signature, identity_of
from kickoff_tui.core.store.merge import (
    Changes,
    apply_changes,
    changes_of,
    clock_at,
    copy_session,
    field_wins,
    item_index,
    item_wins,
    stamp_of,
)


@dataclass
class Held:
    """What this process holds of one session: the merged state and how far it has read."""

    state: Session
    index: dict[str, int]
    snapshot_sig: FileSig | None
    journal_ino: int
    offset: int  # bytes of the journal consumed
    journal_size: int  # the journal's size when last looked at

    def signature(self) -> Signature:
        sig = self.snapshot_sig
        snap = (sig.mtime_ns, sig.size, sig.ino) if sig is not None else None
        return (snap, (self.journal_ino, self.journal_size) if self.journal_ino else None)


class SessionFiles:
    """The snapshots and journals in one sessions folder.

    Args:
        sessions_dir: the folder.
        ops: the file system calls for writing.
        index: the store's index (an entry is rewritten when the listing changes).
        warn: records a one-line warning for the user.
        locked: the store's lock, as a context manager taking the file it is for.
    """

    def __init__(
        self,
        sessions_dir: Path,
        ops: FileOps,
        index: Index,
        warn: Callable[[str], None],
        locked: Callable[[Path], AbstractContextManager[None]],
    ) -> None:
        self.sessions_dir = sessions_dir
        self._ops = ops
        self._index = index
        self._warn = warn
        self._locked = locked
        #: What this process holds of each session it has opened.
        self.held: dict[str, Held] = {}

    def _write(self, path: Path, data: bytes, *, backup: bool = True) -> FileSig:
        return write_file(path, data, self._ops, backup=backup)

    def snapshot_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    def journal_path(self, session_id: str) -> Path:
        return journal.journal_path(self.snapshot_path(session_id))

    def changed_on_disk(self, session_id: str, opened: Held) -> str | None:
        """``"grown"``, ``"replaced"`` or ``None`` (unchanged) — by ``stat`` alone."""
        try:
            st = os.stat(self.journal_path(session_id))
            ino, size = st.st_ino, st.st_size
        except FileNotFoundError:
            ino, size = 0, 0
        if stat_sig(self.snapshot_path(session_id)) != opened.snapshot_sig:
            return "replaced"
        if ino != opened.journal_ino and (opened.journal_ino or opened.offset):
            return "replaced"  # a compaction (or a repair) put a new journal in place
        if size < opened.offset:
            return "replaced"
        return "grown" if size > opened.offset else None

    def load(self, session_id: str, *, locked: bool, rewrite: bool = True) -> Held | None:
        """Read a session from disk: snapshot, then its journal replayed.

        ``rewrite=False`` (the listing) leaves an old or repairable snapshot as it is: it is
        rewritten when the session itself is opened. A damaged one is set aside either way.
        """
        jpath = self.journal_path(session_id)
        try:
            alive = os.stat(jpath).st_mtime
        except FileNotFoundError:
            alive = None
        loaded = self._read_snapshot(session_id, locked=locked, rewrite=rewrite)
        if loaded is None:
            return None
        state, snap_sig = loaded
        data, ino, size = journal.read_from(jpath, 0)
        decoded = journal.decode(data, torn_ok=locked)
        index = item_index(state)
        apply_changes(state, decoded.changes, index)
        self._report_invalid(session_id, decoded.invalid)
        moment = max(filter(None, (alive, snap_sig.mtime_ns / 1e9)))
        if state.clock.started and not state.clock.paused:
            # Count a running clock up to the last sign of life (a crash, or another seat).
            at = datetime.fromtimestamp(moment, UTC)
            if stamp_of(state, "clock") != EPOCH and at > stamp_of(state, "clock"):
                state.clock = clock_at(state, at)
                state.stamps = {**state.stamps, "clock": at}
        return Held(state, index, snap_sig, ino, decoded.consumed, size)

    def load_or_none(self, session_id: str, *, locked: bool) -> Held | None:
        """:meth:`_load`, with a session damaged beyond its backup read as absent (the
        damage is set aside and reported; what the caller holds is all there is)."""
        try:
            return self.load(session_id, locked=locked)
        except Unrecoverable:
            return None

    def sync(self, session_id: str, *, locked: bool) -> tuple[Held | None, Changes]:
        """Bring what we hold up to date with the disk; returns it and the changes taken."""
        opened = self.held.get(session_id)
        if opened is None:
            fresh = self.load_or_none(session_id, locked=locked)
            if fresh is not None:
                self.held[session_id] = fresh
            return fresh, Changes()
        change = self.changed_on_disk(session_id, opened)
        if change == "replaced":
            fresh = self.load_or_none(session_id, locked=locked)
            if fresh is None:  # deleted, or set aside with no backup: ours is all there is
                self.held.pop(session_id, None)
                return None, Changes()
            taken = apply_changes(opened.state, changes_of(fresh.state), opened.index)
            opened.snapshot_sig, opened.journal_ino = fresh.snapshot_sig, fresh.journal_ino
            opened.offset, opened.journal_size = fresh.offset, fresh.journal_size
            return opened, taken
        if change == "grown":
            data, ino, size = journal.read_from(self.journal_path(session_id), opened.offset)
            decoded = journal.decode(data, torn_ok=locked)
            self._report_invalid(session_id, decoded.invalid)
            opened.journal_ino, opened.journal_size = ino, size
            opened.offset += decoded.consumed
            return opened, apply_changes(opened.state, decoded.changes, opened.index)
        return opened, Changes()

    def _report_invalid(self, session_id: str, count: int) -> None:
        if count:
            self._warn(f"Session {session_id}: {count} journal line(s) were not valid changes "
                       "and were skipped")

    def create(self, session: Session) -> Session:
        """Write a new session whole (lock held)."""
        state = copy_session(session)
        path = self.snapshot_path(session.id)
        sig = self._write(path, state.model_dump_json().encode("utf-8"))
        opened = Held(state, item_index(state), sig, 0, 0, 0)
        self.held[session.id] = opened
        self.note_in_index(opened)
        return copy_session(state)

    def append(self, opened: Held, changes: Changes) -> bool:
        """Append the changes that are news to what we hold (lock held); ``True`` if any."""
        state, index = opened.state, opened.index
        news = Changes(
            items=[i for i in changes.items
                   if item_wins(state.items[index[i.id]] if i.id in index else None, i)],
            fields={name: (value, stamp) for name, (value, stamp) in changes.fields.items()
                    if field_wins(state.stamps.get(name), stamp)},
        )
        if not news:
            return False
        session_id = state.id
        jpath = self.journal_path(session_id)
        try:
            ino, size = journal.append(jpath, journal.encode(news), self._ops)
        except OSError as err:
            raise StoreError(f"Could not save to {jpath}: {err.strerror or err}") from err
        identity = identity_of(state)
        apply_changes(state, news, index)
        opened.journal_ino, opened.offset, opened.journal_size = ino, size, size
        if identity_of(state) != identity:
            self.note_in_index(opened)
        if size > journal.COMPACT_BYTES:
            try:
                self.compact(session_id, opened)
            except StoreError as err:
                self._warn(f"The journal of session {session_id} was not compacted: {err}")
        return True

    def compact(self, session_id: str, opened: Held) -> None:
        """Write the snapshot from what we hold, then start an empty journal (lock held)."""
        path = self.snapshot_path(session_id)
        data = opened.state.model_dump_json().encode("utf-8")
        sig = self._write(path, data)
        if any(item.deleted for item in opened.state.items):
            # The previous snapshot may still hold the text of items deleted since.
            self._write(bak_path(path), data, backup=False)
        jpath = self.journal_path(session_id)
        self._write(jpath, b"", backup=False)
        opened.snapshot_sig, opened.offset, opened.journal_size = sig, 0, 0
        opened.journal_ino = os.stat(jpath).st_ino
        self.note_in_index(opened)

    def _read_snapshot(
        self, session_id: str, *, locked: bool, rewrite: bool = True
    ) -> tuple[Session, FileSig] | None:
        """Read one snapshot; repair it (under the lock) if damaged, old or duplicated.

        Raises:
            Unrecoverable: it was damaged and its backup too (both set aside, reported).
            StoreError: it cannot be read, or is from a newer Kickoff.
        """
        path = self.snapshot_path(session_id)
        try:
            raw, sig = read_bytes(path)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise StoreError(f"Could not read {path}: {err.strerror or err}") from err
        try:
            parsed = parse_session(raw, session_id)
        except DamagedFile as damage:
            if not locked:
                with self._locked(path):
                    return self._read_snapshot(session_id, locked=True, rewrite=rewrite)
            return self._recover_snapshot(session_id, damage)
        if parsed.needs_rewrite and rewrite:
            if not locked:
                with self._locked(path):
                    return self._read_snapshot(session_id, locked=True)
            try:
                if parsed.migrated_from is not None:
                    keep_copy(path, f".v{parsed.migrated_from}.orig")
            except OSError as err:
                raise StoreError(f"Could not save to {path}: {err.strerror or err}") from err
            sig = self._write(path, parsed.session.model_dump_json().encode("utf-8"))
            if parsed.duplicates:
                self._warn(f"Session {session_id} held {parsed.duplicates} duplicated item "
                           f"id(s): kept the newest of each and repaired {path.name}")
        return parsed.session, sig

    def _recover_snapshot(self, session_id: str, damage: DamagedFile) -> tuple[Session, FileSig]:
        """Set a damaged snapshot aside and restore its ``.bak`` (lock held)."""
        path = self.snapshot_path(session_id)
        try:
            aside = set_aside(path)
        except OSError as err:
            raise StoreError(f"Could not set aside damaged {path}: {err.strerror}") from err
        head = f"Session file {path} {damage.reason}; set aside as {aside.name}"
        bak = bak_path(path)
        try:
            raw, _ = read_bytes(bak)
            session = parse_session(raw, session_id).session
        except FileNotFoundError:
            message = f"{head}; there is no backup to restore."
            self._warn(message)
            raise Unrecoverable(message) from None
        except (DamagedFile, StoreError) as bad:
            reason = bad.reason if isinstance(bad, DamagedFile) else str(bad)
            try:
                bak_aside = set_aside(bak).name
            except OSError:
                bak_aside = bak.name
            message = f"{head}; its backup {reason} too (set aside as {bak_aside})."
            self._warn(message)
            raise Unrecoverable(message) from None
        # The main file is gone (set aside), so this write leaves the good .bak in place.
        sig = self._write(path, session.model_dump_json().encode("utf-8"))
        self._warn(f"{head}; restored the previous version from {bak.name} "
                   "(and replayed its journal).")
        return session, sig

    def note_in_index(self, opened: Held) -> None:
        """Write this one session's index entry (lock held); never fails the save."""
        entry = IndexEntry.of_files(opened.state, opened.signature())
        try:
            self._index.write(entry)
        except OSError as err:
            # The session itself is safely saved; the listing rebuilds its entry.
            self._warn(f"Saved the session, but the index was not updated: "
                       f"{err.strerror or err}")
