"""Run a real program in a pseudo-terminal, type into it and read what it draws.

Used by the reliability suite (``tests/test_reliability.py``) and by the benchmark
(``benchmarks/run.py``, for the start-up time). A background thread drains the terminal
continuously: a Textual app whose output nobody reads stalls once the pty buffer is full,
which would make every timing and every kill test lie.

What the program draws is searched after removing escape sequences (:func:`strip_ansi`), so
``wait_for("New kick-off")`` finds a label whatever colours surround it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kickoff_tui.core.models import Session

#: The repository root (tests/ is one level down); scripts are started from here.
ROOT = Path(__file__).resolve().parent.parent

#: Escape sequences a terminal interprets: CSI (with private and intermediate bytes),
#: OSC/DCS/APC strings up to their terminator, and two-byte ESC sequences.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\)"
    r"|\x1b[@-Z\\-_]"
    r"|\x1b[()*+].",
    re.DOTALL,
)
#: What Textual writes when it leaves the alternate screen (the terminal is given back).
LEAVE_ALT_SCREEN = b"\x1b[?1049l"

#: Keys as a terminal sends them.
ENTER = b"\r"
CTRL_N = b"\x0e"
CTRL_Q = b"\x11"


def _take_controlling_terminal() -> None:
    """In the child, after ``setsid``: make its standard input (the pty) its terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def strip_ansi(text: str) -> str:
    """Text with every escape sequence removed (what a reader of the screen would see)."""
    return _ANSI.sub("", text)


def kickoff_command(*args: str) -> list[str]:
    """The command line for ``kickoff ARGS`` with this interpreter (same as the console script)."""
    return [sys.executable, "-m", "kickoff_tui", *args]


def store_env(db: Path) -> dict[str, str]:
    """The environment of a Kickoff on the test store ``db``, its settings folder beside it."""
    return {"KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "config")}


def quit_and_read(app: PtyApp, db: Path) -> Session:
    """ctrl+q (the app saves first; it must exit 0), then the latest session read back from
    the store ``db``."""
    from kickoff_tui.core.store import Store  # the benchmark imports this module too

    app.send(CTRL_Q)
    assert app.wait_exit(timeout=30) == 0
    store = Store(db)
    return store.load(store.resolve("latest"))


class PtyApp:
    """A program running in its own pseudo-terminal of a given size.

    Args:
        argv: the command line.
        env: extra environment variables (on top of this process's environment).
        size: ``(columns, rows)`` of the terminal.
        cwd: the working folder (default: the repository root).
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        size: tuple[int, int] = (120, 36),
        cwd: Path | None = None,
    ) -> None:
        master, slave = os.openpty()
        columns, rows = size
        # TIOCSWINSZ before the child starts, so its first size query sees 120x36.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        full_env = dict(os.environ)
        full_env.update({"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)})
        # A terminal the app sees as a plain 256-colour xterm, not a test runner's settings.
        for name in ("TEXTUAL", "NO_COLOR", "TEXTUAL_DRIVER", "PYTEST_CURRENT_TEST"):
            full_env.pop(name, None)
        full_env.update(env or {})
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=str(cwd or ROOT),
            start_new_session=True,  # its own session, as a terminal window gives a shell
            # ...whose controlling terminal is this pty, so closing the window (the master)
            # sends it SIGHUP as a real terminal would.
            preexec_fn=_take_controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self._raw = bytearray()
        self._cond = threading.Condition()
        self._closed = False
        self._hang_up = threading.Event()
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()

    # -- reading ---------------------------------------------------------------------------

    def _drain(self) -> None:
        """Read everything the program writes until its side of the terminal closes."""
        while True:
            if self._hang_up.is_set():
                # Closed here, by the only thread that reads it, so no read races the close.
                os.close(self.master)
                self.master = -1
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                break
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
            except (OSError, ValueError):
                break
            if not ready:
                if self._closed:
                    break
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every process holding the slave side has gone
                chunk = b""
            with self._cond:
                if chunk:
                    self._raw.extend(chunk)
                else:
                    self._closed = True
                self._cond.notify_all()
            if not chunk:
                break

    @property
    def raw(self) -> bytes:
        """Everything written to the terminal so far."""
        with self._cond:
            return bytes(self._raw)

    @property
    def offset(self) -> int:
        """How many bytes have been written so far (a mark for :meth:`wait_for`)."""
        with self._cond:
            return len(self._raw)

    def text(self, since: int = 0) -> str:
        """What was written since byte ``since``, escape sequences removed."""
        return strip_ansi(self.raw[since:].decode("utf-8", "replace"))

    def wait_for(self, needle: str, *, since: int = 0, timeout: float = 20.0) -> float:
        """Wait until ``needle`` has been drawn (after byte ``since``).

        Returns:
            ``time.perf_counter()`` when it was seen.

        Raises:
            AssertionError: not drawn within ``timeout`` seconds (the screen is in the message).
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = needle in strip_ansi(self._raw[since:].decode("utf-8", "replace"))
                if found:
                    return time.perf_counter()
                left = deadline - time.monotonic()
                if left <= 0 or (self._closed and not found):
                    tail = strip_ansi(self._raw[-3000:].decode("utf-8", "replace"))
                    state = "exited" if self._closed else "still running"
                    raise AssertionError(
                        f"{needle!r} not drawn within {timeout} s ({state}); last output: {tail!r}"
                    )
                self._cond.wait(min(left, 0.5))

    def wait_quiet(self, quiet: float = 0.15, timeout: float = 10.0) -> None:
        """Wait until nothing has been drawn for ``quiet`` seconds (the app is idle)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while time.monotonic() < deadline:
                size = len(self._raw)
                self._cond.wait(quiet)
                if len(self._raw) == size:
                    return

    # -- writing and ending ----------------------------------------------------------------

    def send(self, data: bytes | str) -> None:
        """Type bytes into the terminal, as a user (or a paste) would."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        view = memoryview(payload)
        while view:
            written = os.write(self.master, view)
            view = view[written:]

    def resize(self, columns: int, rows: int) -> None:
        """Resize the terminal, as dragging the window does (the program gets SIGWINCH)."""
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.signal(signal.SIGWINCH)

    def signal(self, signum: int) -> None:
        """Send a signal to the program."""
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signum)

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Wait for the program to exit and for its last output to be read; its exit code."""
        code = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=5)
        return code

    def hang_up(self) -> None:
        """Close the terminal window: the master side goes away (the kernel sends SIGHUP)."""
        self._hang_up.set()
        self._reader.join(timeout=5)

    def close(self) -> None:
        """Kill the program if it still runs and release the terminal."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=10)
        self._closed = True
        self._reader.join(timeout=5)
        if self.master >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master)
            self.master = -1

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
