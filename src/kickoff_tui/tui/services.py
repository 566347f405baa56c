"""What the screens need from outside themselves, typed: the store, the launch options, the
clocks, the clipboard and the record of files written.

The App builds one :class:`Services` and hands it to the screens it opens (and to the meeting
controllers), so a screen never reaches for an App attribute its type does not declare. The
store is opened on first use, from any thread: the home screen paints before it is needed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kickoff_tui.core.export import WrittenFiles
    from kickoff_tui.core.models import Session
    from kickoff_tui.core.store import Store


@dataclass
class Launch:
    """What the app opens with: a new session, a session to resume, or the home screen."""

    new_session: Session | None = None
    resume_id: str | None = None
    #: Where wrap-up writes the JSON and Markdown files (the folder kickoff was started in).
    out_dir: Path = field(default_factory=Path.cwd)


def _local_now() -> datetime:
    return datetime.now().astimezone()


class Services:
    """The app's services, shared by its screens.

    Args:
        store: an open store, or a function that opens it (called once, on first use).
        launch: what the app opens with, and where the wrap-up writes its files.
        today: today's date (injectable: tests freeze it).
        monotonic: the monotonic clock the meeting clock measures with.
        wall_clock: the local time of day, for the projected end.
        clipboard_system: the system clipboard function (``pyperclip.copy`` when ``None``);
            tests make it fail.
    """

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
        self._store = store
        self._store_lock = threading.Lock()
        self.launch = launch or Launch()
        self.today = today
        self.monotonic = monotonic
        self.wall_clock = wall_clock or _local_now
        self.clipboard_system = clipboard_system
        #: Where the wrap-up remembers the files it wrote (``None``: the one in the data
        #: folder, made on first use). Tests point it at a temporary file.
        self.written: WrittenFiles | None = None

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

    @property
    def written_files(self) -> WrittenFiles:
        """The record of the files the wrap-up wrote (made on first use)."""
        if self.written is None:
            from kickoff_tui.core.export import WrittenFiles

            self.written = WrittenFiles()
        return self.written
