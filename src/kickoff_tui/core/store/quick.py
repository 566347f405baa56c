"""The listing of an up-to-date store, read with plain ``json``: ``kickoff list`` over SSH.

:meth:`Store.list_sessions` validates the index with pydantic and re-reads the sessions
whose files changed; importing pydantic and the models is most of what ``kickoff list``
costs. When every index entry is present, well-formed and matches its session's files (the
usual case), :func:`quick_listing` gives the same rows from the index files alone, importing
only the standard library; :func:`quick_open_actions` gives ``kickoff actions`` its rows
from the same entries (each carries its session's open action items). Anything else — a
store not yet marked, a missing, stale, extra or damaged entry, a value pydantic would
write differently — returns ``None``: the caller then takes the full path, which repairs
and reports as before. The rows are the same as the
full path's, to the byte, in text and JSON: a value is accepted only in the exact form
pydantic writes it, and passed through as it was stored.

This module never imports Textual, pydantic, tinydb or the models.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from kickoff_tui.core.actionlist import ActionRow
from kickoff_tui.core.dates import aware
from kickoff_tui.core.store.marker import (
    NotAStore,
    check_store,
    resolve_db_path,
    sessions_dir_of,
)
from kickoff_tui.core.store.scan import (
    INDEX_DIR,
    Signature,
    check_id,
    files_on_disk,
    same_signature,
)

#: ``models.SessionStatus`` values.
_STATUSES = frozenset({"planned", "running", "ended"})
#: The keys of an index file as ``index.IndexEntry`` writes it, in its order.
_SUMMARY_KEYS = ("id", "title", "project", "status", "created", "updated", "started_at",
                 "ended_at", "items")
_ENTRY_KEYS = frozenset(_SUMMARY_KEYS + ("snapshot_sig", "journal_sig", "open_actions"))
_ACTION_KEYS = frozenset({"id", "text", "owner", "due", "status", "updated", "origin"})


class _Unsure(Exception):
    """The index cannot be trusted as it is: take the full path."""


@dataclass(frozen=True, slots=True)
class QuickSummary:
    """One row of the listing, its values as stored (``SessionSummary``'s fields)."""

    fields: dict[str, Any]
    created: datetime
    updated: datetime

    def as_json(self) -> dict[str, Any]:
        """What ``SessionSummary.model_dump(mode="json")`` gives for this session."""
        return dict(self.fields)


def quick_listing(db: Path | str) -> tuple[Path, list[QuickSummary]] | None:
    """The store's main file and its sessions, newest first; ``None``: use the full path."""
    found = _entries(db)
    if found is None:
        return None
    path, entries = found
    try:
        rows = [QuickSummary({key: entry[key] for key in _SUMMARY_KEYS},
                             _moment(entry["created"]), _moment(entry["updated"]))
                for entry in entries]
    except (_Unsure, ValueError):
        return None  # not reached: every entry was checked
    rows.sort(key=lambda row: aware(row.updated), reverse=True)
    return path, rows


def quick_open_actions(db: Path | str) -> list[ActionRow] | None:
    """Every stored open action row, replicas not yet merged, in the order the full path
    (``tracking.stored_actions(store, include_closed=False)``) gives them; ``None``: use it.
    """
    found = _entries(db)
    if found is None:
        return None
    rows: list[ActionRow] = []
    try:
        for entry in found[1]:
            session_id, title = entry["id"], entry["title"]
            for action in entry["open_actions"]:
                due = action.get("due")
                origin = action.get("origin", "")
                rows.append(ActionRow(
                    id=action["id"], text=action["text"], owner=action.get("owner"),
                    due=date.fromisoformat(due) if due is not None else None,
                    status=action.get("status", "open"), session_id=session_id,
                    session_title=title, updated=_moment(action["updated"]),
                    origin=origin if origin != session_id else ""))
    except (_Unsure, ValueError):
        return None  # not reached: every entry was checked
    return rows


def _entries(db: Path | str) -> tuple[Path, list[dict[str, Any]]] | None:
    """The store's main file and its index entries, each checked, in the order of the
    session files on disk (the full path's order); ``None``: use the full path."""
    try:
        path = resolve_db_path(db)
        if check_store(path) != "ours":
            return None
        sessions_dir = sessions_dir_of(path)
        on_disk = files_on_disk(sessions_dir)
        if not on_disk:
            return None  # nothing to list (or nothing yet): the full path says so
        index_dir = sessions_dir / INDEX_DIR
        entries: dict[str, dict[str, Any]] = {}
        for found in os.scandir(index_dir):
            name = found.name
            if not name.endswith(".json") or not check_id(name[:-5]):
                continue
            session_id = name[:-5]
            if session_id not in on_disk:
                if _readable(found.path, session_id):
                    raise _Unsure  # an entry for a deleted session: the full path removes it
                continue  # unreadable and orphaned: the full path leaves it alone too
            entries[session_id] = _entry(found.path, session_id, on_disk[session_id])
        return path, [entries[session_id] for session_id in on_disk]  # KeyError: not indexed
    except (_Unsure, KeyError, OSError, NotAStore, ValueError, TypeError, UnicodeError):
        return None


def _readable(file: str, session_id: str) -> bool:
    """Whether an index file is an entry for ``session_id`` (its signature unchecked)."""
    try:
        _entry(file, session_id, None)
    except (_Unsure, OSError, ValueError, TypeError, UnicodeError):
        return False
    return True


def _entry(file: str, session_id: str, sig: Signature | None) -> dict[str, Any]:
    """One index file, if it is exactly as the full path would accept it (and taken from
    files of signature ``sig``; ``None``: any)."""
    with open(file, "rb") as handle:
        entry = json.loads(handle.read())
    if not isinstance(entry, dict) or entry.keys() != _ENTRY_KEYS:
        raise _Unsure
    held = cast(Signature, (_ints(entry["snapshot_sig"], 3), _ints(entry["journal_sig"], 2)))
    if entry["id"] != session_id or (sig is not None and not same_signature(held, sig)):
        raise _Unsure
    for key in ("title", "project"):
        _text(entry[key])
    if entry["status"] not in _STATUSES:
        raise _Unsure
    items = entry["items"]
    if type(items) is not int or items < 0:
        raise _Unsure
    _moment(entry["created"])
    _moment(entry["updated"])
    for key in ("started_at", "ended_at"):
        if entry[key] is not None:
            _moment(entry[key])
    actions = entry["open_actions"]
    if not isinstance(actions, list):
        raise _Unsure  # None: written before actions were indexed; the full path re-reads
    for action in actions:
        _action(action)
    return entry


def _action(action: Any) -> None:
    """Check an ``index.IndexedAction`` as stored."""
    if not isinstance(action, dict) or not action.keys() <= _ACTION_KEYS:
        raise _Unsure
    if "id" not in action or "text" not in action or "updated" not in action:
        raise _Unsure
    _text(action["id"])
    _text(action["text"])
    _text(action.get("status", "open"))
    _text(action.get("origin", ""))
    if action.get("owner") is not None:
        _text(action["owner"])
    _moment(action["updated"])
    due = action.get("due")
    if due is not None:
        _text(due)
        if len(due) != 10 or date.fromisoformat(due).isoformat() != due:
            raise _Unsure


def _text(value: Any) -> None:
    """A string pydantic reads back as itself (no lone surrogates)."""
    if not isinstance(value, str):
        raise _Unsure
    value.encode("utf-8")  # UnicodeError: not as pydantic would read it


def _ints(value: Any, size: int) -> tuple[int, ...] | None:
    """A stored signature part: ``null`` or a list of ``size`` integers."""
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != size
            or any(type(part) is not int for part in value)):
        raise _Unsure
    return tuple(value)


def _moment(value: Any) -> datetime:
    """A stored time, accepted only in the exact form pydantic writes it."""
    if not isinstance(value, str):
        raise _Unsure
    moment = datetime.fromisoformat(value)
    canonical = moment.isoformat()
    offset = moment.utcoffset()
    if offset is not None and not offset and canonical.endswith("+00:00"):
        canonical = canonical[:-6] + "Z"
    if canonical != value:
        raise _Unsure
    return moment
