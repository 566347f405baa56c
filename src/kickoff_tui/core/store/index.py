"""The listing of sessions, kept per session: one small index file each.

``<store>.sessions/.index/<id>.json`` summarises one session (title, project, status, times,
item count) and records the signatures of the snapshot and journal it was taken from. A
save that changes what the listing shows (new, start, wrap-up, rename) rewrites that one
small file, so it costs the same with 1, 200 or 2,000 sessions; a save that only adds items
writes no index at all, and the listing re-summarises the few sessions whose files changed
since their entry was written. The session files are the truth; the index is a cache that
can always be rebuilt from them, so its files are written atomically but without backups.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kickoff_tui.core.atomic import FileOps, atomic_write
from kickoff_tui.core.models import ActionStatus, Session, SessionStatus
from kickoff_tui.core.store.scan import INDEX_DIR, check_id
from kickoff_tui.core.store.scan import Signature as Signature  # re-exported


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
        return cls(**summary_fields(session))



class IndexedAction(BaseModel):
    """An open action item as the index carries it, for ``kickoff actions`` and ``done``."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    owner: str | None = None
    due: date | None = None
    status: str = "open"
    updated: datetime
    origin: str = ""


class IndexEntry(SessionSummary):
    """An index file: the summary plus the signature of the files it was taken from."""

    snapshot_sig: tuple[int, int, int] | None = None
    journal_sig: tuple[int, int] | None = None
    #: The session's open action items; ``None`` in an entry written before they were
    #: indexed (the next listing re-reads that session).
    open_actions: list[IndexedAction] | None = None

    @classmethod
    def of_files(cls, session: Session, sig: Signature) -> IndexEntry:
        """The entry for ``session`` as read from files with signature ``sig``."""
        actions = [
            IndexedAction(id=a.id, text=a.text, owner=a.owner, due=a.due, status=a.status.value,
                          updated=a.updated, origin=a.origin)
            for a in session.live("action") if a.status is ActionStatus.OPEN
        ]
        return cls(**summary_fields(session), snapshot_sig=sig[0], journal_sig=sig[1],
                   open_actions=actions)

    def signature(self) -> Signature:
        """The signature of the files this entry summarises."""
        return (self.snapshot_sig, self.journal_sig)

    def summary(self) -> SessionSummary:
        """The entry without its file signatures."""
        return SessionSummary(**self.model_dump(
            exclude={"snapshot_sig", "journal_sig", "open_actions"}))


def first_unfinished(sessions: Iterable[SessionSummary]) -> SessionSummary | None:
    """The first session not ended yet in a listing (newest first): what "resume" offers."""
    return next((s for s in sessions if s.status is not SessionStatus.ENDED), None)


def identity_of(session: Session | SessionSummary) -> tuple[Any, ...]:
    """What the listing shows of a session, but the item count and ``updated`` (which
    the listing re-reads when the files change): a save that changes it rewrites the
    session's index file. Cheap: it never walks the items."""
    return (session.title, session.project, session.status, session.created,
            session.started_at, session.ended_at)


def summary_fields(session: Session) -> dict[str, Any]:
    """The listing's fields of a session."""
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


class Index:
    """The per-session index files of one store."""

    def __init__(self, sessions_dir: Path, ops: FileOps) -> None:
        self.folder = sessions_dir / INDEX_DIR
        self._ops = ops
        self._cache: dict[str, tuple[tuple[int, int], IndexEntry]] = {}

    def _path(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.json"

    def read_all(self) -> dict[str, IndexEntry]:
        """Every readable entry; unreadable ones are left out (they are rebuilt)."""
        entries: dict[str, IndexEntry] = {}
        try:
            scan = list(os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return entries
        for found in scan:
            name = found.name
            if not name.endswith(".json") or not check_id(name[:-5]):
                continue
            entry = self._read(name[:-5], found)
            if entry is not None:
                entries[entry.id] = entry
        return entries

    def _read(self, session_id: str, found: os.DirEntry[str]) -> IndexEntry | None:
        try:
            st = found.stat()
            key = (st.st_mtime_ns, st.st_ino)
            cached = self._cache.get(session_id)
            if cached is not None and cached[0] == key:
                return cached[1]
            with open(found.path, "rb") as handle:
                entry = IndexEntry.model_validate_json(handle.read())
        except (OSError, ValidationError, ValueError):
            return None
        if entry.id != session_id:
            return None
        self._cache[session_id] = (key, entry)
        return entry

    def write(self, entry: IndexEntry) -> None:
        """Write one session's entry (lock held; raises ``OSError``)."""
        self.folder.mkdir(mode=0o700, exist_ok=True)
        atomic_write(self._path(entry.id), entry.model_dump_json().encode("utf-8"),
                     self._ops, backup=False)

    def remove(self, session_id: str) -> None:
        """Forget one session (lock held)."""
        self._cache.pop(session_id, None)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path(session_id))
