"""The clipboard chain: system clipboard, terminal clipboard (OSC 52), and a file, truthfully.

Where the minutes can go, and what can be known about each:

1. the system clipboard through pyperclip: it raises where there is no clipboard tool (SSH,
   headless Linux, CI) and can hang on a broken one, so it runs in a thread with a deadline;
   success is known;
2. the terminal's clipboard through OSC 52 (the UI passes ``App.copy_to_clipboard``, the CLI
   :func:`osc52_to_tty`): the sequence can be *sent*, never confirmed, since a terminal
   (macOS Terminal, tmux by default) may ignore it silently; a text over
   :data:`OSC52_LIMIT` is not sent at all (terminals drop long ones, and pushing a
   megabyte of base64 through the terminal stalls the screen), and the message says so;
3. a file, always: the text is saved (mode 0600, never over another file) so that whatever
   the clipboards did, the minutes can be found; the message points at it.

:class:`CopyResult` records what happened and :meth:`CopyResult.message` says exactly that,
never more. Nothing here raises: a clipboard failure is a message, not a crash.

This module never imports Textual.
"""

from __future__ import annotations

import base64
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kickoff_tui.core.export import ExportError, write_new, write_private

#: Base64 payload bytes above which many terminals drop an OSC 52 sequence (~74 KB: hterm,
#: and tools modelled on it, stop at 100,000 bytes for the whole escape sequence).
OSC52_LIMIT = 74_994
#: How long the system clipboard may take before it is given up on (xclip can hang).
SYSTEM_TIMEOUT_S = 2.0
#: Where the CLI sends OSC 52: the controlling terminal, even when stdout is piped.
TTY_PATH = "/dev/tty"

Copier = Callable[[str], None]


def _pyperclip_copy(text: str) -> None:
    """Copy with pyperclip, imported on first use (it probes for tools when imported)."""
    import pyperclip

    pyperclip.copy(text)


def osc52_max_chars() -> int:
    """How many ASCII characters fit under :data:`OSC52_LIMIT` (fewer for accented text)."""
    return OSC52_LIMIT // 4 * 3


def osc52_fits(text: str) -> bool:
    """Whether ``text``'s OSC 52 payload is within :data:`OSC52_LIMIT`."""
    # len(base64) is 4 * ceil(bytes / 3): computed, not encoded, to stay cheap.
    return 4 * -(-len(text.encode("utf-8")) // 3) <= OSC52_LIMIT


def osc52_payload(text: str) -> str:
    """The base64 payload of the OSC 52 sequence for ``text`` (UTF-8)."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def osc52_sequence(text: str) -> str:
    """The whole OSC 52 escape sequence that sets the clipboard (``c``) to ``text``."""
    return f"\x1b]52;c;{osc52_payload(text)}\x07"


def osc52_to_tty(path: str = TTY_PATH) -> Copier | None:
    """A function sending OSC 52 to the terminal at ``path``, or ``None`` if there is none.

    For the CLI, which has no Textual app to send it: ``kickoff copy`` run over SSH still
    reaches the local clipboard this way when the terminal allows it.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        if not os.isatty(fd):
            return None
    finally:
        os.close(fd)

    def send(text: str) -> None:
        data = osc52_sequence(text).encode("ascii")
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)

    return send


def _shown_path(path: Path) -> str:
    """``./name.md`` for a file under the working folder, else the absolute path."""
    try:
        absolute = path.resolve()
        relative = absolute.relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return str(path)
    return f"./{relative.as_posix()}"


def _short_error(error: BaseException) -> str:
    """A short reason for a failed system copy, in words a user can act on."""
    if type(error).__name__ == "PyperclipException":
        # pyperclip's own text is a paragraph with a URL; what it means fits in four words.
        return "no clipboard tool found"
    text = " ".join(str(error).split())
    reason = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return reason if len(reason) <= 80 else reason[:79] + "…"


def _copy_with_deadline(system: Copier, text: str, timeout: float) -> str:
    """Run ``system(text)`` in a thread; return ``""`` on success, else why it failed.

    The thread is a daemon: if the clipboard tool hangs, the copy is abandoned, not waited for,
    and it cannot keep the program from exiting.
    """
    failure: list[str] = []
    done = threading.Event()

    def run() -> None:
        try:
            system(text)
        except BaseException as error:  # any failure at all is a message, never a crash
            failure.append(_short_error(error))
        finally:
            done.set()

    threading.Thread(target=run, name="kickoff-clipboard", daemon=True).start()
    if not done.wait(timeout):
        return "clipboard tool did not answer"
    return failure[0] if failure else ""


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file holding exactly ``data`` (sizes compared first: cheap)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _save(text: str, file: Path, replace: bool = False) -> tuple[Path | None, str]:
    """Save ``text`` to ``file`` or a free ``-N`` name beside it (``replace``: over ``file``).

    Returns:
        ``(path written, "")``, or ``(None, why not)``.
    """
    if _holds(file, text.encode("utf-8")):
        return file, ""  # already saved, e.g. the wrap-up's Markdown file
    try:
        if replace:
            write_private(file, text)
            return file, ""
        return write_new(file, text), ""
    except ExportError as error:
        return None, str(error)


@dataclass
class CopyResult:
    """What the clipboard chain did with a text; :meth:`message` says it to the user."""

    chars: int
    system: bool  # the system clipboard took it (known)
    system_error: str  # why it did not, short ("no clipboard tool found")
    osc52: bool  # the OSC 52 sequence was sent (whether the terminal took it is unknown)
    osc52_too_big: bool  # the payload is over OSC52_LIMIT: not sent (terminals drop it)
    file: Path | None  # where the text was saved as well (None: not saved)
    file_error: str = ""  # why it could not be saved, when a file was asked for
    label: str = "Minutes"

    @property
    def reached(self) -> bool:
        """Whether the text is known to be somewhere: the system clipboard or a file."""
        return self.system or self.file is not None

    def message(self) -> str:
        """One line saying exactly what was done, and never claiming more than is known."""
        if self.file is not None:
            saved = f"saved to {_shown_path(self.file)}"
        elif self.file_error:
            saved = f"not saved to a file ({self.file_error})"
        else:
            saved = ""
        if self.system:
            head = f"{self.label} copied (system clipboard, {self.chars:,} chars)"
            if self.file is not None:
                return f"{head} and {saved}"
            return f"{head}; {saved}" if saved else head
        if self.osc52_too_big:
            head = (
                f"{self.label} too long for the terminal clipboard ({self.chars:,} chars; "
                f"OSC 52 takes about {osc52_max_chars():,}): not copied"
            )
            if self.file is not None:
                return f"{head}; {saved}: open it to copy"
            return f"{head}; {saved}" if saved else head
        if self.osc52:
            head = "Sent to the terminal clipboard (OSC 52: your terminal must allow it)"
            return f"{head}; {saved}" if saved else head
        why = self.system_error or "no clipboard tool found"
        if saved:
            return f"No clipboard available ({why}); {self.label.lower()} {saved}"
        return f"No clipboard available ({why}); nothing was copied"


def copy_text(
    text: str,
    *,
    file: Path | None,
    system: Copier | None = _pyperclip_copy,
    osc52: Copier | None = None,
    label: str = "Minutes",
    timeout: float = SYSTEM_TIMEOUT_S,
    replace: bool = False,
) -> CopyResult:
    """Put ``text`` on every clipboard within reach and report truthfully what happened.

    Args:
        text: what to copy.
        file: where to save the text as well, or ``None``. A file already there holding the
            same text (the wrap-up's ``.md``) is used as is; one holding anything else is
            never overwritten: ``name-2.md``... is used instead. Saved with mode 0600.
        system: the system clipboard (pyperclip by default); ``None`` skips it.
        osc52: sends OSC 52 (``app.copy_to_clipboard`` or :func:`osc52_to_tty`); ``None``
            skips it. It is sent even when the system copy worked: over SSH the system
            clipboard is the remote machine's, OSC 52 reaches the one in front of the user.
            It is never sent over :data:`OSC52_LIMIT` (``osc52_too_big`` says so).
        label: what the text is, for the message ("Minutes").
        timeout: seconds the system clipboard may take.
        replace: ``file`` may be written over (the caller knows it is Kickoff's own file for
            this session, unchanged since it was written).

    Returns:
        A :class:`CopyResult`; this function does not raise.
    """
    system_ok, system_error = False, ""
    if system is None:
        system_error = "system clipboard not used"
    else:
        system_error = _copy_with_deadline(system, text, timeout)
        system_ok = not system_error

    sent = False
    too_big = False
    if osc52 is not None:
        too_big = not osc52_fits(text)
        if not too_big:
            try:
                osc52(text)
                sent = True
            except Exception:  # a terminal that cannot be written to is a message, not a crash
                sent = False

    saved, file_error = _save(text, file, replace) if file is not None else (None, "")
    return CopyResult(
        chars=len(text),
        system=system_ok,
        system_error=system_error,
        osc52=sent,
        osc52_too_big=too_big,
        file=saved,
        file_error=file_error,
        label=label,
    )
