"""One open meeting's lifecycle, apart from the screens that show it.

A :class:`MeetingController` opens the meeting (a new session or a stored one), starts its
clock, takes the facilitator's lead if that seat is vacant, and from then on owns every write
to the disk for it: the autosave (the journal), other seats' changes (a look at the journal
every half second), this seat's heartbeat and settings, ctrl+s, the wrap-up's save, and the
final save on the way out. Each of those runs in a worker thread, never on the UI thread,
except the final one (quit, hang-up, crash, a closing browser tab), which must be complete
before the process may end.

Why a thin UI service and not a core class: the rules of saving and merging are already core
(:class:`~kickoff_tui.core.autosave.AutoSaver`, :class:`~kickoff_tui.core.meeting.Meeting`,
tested without a terminal); what is left here is *when* they run and whom to tell, which is
Textual's business (intervals, thread workers, messages). A Textual-free runner would need its
own scheduler and callbacks, a second copy of what Textual already gives.

Screens tell the controller what to do by calling it; it tells the screens that show its
meeting what happened by posting them the messages of :mod:`kickoff_tui.tui.messages`. The
App asks its controllers, not its screen stack, which meetings are open.
"""

from __future__ import annotations

import contextlib
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.message_pump import MessagePump

from kickoff_tui.core.autosave import AutoSaver, SaveOutcome
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.presence import BEAT_EVERY
from kickoff_tui.tui.messages import (
    MeetingChanged,
    MeetingReopened,
    NextStepSet,
    SaveFinished,
    SaveKind,
    SeatsCounted,
    SectionFollowed,
)
from kickoff_tui.tui.seats import SeatView

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from kickoff_tui.core.models import Session
    from kickoff_tui.tui.services import Services

#: How often the meeting is saved when nothing asked for it (a heartbeat of a running clock).
SAVE_EVERY = 1.0
#: How often other seats' changes are looked for (a stat of the journal when idle).
SEAT_SYNC_SECONDS = 0.5


class MeetingController:
    """Owns one open meeting: the :class:`Meeting`, its saver and this seat among the others.

    Build it with :meth:`open`. The screens that show the meeting :meth:`subscribe` to its
    messages; :meth:`start` starts the timers; :meth:`close` ends it (the last changes are
    saved, the seat leaves).
    """

    def __init__(self, app: App[Any], services: Services, meeting: Meeting) -> None:
        self.app = app
        self.services = services
        self.meeting = meeting
        store = services.store
        self.saver = AutoSaver(meeting, store)
        if not meeting.ended:
            meeting.start()
        #: This seat among the others: presence, masked private notes, following.
        self.seats = SeatView(meeting, store.path)
        if not meeting.ended:
            self.seats.take_lead_if_vacant()
        self._listeners: list[MessagePump] = []
        self._timers: list[Timer] = []
        self._saving = False
        self._save_pending = False
        self._syncing = False
        self._beating = False
        self._seats_shown = self.seats.count
        #: The seat has closed: no more beats, and the App no longer counts it as open.
        self.closed = False

    @classmethod
    def open(
        cls, app: App[Any], services: Services, session: Session | None,
        session_id: str | None = None,
    ) -> MeetingController:
        """Open a new session, or load a stored one.

        Raises:
            StoreError: the stored session could not be read.
        """
        if session is None:
            if session_id is None:
                raise ValueError("a new session or the id of a stored one")
            session = services.store.load(session_id)
        meeting = Meeting(session, today=services.today, now=services.monotonic)
        return cls(app, services, meeting)

    @property
    def session_id(self) -> str:
        """The id of the meeting's session."""
        return self.meeting.session.id

    # -- who is told ----------------------------------------------------------------------

    def subscribe(self, listener: MessagePump) -> None:
        """Send ``listener`` (a screen showing this meeting) every message from now on."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def unsubscribe(self, listener: MessagePump) -> None:
        """Stop sending messages to ``listener``."""
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def publish(self, message: Message) -> None:
        """Post ``message`` to every screen showing the meeting (from any thread)."""
        for listener in list(self._listeners):
            # Each screen gets its own copy: a message is handled, stopped and bubbled once.
            copy = message if listener is self._listeners[0] else _copy(message)
            with contextlib.suppress(RuntimeError):  # the app's loop has already stopped
                listener.post_message(copy)

    # -- running --------------------------------------------------------------------------

    def start(self) -> None:
        """Start saving, looking for other seats' changes and beating; save at once."""
        if self._timers or self.closed:
            return
        self._timers = [
            self.app.set_interval(SAVE_EVERY, self.request_save),
            self.app.set_interval(BEAT_EVERY, self.beat),
            self.app.set_interval(SEAT_SYNC_SECONDS, self.sync),
        ]
        self.beat()
        self.request_save()

    def close(self) -> None:
        """The seat closes (quit, a closed browser tab, the server stopping): stop the timers,
        save what is left, here and now (the process may end right after), and leave, so the
        others count one seat fewer at once."""
        for timer in self._timers:
            timer.stop()
        self._timers = []
        self.closed = True
        try:
            self.save_blocking()  # first: what was typed matters more than the seat count
        finally:
            self.seats.leave()

    # -- saving ---------------------------------------------------------------------------

    def request_save(self) -> None:
        """Save soon, off the UI thread; a save already running is followed by one more."""
        if self._saving:
            self._save_pending = True
            return
        if not self.saver.needed:
            return
        self._saving = True
        self.app.run_worker(self._autosave, thread=True, group="save",
                            description="autosave")

    def _autosave(self) -> None:
        outcome = self.saver.save()
        self._on_ui_thread(self._autosaved, outcome)

    def _autosaved(self, outcome: SaveOutcome) -> None:
        self._saving = False
        self._announce(outcome, "auto")
        if self._save_pending:
            self._save_pending = False
            self.request_save()

    def save_now(self) -> None:
        """ctrl+s: save and fold the journal, in a worker; :class:`SaveFinished` says how."""
        self.app.run_worker(self._save_now, thread=True, group="save-now",
                            description="save now")

    def _save_now(self) -> None:
        self.save_in_thread("now")

    def save_in_thread(self, kind: SaveKind) -> SaveOutcome:
        """Save and fold the journal on the calling (worker) thread, then tell the screens.

        Returns:
            What the save did.
        """
        outcome = self.saver.save(force=True)
        self._on_ui_thread(self._announce, outcome, kind)
        return outcome

    def save_blocking(self, *, announce: bool = False) -> str:
        """Save now on this thread, completely (quit, hang-up, crash, a closing seat).

        Safe from any thread; ``announce`` also tells the screens (quit shows the outcome).

        Returns:
            The error, or ``""``.
        """
        outcome = self.saver.save(force=True)
        if announce:
            self.publish(SaveFinished(outcome, "quit"))
        return outcome.error

    @property
    def unsaved(self) -> bool:
        """Whether the meeting may hold changes not on disk (or its last save failed)."""
        return self.saver.needed or bool(self.saver.error)

    def _announce(self, outcome: SaveOutcome, kind: SaveKind) -> None:
        self.publish(SaveFinished(outcome, kind))
        if outcome.adopted:
            self.publish(MeetingChanged(outcome.adopted))

    # -- other seats ----------------------------------------------------------------------

    def sync(self) -> None:
        """Look for other seats' changes, off the UI thread (one look at a time). Runs in
        every state: paused clock, dialogs, the wrap-up on top."""
        if self._syncing or self.closed or not self.saver.others_may_have_saved():
            return  # nothing new on disk (a stat, no lock): no worker thread for this look
        self._syncing = True
        self.app.run_worker(self._sync, thread=True, group="seats", description="seat sync")

    def _sync(self) -> None:
        adopted = self.saver.sync()
        self._on_ui_thread(self._synced, adopted)

    def _synced(self, adopted: int) -> None:
        self._syncing = False
        if adopted:
            self.publish(MeetingChanged(adopted))

    def beat(self) -> None:
        """Say this seat is here, count the seats, follow the facilitator (off the UI
        thread: the heartbeat is a file)."""
        if self._beating or self.closed:
            return
        self._beating = True
        self.app.run_worker(self._beat, thread=True, group="seat-beat", description="heartbeat")

    def _beat(self) -> None:
        section = None if self.closed else self.seats.beat()
        if self.closed:
            # The seat closed while this beat ran: it must not stay counted.
            self.seats.leave()
        self._on_ui_thread(self._beaten, section, self.seats.count)

    def _beaten(self, section: int | None, count: int) -> None:
        self._beating = False
        if section is not None and self.meeting.go(section):
            self.request_save()
            self.publish(SectionFollowed(section))
        elif count != self._seats_shown:
            self.publish(SeatsCounted(count))
        self._seats_shown = count

    def toggle_hide_private(self) -> bool:
        """Hide this seat's own private notes too, or show them again. Returns hidden."""
        hidden = self.seats.toggle_hide_private()
        self._remember_seat()
        return hidden

    def toggle_follow(self) -> bool:
        """Follow the facilitator's section, or stop. Returns following."""
        following = self.seats.toggle_follow()
        self._remember_seat()
        if following:
            self.beat()
        return following

    def _remember_seat(self) -> None:
        self.app.run_worker(self.seats.remember, thread=True, group="seat-settings",
                            description="seat settings")

    # -- the meeting's course -------------------------------------------------------------

    def end(self) -> None:
        """End the meeting (the wrap-up follows)."""
        if not self.meeting.ended:
            self.meeting.end()

    def reopen(self) -> None:
        """Reopen a meeting ended by mistake: the clock runs again."""
        self.meeting.reopen()
        self.request_save()
        self.publish(MeetingReopened())

    def set_next_step(self, text: str) -> None:
        """Record the next step agreed."""
        self.meeting.set_next_step(text)
        self.request_save()
        self.publish(NextStepSet(text))

    def snapshot(self) -> Session:
        """A consistent copy of the session, for work on another thread (exports)."""
        return self.meeting.snapshot()

    # -- threads --------------------------------------------------------------------------

    def _on_ui_thread(self, callback: Any, *args: Any) -> None:
        """Run ``callback`` on the UI thread (from a worker); not once the app has stopped."""
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, *args)


def _copy(message: Message) -> Message:
    """A fresh message with the same fields (messages are dataclasses)."""
    if not is_dataclass(message):
        return message
    return type(message)(**{f.name: getattr(message, f.name) for f in fields(message)
                            if f.init})
