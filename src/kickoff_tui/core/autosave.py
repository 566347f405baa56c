"""Saving a running meeting: what to save, when, and what to say when the disk refuses.

The UI calls :meth:`AutoSaver.save` from a worker thread (never on the UI thread) whenever
something changed, and every second while the clock runs, so a crash loses at most the last
second. A failed save keeps every edit in memory and is retried at the next chance.

This module never imports Textual.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.store import Store, StoreError


@dataclass(frozen=True)
class SaveOutcome:
    """What one save did."""

    saved: bool
    error: str = ""
    adopted: int = 0  # items another seat had saved, now shown here too
    recovered: bool = False  # this save succeeded after a failed one


class AutoSaver:
    """Saves a :class:`Meeting` to a :class:`Store`, one save at a time."""

    def __init__(self, meeting: Meeting, store: Store) -> None:
        self.meeting = meeting
        self.store = store
        self.saved_revision = -1
        self.error = ""
        self._lock = threading.Lock()

    @property
    def needed(self) -> bool:
        """Whether there is anything unsaved (a change, or clock time while it runs)."""
        clock = self.meeting.clock
        return self.meeting.revision != self.saved_revision or (clock.started and not clock.paused)

    def save(self, *, force: bool = False) -> SaveOutcome:
        """Save now if needed (or ``force``). Safe to call from any thread.

        Returns:
            What happened; a failure carries a one-line message and changes nothing on disk.
        """
        with self._lock:
            if not force and not self.needed:
                return SaveOutcome(saved=False)
            revision = self.meeting.revision
            snapshot = self.meeting.snapshot()
            try:
                merged = self.store.save(snapshot)
            except StoreError as error:
                self.error = str(error)
                return SaveOutcome(saved=False, error=self.error)
            except OSError as error:  # a fault the store did not word itself
                self.error = f"Could not save: {error.strerror or error}"
                return SaveOutcome(saved=False, error=self.error)
            adopted = self.meeting.adopt(merged) if merged is not snapshot else 0
            recovered = bool(self.error)
            self.error = ""
            self.saved_revision = revision
            return SaveOutcome(saved=True, adopted=adopted, recovered=recovered)
