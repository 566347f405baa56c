"""The crash-safe session store, in parts:

* ``marker.py`` — is a path a Kickoff store? (refuse anything else, touching nothing);
* ``files.py`` — reading files without trusting them (errors, parsing, repairs);
* ``merge.py`` — the one merge rule between seats, for items and session fields;
* ``journal.py`` — the append-only journal of changes per session;
* ``index.py`` — the listing, one small file per session;
* ``scan.py`` — which session files are on disk, and whether an index entry still matches;
* ``quick.py`` — ``kickoff list`` from an up-to-date index with plain ``json`` (no pydantic);
* ``api.py`` — :class:`Store`, which puts them together.

``from kickoff_tui.core.store import Store, StoreError, SessionNotFound`` works as before;
the names are loaded on first use, so ``import kickoff_tui.core.store.marker`` stays light
(the command line checks ``--db`` with it before loading pydantic).

This package never imports Textual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kickoff_tui.core.atomic import FileOps
    from kickoff_tui.core.store.api import LOCK_TIMEOUT_S, Store
    from kickoff_tui.core.store.files import (
        AtomicJSONStorage,
        NewerSession,
        SessionNotFound,
        StoreError,
    )
    from kickoff_tui.core.store.index import SessionSummary
    from kickoff_tui.core.store.merge import Changes, merge_sessions

__all__ = [
    "LOCK_TIMEOUT_S",
    "AtomicJSONStorage",
    "Changes",
    "FileOps",
    "NewerSession",
    "SessionNotFound",
    "SessionSummary",
    "Store",
    "StoreError",
    "merge_sessions",
]

_WHERE = {
    "FileOps": "kickoff_tui.core.atomic",
    "LOCK_TIMEOUT_S": "kickoff_tui.core.store.api",
    "Store": "kickoff_tui.core.store.api",
    "AtomicJSONStorage": "kickoff_tui.core.store.files",
    "NewerSession": "kickoff_tui.core.store.files",
    "SessionNotFound": "kickoff_tui.core.store.files",
    "StoreError": "kickoff_tui.core.store.files",
    "SessionSummary": "kickoff_tui.core.store.index",
    "Changes": "kickoff_tui.core.store.merge",
    "merge_sessions": "kickoff_tui.core.store.merge",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(where), name)
