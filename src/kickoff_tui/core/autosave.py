"""Saving a running meeting: what to save, when, and what to say when the disk refuses.

The UI calls :meth:`AutoSaver.save` from a worker thread (never on the UI thread) soon after
every change and once a second, so a crash loses at most the last second. A save appends
only what the :class:`Meeting` changed since the last one (its dirty items and stamped
fields) to the session's journal: an idle meeting writes nothing, a capture about its own
size. While the clock runs, a once-a-second heartbeat (a timestamp, no bytes) lets a crashed
meeting's clock count up to the crash. An explicit save (ctrl+s, wrap-up, quit) also folds
the journal into a new snapshot, in a background thread.

:meth:`AutoSaver.sync` takes in other seats' changes (a ``stat`` of the journal when nothing
happened); the UI looks with :meth:`AutoSaver.others_may_have_saved` every half second, in
every state, and calls it (off the UI thread) when that says so.

A failed save keeps every edit in memory and is retried at the next chance.

This module never imports Textual.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from dataclasses import dataclass

from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.store import SessionNotFound, Store, StoreError
from kickoff_tui.core.store.merge import Changes, changes_between
from kickoff_tui.core.tracking import CarriedSync

#: Seconds between heartbeats of a running clock.
HEARTBEAT_S = 1.0


@dataclass(frozen=True)
class SaveOutcome:
    """What one save did."""

    saved: bool
    error: str = ""
    adopted: int = 0  # items and fields another seat had saved, now shown here too
    recovered: bool = False  # this save succeeded after a failed one


class AutoSaver:
    """Saves a :class:`Meeting` to a :class:`Store`, one save at a time."""

    def __init__(self, meeting: Meeting, store: Store) -> None:
        self.meeting = meeting
        self.store = store
        self.error = ""
        self._lock = threading.Lock()
        self._stored = False  # the first save writes (or merges) the session whole
        self._beat = 0.0
        self._compactor: threading.Thread | None = None
        #: A deletion was saved: compact, so that the text it erased leaves the journal too.
        self._erased = False
        #: Carried items (a follow-up's review) are written through to their home sessions.
        self._carried = CarriedSync(store, meeting.session)
        # The last net: a change made after the final save (a line entered just before a
        # signal, handled while the app was already on its way out) is saved at exit.
        atexit.register(_save_at_exit, weakref.ref(self))

    @property
    def needed(self) -> bool:
        """Whether there is anything to save, or a heartbeat is due."""
        if self.meeting.has_changes or not self._stored:
            return True
        return self.meeting.clock.running and time.monotonic() - self._beat >= HEARTBEAT_S

    def save(self, *, force: bool = False) -> SaveOutcome:
        """Save what changed (``force``: also compact the journal). Safe from any thread.

        Returns:
            What happened; a failure carries a one-line message and changes nothing on disk.
        """
        with self._lock:
            if force or not self._stored:
                # Take in what the other seats did first, so that our clock, stamped now,
                # never overrides a pause or a section change they made a moment ago.
                self.sync()
            if force:
                self.meeting.record_clock()
            outcome = self._save(force=force)
        if outcome.saved and (force or self._erased):
            # A deletion erases the text: the journal line that still holds it goes at once,
            # not at the end of the meeting.
            self._erased = False
            self.compact_soon()
        return outcome

    def _save(self, *, force: bool) -> SaveOutcome:
        session_id = self.meeting.session.id
        if self._stored and not self.meeting.has_changes:
            if self.meeting.clock.running:
                self.store.heartbeat(session_id)
                self._beat = time.monotonic()
            return SaveOutcome(saved=force and not self.error, error=self.error)
        changes = self.meeting.take_changes()
        try:
            adopted = 0
            if self._stored:
                try:
                    theirs = self.store.commit(session_id, changes)
                    adopted = self.meeting.adopt(theirs) if theirs else 0
                except SessionNotFound:
                    # Gone from the disk (deleted, or damaged with no good backup, which
                    # was set aside and reported): what this seat holds is written whole.
                    self._stored = False
            if not self._stored:
                snapshot = self.meeting.snapshot()
                merged = self.store.save(snapshot)
                news = changes_between(snapshot, merged) if merged is not snapshot else None
                adopted = self.meeting.adopt(news) if news else 0
                self._stored = True
        except (StoreError, OSError) as error:
            self.meeting.keep_changes(changes)
            if isinstance(error, StoreError):
                self.error = str(error)
            else:  # a fault the store did not word itself
                self.error = f"Could not save: {error.strerror or error}"
            return SaveOutcome(saved=False, error=self.error)
        adopted += self._carry()
        self._erased = self._erased or any(item.deleted for item in changes.items)
        self._beat = time.monotonic()
        recovered = bool(self.error)
        self.error = ""
        return SaveOutcome(saved=True, adopted=adopted, recovered=recovered)

    def _carry(self) -> int:
        """A follow-up: write the carried items changed here to their home sessions, and
        take in (the first time) what the homes changed since it was created.

        Returns:
            How many items changed here. A failure is retried at the next save: this
            meeting itself is saved either way.
        """
        with self.meeting.lock:
            items = list(self.meeting.session.items)
        try:
            self._carried.push(items)
            pulled = self._carried.pull(self.meeting.session)
        except (StoreError, OSError):
            return 0
        return self.meeting.adopt(Changes(items=pulled)) if pulled else 0

    def sync(self) -> int:
        """Take in other seats' changes; returns how many items and fields changed here."""
        try:
            theirs = self.store.poll(self.meeting.session.id)
        except (StoreError, OSError):
            return 0  # looked for again in half a second; saving reports disk trouble
        return self.meeting.adopt(theirs) if theirs else 0

    def others_may_have_saved(self) -> bool:
        """Whether :meth:`sync` could find another seat's changes (a ``stat``, no lock).

        Cheap enough for the UI thread twice a second, so an idle meeting does not start a
        worker thread for every look (that was a third of its idle CPU).
        """
        return self.store.may_have_news(self.meeting.session.id)

    def compact_soon(self) -> None:
        """Fold the journal into a new snapshot in a background thread (one at a time).

        The thread is not a daemon: a quitting process finishes it first.
        """
        if self._compactor is not None and self._compactor.is_alive():
            return
        self._compactor = threading.Thread(target=self.compact, name="kickoff-compact")
        self._compactor.start()

    def compact(self) -> None:
        """Fold the journal into a new snapshot now (any thread)."""
        try:
            theirs = self.store.compact(self.meeting.session.id)
        except (StoreError, OSError):
            return  # the journal still holds everything; compaction is retried next time
        if theirs:
            self.meeting.adopt(theirs)


def _save_at_exit(ref: weakref.ref[AutoSaver]) -> None:
    """At interpreter exit: save what a saver still holds unsaved (never raises)."""
    saver = ref()
    if saver is None or not saver._stored or not saver.meeting.has_changes:  # noqa: SLF001
        return
    try:
        saver.save()
    except Exception:  # noqa: BLE001 - nothing may be printed on the way out
        return

