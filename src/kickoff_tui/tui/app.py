"""The Kickoff App: load the styles, open the first screen, save on the way out. Thin on purpose;
behaviour lives on the screens, and each open meeting's lifecycle in its
:class:`~kickoff_tui.tui.controller.MeetingController`.

Leaving is where data is lost, so it is guarded here: ctrl+q saves first and asks when the save
fails; SIGINT, SIGHUP and SIGTERM save, then exit with ``128 + signal``; a terminal that vanishes
without a signal is noticed by polling it (a stopped process is not mistaken for one); and what
could not be saved is remembered in :attr:`KickoffApp.save_errors` so the command line can say
so and exit non-zero.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from textual import on
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from kickoff_tui.core.safetext import visible_block
from kickoff_tui.tui.commands import APP_BINDINGS
from kickoff_tui.tui.messages import OpenMeeting
from kickoff_tui.tui.resources import stylesheets
from kickoff_tui.tui.screens.base import KickoffScreen
from kickoff_tui.tui.services import Launch, Services

if TYPE_CHECKING:
    from kickoff_tui.core.export import WrittenFiles
    from kickoff_tui.core.models import Session
    from kickoff_tui.core.store import Store
    from kickoff_tui.tui.controller import MeetingController

__all__ = ["EXIT_NOT_SAVED", "KickoffApp", "Launch", "make_app", "not_saved_line"]

#: Exit code of a quit that could not save (the user chose "Quit anyway").
EXIT_NOT_SAVED = 3
#: Signals that save the meeting and end the app: ctrl+c from outside, a closed terminal, kill.
SAVING_SIGNALS = (signal.SIGINT, signal.SIGHUP, signal.SIGTERM)
#: How often the terminal is checked for having gone away (seconds).
TERMINAL_POLL_S = 1.0


class KickoffApp(App[None]):
    """Runs kick-off meetings: home screen, agenda screen, wrap-up."""

    TITLE = "Kickoff"
    CSS_PATH = stylesheets()
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        store: Store | Callable[[], Store],
        launch: Launch | None = None,
        *,
        today: Callable[[], date] = date.today,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] | None = None,
        clipboard_system: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        #: What the screens use: the store (opened on first use, off the first frame's path),
        #: the launch options, the clocks (tests freeze them) and the clipboard.
        self.services = Services(store, launch, today=today, monotonic=monotonic,
                                 wall_clock=wall_clock, clipboard_system=clipboard_system)
        #: The app's event loop, for threads that must reach it without waiting on it (a
        #: hang-up thread cannot block: the loop may be stuck on a terminal that is gone).
        self._event_loop: asyncio.AbstractEventLoop | None = None
        #: Set when the app has stopped: the terminal watch ends.
        self._stopped = threading.Event()
        #: The last meeting open when the app closed (the CLI says how to resume it).
        self.last_session: Session | None = None
        #: Why the last save on the way out failed, per session id (empty: all saved).
        self.save_errors: dict[str, str] = {}
        #: Every meeting opened, so it can be saved even after its screen is gone (a crash
        #: takes the screens down; the controllers and their savers stay).
        self.meetings: list[MeetingController] = []
        #: Textual prints an unexpected exception's traceback, locals included, when it exits:
        #: on a shared screen that would show private notes. It is kept here instead, and the
        #: command line writes it to a private log file (see :mod:`kickoff_tui.launch`).
        self.crash_report = io.StringIO()
        self.error_console = Console(file=self.crash_report, width=100, color_system=None,
                                     markup=False, highlight=False)

    @property
    def store(self) -> Store:
        """The session store, opened on first use (from any thread)."""
        return self.services.store

    @property
    def store_opened(self) -> bool:
        """Whether the store has been opened (a quick quit from home never opens it)."""
        return self.services.store_opened

    @property
    def written_files(self) -> WrittenFiles:
        """Where the wrap-up remembers the files it wrote."""
        return self.services.written_files

    @written_files.setter
    def written_files(self, registry: WrittenFiles) -> None:
        self.services.written = registry

    def on_mount(self) -> None:
        """Open the first screen and make a closed terminal save before it exits."""
        self._event_loop = asyncio.get_running_loop()
        self._install_signal_handlers()
        launch = self.services.launch
        if launch.new_session is not None or launch.resume_id is not None:
            self.open_meeting(launch.new_session, launch.resume_id)
        else:
            self._show_home()

    def _show_home(self) -> None:
        from kickoff_tui.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.services))

    @on(OpenMeeting)
    def _open_meeting(self, message: OpenMeeting) -> None:
        self.open_meeting(message.session, message.session_id)

    def open_meeting(self, session: Session | None, session_id: str | None = None) -> None:
        """Open the agenda screen for a new session or a stored one (one that cannot be read
        is said, and the home screen stays or comes up)."""
        from kickoff_tui.core.store import StoreError
        from kickoff_tui.tui.controller import MeetingController
        from kickoff_tui.tui.screens.agenda import AgendaScreen

        try:
            meeting = MeetingController.open(self, self.services, session, session_id)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            if not isinstance(self.screen, KickoffScreen):
                self._show_home()
            return
        self.meetings.append(meeting)
        self.push_screen(AgendaScreen(meeting))

    def notify(  # noqa: D417 - as Textual's
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, with control characters made visible (a message often
        quotes a title or an item, and those come from files)."""
        super().notify(visible_block(message), title=visible_block(title), severity=severity,
                       timeout=timeout, markup=markup)

    # -- leaving ---------------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        """SIGINT (ctrl+c from a shell or ``kill -INT``), SIGHUP (the terminal was closed) and
        SIGTERM save, then exit.

        Plain ``signal.signal`` handlers rather than the event loop's: when the terminal has
        gone, Textual's writer can block the loop for good, and a loop-based handler would
        never run. The handler only starts a thread; the thread does the saving. SIGTSTP and
        SIGCONT stay Textual's: it suspends and resumes the terminal itself.
        """
        if threading.current_thread() is not threading.main_thread():
            return  # tests running the app off the main thread: leave signals alone
        for signum in SAVING_SIGNALS:
            signal.signal(signum, self._on_signal)
        if not self.is_headless:
            threading.Thread(target=self._watch_terminal, name="kickoff-terminal-watch",
                             daemon=True).start()

    @staticmethod
    def _terminal_fds() -> list[int]:
        """The terminal the app reads and draws on (standard input and standard error)."""
        fds = []
        for stream in (sys.__stdin__, sys.__stderr__):
            try:
                fd = stream.fileno() if stream is not None else -1
            except (OSError, ValueError):
                continue
            if fd >= 0 and os.isatty(fd) and fd not in fds:
                fds.append(fd)
        return fds

    def _watch_terminal(self) -> None:
        """A terminal can vanish without a SIGHUP (a process outside its session, a dropped
        pty): Textual's writer then fails and the UI blocks for good. Poll the terminal itself
        for a hang-up (``POLLHUP``/``POLLERR``); on one, save and end the process rather than
        hang. A stopped process (ctrl+z, SIGTSTP) is stopped here too and its terminal is
        still there when it continues, so it is never taken for a hang-up."""
        fds = self._terminal_fds()
        if not fds:
            return
        poller = select.poll()
        for fd in fds:
            poller.register(fd, 0)  # no events asked for: only hang-up and errors are reported
        gone = select.POLLHUP | select.POLLERR | select.POLLNVAL
        while not self._stopped.wait(TERMINAL_POLL_S):
            try:
                events = poller.poll(0)
            except OSError:
                continue
            if any(mask & gone for _fd, mask in events) and self.is_running:
                self._on_hangup(signal.SIGHUP)
                return

    def _on_signal(self, signum: int, _frame: object) -> None:
        threading.Thread(target=self._on_hangup, args=(signum,), name="kickoff-hangup",
                         daemon=True).start()

    def _on_hangup(self, signum: int) -> None:
        """Runs on its own thread: save and ask the app to exit; if the app cannot (the
        terminal is gone and the writer is stuck), end the process once the session is safe."""
        self.hang_up(signum)
        time.sleep(1.0 if signum == signal.SIGHUP else 5.0)
        if self.save_errors:
            with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
                print(not_saved_line(self), file=sys.__stderr__, flush=True)
        os._exit(128 + signum)

    def hang_up(self, signum: int) -> None:
        """Save every open meeting now, then exit with ``128 + signum`` (from any thread)."""
        self.save_all()
        code = 128 + signum
        loop = self._event_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(lambda: self.exit(return_code=code))

    def on_unmount(self) -> None:
        """The app has stopped: end the terminal watch."""
        self._stopped.set()

    def open_meetings(self, *, every: bool = False) -> list[MeetingController]:
        """The meetings that may hold unsaved changes (``every``: all that were opened, e.g.
        after a crash took the screen stack down)."""
        return [controller for controller in self.meetings
                if every or not controller.closed or controller.unsaved]

    def save_all(self, *, every: bool = False, announce: bool = False) -> dict[str, str]:
        """Save every open meeting now, on this thread (used on the way out).

        Args:
            every: save every meeting opened in this run, not only the open ones (after a
                crash the screens are gone; the meetings and their savers are not).
            announce: tell the screens how each save went (on the UI thread, before asking
                whether to quit anyway).

        Returns:
            Why a save failed, per session id; also kept in :attr:`save_errors`.
        """
        errors: dict[str, str] = {}
        for controller in self.open_meetings(every=every):
            error = controller.save_blocking(announce=announce)
            self.last_session = controller.meeting.session
            if error:
                errors[controller.session_id] = error
        self.save_errors = errors
        return errors

    async def action_quit(self) -> None:
        """Quit; the session is saved and stays resumable.

        ctrl+q is a priority key, handled before keys typed just before it have reached the
        focused widget; so the save waits until that widget has dealt with them (a line typed
        and entered right before ctrl+q is saved too).
        """
        if self.focused is not None:
            self.focused.call_later(self._save_and_exit)
        else:
            self._save_and_exit()

    def _save_and_exit(self) -> None:
        """Save, then exit; if the save fails, ask: save again, quit anyway, or stay."""
        from kickoff_tui.tui.screens.unsaved import UnsavedQuitScreen

        errors = self.save_all(announce=True)
        if not errors:
            self.exit()
            return
        self.push_screen(UnsavedQuitScreen(next(iter(errors.values()))), self._after_unsaved)

    def _after_unsaved(self, choice: str | None) -> None:
        if choice == "quit":
            self.exit(return_code=EXIT_NOT_SAVED)
        elif choice == "retry":
            self._save_and_exit()

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: the screen's own commands first (declared once, in
        :mod:`kickoff_tui.tui.commands`), then Textual's (theme, keys…)."""
        if isinstance(screen, KickoffScreen):
            for command in screen.PALETTE:
                yield SystemCommand(command.palette_title, command.help,
                                    partial(screen.run_action, command.action))
        yield from super().get_system_commands(screen)


def not_saved_line(app: KickoffApp) -> str:
    """One line saying which meeting was NOT saved and why (never "saved")."""
    session = app.last_session
    reason = next(iter(app.save_errors.values()), "")
    what = f"“{visible_block(session.title)}” (id {session.id})" if session else "The meeting"
    return (f"kickoff: {what} was NOT saved: {reason}. The last save that worked is in the "
            "store; what was typed since is lost.")


def make_app(
    db: Path | Store | None = None, launch: Launch | None = None, **options: Any
) -> KickoffApp:
    """Build the app on a store: the one factory the CLI and the tests share.

    Args:
        db: an open store, or the store's main file (``None``: ``KICKOFF_DB`` or the user
            data folder).
        launch: what to open first.
        options: passed to :class:`KickoffApp` (injectable clocks, clipboard).
    """
    if db is not None and not isinstance(db, Path):
        return KickoffApp(db, launch, **options)

    def open_store() -> Store:
        from kickoff_tui.core.store import Store

        return Store(db)

    return KickoffApp(open_store, launch, **options)
