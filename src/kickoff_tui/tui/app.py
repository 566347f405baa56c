"""The Kickoff App: load the styles, open the first screen, save on the way out. Thin on purpose;
behaviour lives on the screens."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kickoff_tui.tui.resources import stylesheets

if TYPE_CHECKING:
    from kickoff_tui.core.models import Session
    from kickoff_tui.core.store import Store


@dataclass
class Launch:
    """What the app opens with: a new session, a session to resume, or the home screen."""

    new_session: Session | None = None
    resume_id: str | None = None
    #: Where wrap-up writes the JSON and Markdown files (the folder kickoff was started in).
    out_dir: Path = field(default_factory=Path.cwd)


class KickoffApp(App[None]):
    """Runs kick-off meetings: home screen, agenda screen, wrap-up."""

    TITLE = "Kickoff"
    CSS_PATH = stylesheets()
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", key_display="^q", priority=True,
                tooltip="Quit; the session is saved and stays resumable."),
    ]

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
        #: Injectable clocks: tests and snapshots freeze them.
        self.monotonic = monotonic
        self.wall_clock = wall_clock or (lambda: datetime.now().astimezone())
        # The store (and pydantic with it) is opened on first use, off the first frame's path:
        # the home screen paints before it is needed.
        self._store = store
        self._store_lock = threading.Lock()
        self.launch = launch or Launch()
        self.today = today
        #: The system clipboard function (pyperclip.copy); injectable so tests can make it fail.
        self.clipboard_system = clipboard_system
        #: The last meeting open when the app closed (the CLI says how to resume it).
        self.last_session: Session | None = None

    @property
    def store_opened(self) -> bool:
        """Whether the store has been opened (a quick quit from home never opens it)."""
        return not callable(self._store)

    @property
    def store(self) -> Store:
        """The session store, opened on first use (from any thread)."""
        with self._store_lock:
            if callable(self._store):
                self._store = self._store()
            return self._store

    def on_mount(self) -> None:
        """Open the first screen and make a closed terminal save before it exits."""
        self._install_signal_handlers()
        from kickoff_tui.tui.screens.home import HomeScreen

        if self.launch.new_session is not None or self.launch.resume_id is not None:
            self.open_meeting(self.launch.new_session, self.launch.resume_id)
        else:
            self.push_screen(HomeScreen())

    def open_meeting(
        self, session: Session | None, session_id: str | None = None
    ) -> None:
        """Open the agenda screen for a new session or a stored one."""
        from kickoff_tui.tui.screens.agenda import AgendaScreen

        self.push_screen(AgendaScreen(session=session, session_id=session_id))

    # -- leaving ---------------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        """SIGHUP (the terminal was closed) and SIGTERM save, then exit.

        Plain ``signal.signal`` handlers rather than the event loop's: when the terminal has
        gone, Textual's writer can block the loop for good, and a loop-based handler would
        never run. The handler only starts a thread; the thread does the saving.
        """
        if threading.current_thread() is not threading.main_thread():
            return  # tests running the app off the main thread: leave signals alone
        for signum in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(signum, self._on_signal)
        if not self.is_headless:
            threading.Thread(target=self._watch_terminal, name="kickoff-terminal-watch",
                             daemon=True).start()

    def _watch_terminal(self) -> None:
        """A terminal can vanish without a SIGHUP (a process outside its session, a dropped
        pty): Textual's writer thread then dies on EIO and the UI blocks for good. Notice it,
        save, and end the process rather than hang."""
        while self.is_running or self._loop is None:
            time.sleep(1.0)
            writer = getattr(self._driver, "_writer_thread", None)
            if writer is not None and not writer.is_alive() and self.is_running:
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
        os._exit(128 + signum)

    def hang_up(self, signum: int) -> None:
        """Save every open meeting now, then exit with ``128 + signum`` (from any thread)."""
        self.save_all()
        code = 128 + signum
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(lambda: self.exit(return_code=code))

    def save_all(self) -> None:
        """Save every open meeting now, on this thread (used on the way out)."""
        from kickoff_tui.tui.screens.agenda import AgendaScreen

        for screen in self.screen_stack:
            if isinstance(screen, AgendaScreen) and screen.meeting is not None:
                screen.save_blocking()
                self.last_session = screen.meeting.session

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
        self.save_all()
        self.exit()

    # -- command palette -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: the screen's own commands first, then Textual's (theme, keys…)."""
        own = getattr(screen, "palette_commands", None)
        if own is not None:
            yield from own()
        yield from super().get_system_commands(screen)


def make_app(
    db: Path | Store | None = None, launch: Launch | None = None, **options: object
) -> KickoffApp:
    """Build the app on a store: the one factory the CLI and the tests share.

    Args:
        db: an open store, or the store's main file (``None``: ``KICKOFF_DB`` or the user
            data folder).
        launch: what to open first.
        options: passed to :class:`KickoffApp` (injectable clocks, clipboard).
    """
    if db is not None and not isinstance(db, Path):
        return KickoffApp(db, launch, **options)  # type: ignore[arg-type]

    def open_store() -> Store:
        from kickoff_tui.core.store import Store

        return Store(db)

    return KickoffApp(open_store, launch, **options)  # type: ignore[arg-type]
